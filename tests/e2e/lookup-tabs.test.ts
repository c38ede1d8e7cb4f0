// Search, then pop, and the tabs it touches, in real Chromium (#8, #10 item 3, #11, #12): a choice in
// the toolbar popup never navigates an agent desktop, `closeOn` closes a lookup's tab like a plain
// tab's, a re-delivered event reuses the tab and the answer it already has, and rule `all` opens its
// other records beside the named tab (in the CRM window under placement "window").
import type { CDPSession, Page } from 'puppeteer-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DiagnosticEntry } from '../../src/core/worker-api';
import { EXTENSION_ID, pagesAt, sleep, storedDiagnostics as storedLines, tabsAt, waitFor, type ExtensionBrowser } from '../support/browser';
import { windowsNow, windowWith } from '../support/chrome-state';
import { contacts, startCrmApi, type CrmApi } from '../support/crm-api';
import type { FakeSites } from '../support/fake-sites';
import { emitOn, openDesktop, useWorld } from '../support/world';

let api: CrmApi;
let ext: ExtensionBrowser;
let sites: FakeSites;
let desktop: Page;

beforeAll(async () => {
  api = await startCrmApi();
});
afterAll(async () => api?.close());

const DESKTOP = '/desktop/agentdesktop.html';

function config(sites: FakeSites) {
  const crm = `${sites.otherOrigin}/crm`;
  const lookup = (rule: string) => ({
    request: { method: 'GET', url: `${api.origin}/api/contacts`, params: [{ name: 'phone', value: '{ANI|e164}' }], timeoutMs: 3000 },
    results: 'data.items',
    vars: { ACCOUNT_ID: 'id', ACCOUNT_NAME: 'name' },
    multipleMatches: rule,
    noMatchUrl: `${crm}/new?phone={ANI|e164}`,
    fallbackUrl: `${crm}/search?q={ANI|digits}`,
  });
  const record = (id: string, rule: string, action: Record<string, unknown>) => ({
    id,
    when: { phases: ['ringing'], channels: [id] },
    lookup: lookup(rule),
    url: `${crm}/contacts/{ACCOUNT_ID}`,
    action: { type: 'tab', focus: false, ...action },
  });
  return {
    version: 1,
    sources: [{ id: 'sp', adapter: 'screenpop', pages: [`${sites.desktopOrigin}${DESKTOP}*`] }],
    templates: [
      record('picktab', 'ask', { target: 'CRM {INTERACTION_ID}' }),
      record('close', 'first', { target: 'CRM Close', closeOn: ['ended'] }),
      record('redeliver', 'first', { target: 'CRM Redeliver' }),
      record('allwin', 'all', { target: 'CRM Window', placement: 'window' }),
    ],
    settings: {},
  };
}

const world = useWorld(config);

beforeAll(async () => {
  ({ ext, sites } = world);
  desktop = await openDesktop(world, 'agentdesktop.html');
});
beforeEach(() => {
  api.received.length = 0;
  api.answers.clear();
});

const crm = () => `${sites.otherOrigin}/crm`;
const storedDiagnostics = (browser: ExtensionBrowser) => storedLines<DiagnosticEntry>(browser);
const waitingPage = (call: string, templateId: string) =>
  `chrome-extension://${EXTENSION_ID}/src/lookup/index.html?id=${encodeURIComponent(`sp/${call}|${templateId}`)}`;
const ringing = (call: string, channel: string, ani: string) => ({ screenpop: 1, phase: 'ringing', interactionId: call, channel, vars: { ANI: ani } });
const ring = (call: string, channel: string, ani: string) => emitOn(desktop, ringing(call, channel, ani));
const end = (call: string, channel: string) => emitOn(desktop, { screenpop: 1, phase: 'ended', interactionId: call, channel, vars: {} });

async function tabUrls(): Promise<string[]> {
  return (await windowsNow(ext)).flatMap((w) => w.tabs.map((t) => t.url));
}

const TWO = contacts({ id: 'C-71', name: 'Ada Rossi' }, { id: 'C-72', name: 'Bruno Rossi' });

/** The agent picks the match at `index` in the toolbar popup (opened as a page, as the tests do). */
async function pickInPopup(call: string, index: number): Promise<void> {
  const popup = await ext.browser.newPage();
  await popup.goto(`chrome-extension://${EXTENSION_ID}/src/popup/index.html`);
  await popup.waitForSelector(`li[data-key="sp/${call}"] .choose-contact`);
  const buttons = await popup.$$(`li[data-key="sp/${call}"] .choose-contact`);
  await buttons[index]!.click();
  await waitFor(async () => !(await popup.$(`li[data-key="sp/${call}"] .choose-contact`)), 'the choice to be taken');
  await popup.close();
}

describe('a choice in the toolbar popup (security #10 item 3, #11)', () => {
  it('the chooser tab the agent has since taken for an agent desktop is left alone; the record opens in a tab of its own', async () => {
    api.answers.set('+393337000001', TWO);
    await ring('pick-1', 'picktab', '+393337000001');
    const [chooser] = await tabsAt(ext, waitingPage('pick-1', 'picktab'));
    await chooser!.waitForSelector('.choices a');
    // The agent uses that tab for their desktop (the same vendor page, another login).
    const taken = `${sites.desktopOrigin}${DESKTOP}?taken-by-the-agent`;
    await chooser!.goto(taken);
    await pickInPopup('pick-1', 1);
    const [record] = await tabsAt(ext, `${crm()}/contacts/C-72`);
    expect(record).not.toBe(chooser);
    await sleep(500);
    expect(chooser!.url()).toBe(taken);
    expect(await pagesAt(ext, taken)).toHaveLength(1);
    await record!.close();
    await chooser!.close();
  });

  it('while the tab still shows the chooser, the record opens in it', async () => {
    api.answers.set('+393337000002', TWO);
    await ring('pick-2', 'picktab', '+393337000002');
    const [chooser] = await tabsAt(ext, waitingPage('pick-2', 'picktab'));
    await chooser!.waitForSelector('.choices a');
    await pickInPopup('pick-2', 0);
    await waitFor(() => chooser!.url() === `${crm()}/contacts/C-71`, 'the record in the chooser tab');
    expect(await pagesAt(ext, `${crm()}/contacts/C-71`)).toHaveLength(1);
    await chooser!.close();
  });
});

describe('closeOn with a lookup (#12 item 4)', () => {
  it('"ended" closes the tab that shows the record the lookup opened', async () => {
    api.answers.set('+393337000011', contacts({ id: 'C-81', name: 'Carla Close' }));
    await ring('close-1', 'close', '+393337000011');
    await tabsAt(ext, `${crm()}/contacts/C-81`);
    await end('close-1', 'close');
    await waitFor(async () => !(await tabUrls()).some((u) => u.startsWith(`${crm()}/contacts/C-81`)), 'the record tab to close');
    expect(await tabUrls()).toContain(desktop.url());
    const log = await storedDiagnostics(ext);
    expect(log.some((e) => e.key === 'sp/close-1' && e.code === 'tabClosed' && e.summary.startsWith('Tab "CRM Close" closed'))).toBe(true);
  });

  it('a lookup tab the agent has since taken to another site stays open', async () => {
    api.answers.set('+393337000012', contacts({ id: 'C-82', name: 'Dario Stay' }));
    await ring('close-2', 'close', '+393337000012');
    const [record] = await tabsAt(ext, `${crm()}/contacts/C-82`);
    const elsewhere = `${sites.desktopOrigin}/crm/elsewhere`;
    await record!.goto(elsewhere);
    await end('close-2', 'close');
    await waitFor(async () => (await storedDiagnostics(ext)).some((e) => e.key === 'sp/close-2' && e.code === 'tabLeftOpen' && e.summary.startsWith('Tab "CRM Close" left open at "ended"')), 'the left-open diagnostic');
    expect(await tabUrls()).toContain(elsewhere);
    await record!.close();
  });
});

/**
 * Sends `data` to the worker as the bridge re-sends a message it got no acknowledgement for (the
 * worker died between the actions and the write): from the bridge's own world, marked `redelivered`.
 */
async function redeliver(page: Page, data: unknown): Promise<void> {
  const cdp: CDPSession = await page.createCDPSession();
  try {
    const contexts: Array<{ id: number; origin: string; auxData?: { type?: string } }> = [];
    cdp.on('Runtime.executionContextCreated', (event: { context: (typeof contexts)[number] }) => contexts.push(event.context));
    await cdp.send('Runtime.enable');
    const bridge = await waitFor(() => contexts.find((c) => c.auxData?.type === 'isolated' && c.origin.startsWith(`chrome-extension://${EXTENSION_ID}`)), 'the bridge world');
    const message = { kind: 'bridge', sourceId: 'sp', origin: sites.desktopOrigin, data, redelivered: true };
    const { exceptionDetails } = await cdp.send('Runtime.evaluate', {
      contextId: bridge.id,
      expression: `chrome.runtime.sendMessage(${JSON.stringify(message)})`,
      awaitPromise: true,
      returnByValue: true,
    });
    if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
  } finally {
    await cdp.detach();
  }
}

describe('exactly once (#8 item 1)', () => {
  it('a ringing re-delivered after the lookup settled: the same tab, loaded once, no second request', async () => {
    api.answers.set('+393337000021', contacts({ id: 'C-91', name: 'Elio Once' }));
    await ring('re-1', 'redeliver', '+393337000021');
    const [record] = await tabsAt(ext, `${crm()}/contacts/C-91`);
    await waitFor(() => sites.received.find((r) => r.path === '/crm/contacts/C-91'), 'the record loaded');
    // The worker dies with the actions done and the lookup stored, the interaction's record not:
    // the bridge sends the ringing again, marked re-delivered, to the next worker.
    const worker = await ext.worker();
    await worker.evaluate(() => chrome.storage.session.remove('ix:sp/re-1'));
    const target = ext.browser.targets().find((t) => t.type() === 'service_worker' && t.url().includes(ext.extensionId));
    await (await target?.worker())?.close();
    await redeliver(desktop, ringing('re-1', 'redeliver', '+393337000021'));
    await waitFor(async () => (await storedDiagnostics(ext)).some((e) => e.key === 'sp/re-1' && e.code === 'lookupReused'), 'the re-delivered ringing handled');
    await sleep(800);
    expect(api.received.filter((r) => r.query.phone === '+393337000021')).toHaveLength(1);
    expect(await pagesAt(ext, `${crm()}/contacts/C-91`)).toEqual([record]);
    expect(sites.received.filter((r) => r.path === '/crm/contacts/C-91')).toHaveLength(1);
    await record!.close();
  });

  it('a ringing re-delivered to a live worker while the API has not answered: the waiting tab stays the only one, and becomes the record', async () => {
    api.answers.set('+393337000022', { delayMs: 1500, ...contacts({ id: 'C-92', name: 'Fede Wait' }) });
    await ring('re-2', 'redeliver', '+393337000022');
    const [waiting] = await tabsAt(ext, waitingPage('re-2', 'redeliver'));
    await redeliver(desktop, ringing('re-2', 'redeliver', '+393337000022'));
    await waitFor(() => waiting!.url() === `${crm()}/contacts/C-92`, 'the record in the waiting tab');
    await sleep(500);
    expect(await pagesAt(ext, `${crm()}/contacts/C-92`)).toEqual([waiting]);
    expect(await pagesAt(ext, waitingPage('re-2', 'redeliver'))).toHaveLength(0);
    expect(api.received.filter((r) => r.query.phone === '+393337000022')).toHaveLength(1);
    await waiting!.close();
  });
});

describe('rule "all" under placement "window" (#11)', () => {
  it('every record opens in the CRM window, beside the named tab', async () => {
    api.answers.set('+393337000031', contacts({ id: 'C-A1', name: 'One' }, { id: 'C-A2', name: 'Two' }, { id: 'C-A3', name: 'Three' }));
    await ring('all-1', 'allwin', '+393337000031');
    await waitFor(async () => ((await tabUrls()).filter((u) => u.startsWith(`${crm()}/contacts/C-A`)).length === 3 ? true : undefined), 'three record tabs');
    const windows = await windowsNow(ext);
    const agent = windowWith(windows, desktop.url())!;
    const records = windows.flatMap((w) => w.tabs.filter((t) => t.url.startsWith(`${crm()}/contacts/C-A`)).map(() => w.id));
    expect(records).toHaveLength(3);
    expect(new Set(records).size).toBe(1);
    expect(records[0]).not.toBe(agent.id);
  });
});

// Named tabs an agent can trust, in real Chromium against dist/: a window name is only a name
// (`toString` reaches no prototype), an agent desktop is never navigated or closed, `closeOn`
// closes only the page we opened, and a pop opens beside the desktop that heard the event.
import type { Page } from 'puppeteer-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { sleep, storedDiagnostics, waitFor, type ExtensionBrowser } from '../support/browser';
import { emitFrom, runWithoutGesture, screenpop, windowsNow, windowWith } from '../support/chrome-state';
import type { FakeSites } from '../support/fake-sites';
import { openDesktop, useWorld } from '../support/world';

let ext: ExtensionBrowser;
let sites: FakeSites;
let desktop: Page;

const DESKTOP = '/desktop/agentdesktop.html';

function config(sites: FakeSites) {
  const on = (channel: string) => ({ phases: ['answered'], channels: [channel] });
  return {
    version: 1,
    sources: [{ id: 'sp', adapter: 'screenpop', pages: [`${sites.desktopOrigin}${DESKTOP}*`] }],
    templates: [
      { id: 'plain', when: on('plain'), url: `${sites.otherOrigin}/crm/plain?ani={ANI}`, action: { type: 'tab', target: 'CRM Plain', focus: false } },
      {
        id: 'close',
        when: on('close'),
        url: `${sites.otherOrigin}/crm/close?ani={ANI}`,
        action: { type: 'tab', target: 'CRM Close', closeOn: ['ended'] },
      },
      {
        id: 'close-wrapup',
        when: on('wrapup'),
        url: `${sites.otherOrigin}/crm/wrapup?ani={ANI}`,
        action: { type: 'tab', target: 'CRM Wrapup', closeOn: ['wrapup_end'] },
      },
      // A CRM on the agent desktop's own origin: only the source-page rule keeps the desktop open.
      {
        id: 'close-same',
        when: on('same'),
        url: `${sites.desktopOrigin}/crm/same?ani={ANI}`,
        action: { type: 'tab', target: 'CRM Same', closeOn: ['ended'] },
      },
    ],
    settings: {},
  };
}

const world = useWorld(config);

beforeAll(async () => {
  ({ ext, sites } = world);
  desktop = await openDesktop(world, 'agentdesktop.html');
});

const emit = (message: unknown, page: Page = desktop) => emitFrom(page, message);

async function tabUrls(): Promise<string[]> {
  return (await windowsNow(ext)).flatMap((w) => w.tabs.map((t) => t.url));
}

/** A fresh agent desktop no one has clicked: the popup blocker refuses its window.open. */
async function freshDesktop(tag: string): Promise<Page> {
  const page = await ext.browser.newPage();
  await page.goto(`${sites.desktopOrigin}${DESKTOP}?${tag}`);
  await sleep(300);
  return page;
}

describe('the target registry reaches no prototype (security #10, item 3)', () => {
  it('the vendor\'s own window.open(url, "toString") under auto-answer opens a tab named toString and leaves the agent desktop alone', async () => {
    const fresh = await freshDesktop('tostring');
    const desktopUrl = fresh.url();
    const url = `${sites.otherOrigin}/crm/proto?name=toString`;
    const blocked = await runWithoutGesture<boolean>(fresh, `window.popCrm(${JSON.stringify(url)}, 'toString') === null`);
    expect(blocked).toBe(true);
    await waitFor(() => sites.received.find((r) => r.path === '/crm/proto'), 'the rescued CRM request');
    await sleep(300);
    expect(fresh.url()).toBe(desktopUrl);
    const windows = await windowsNow(ext);
    const tabs = windows.flatMap((w) => w.tabs);
    expect(tabs.filter((t) => t.url === desktopUrl)).toHaveLength(1);
    expect(tabs.filter((t) => t.url === url).map((t) => t.group)).toEqual(['toString']);
    await fresh.close();
  });

  it('"constructor" and "valueOf" are ordinary names too: each its own tab, reused by name', async () => {
    const fresh = await freshDesktop('proto-names');
    const desktopUrl = fresh.url();
    for (const name of ['constructor', 'valueOf', 'constructor']) {
      const url = `${sites.otherOrigin}/crm/proto?name=${name}&n=${sites.received.length}`;
      await runWithoutGesture(fresh, `window.popCrm(${JSON.stringify(url)}, ${JSON.stringify(name)})`);
      await waitFor(() => sites.received.find((r) => r.query.n !== undefined && `${sites.otherOrigin}/crm/proto?name=${name}&n=${r.query.n}` === url), `the ${name} request`);
    }
    await sleep(300);
    expect(fresh.url()).toBe(desktopUrl);
    const tabs = (await windowsNow(ext)).flatMap((w) => w.tabs);
    const named = (name: string) => tabs.filter((t) => t.group === name);
    expect(named('constructor')).toHaveLength(1);
    expect(named('constructor')[0]!.url).toContain('name=constructor&n=2');
    expect(named('valueOf')).toHaveLength(1);
    await fresh.close();
  });
});

describe('an agent desktop is never navigated or closed by an action', () => {
  it('the agent took the named CRM tab to the agent desktop: the next pop opens a new tab instead of navigating it', async () => {
    await emit(screenpop('answered', 'plain', 'nav-1', { ANI: '+390600000101' }));
    await waitFor(() => sites.received.find((r) => r.query.ani === '+390600000101'), 'the first CRM request');
    const crm = await waitFor(async () => (await ext.browser.pages()).find((p) => p.url().includes('/crm/plain')), 'the CRM tab');
    // The agent uses that tab for a second agent desktop.
    await crm.goto(`${sites.desktopOrigin}${DESKTOP}?second-desktop`);
    await emit(screenpop('answered', 'plain', 'nav-2', { ANI: '+390600000102' }));
    await waitFor(() => sites.received.find((r) => r.query.ani === '+390600000102'), 'the second CRM request');
    await sleep(300);
    expect(crm.url()).toBe(`${sites.desktopOrigin}${DESKTOP}?second-desktop`);
    const urls = await tabUrls();
    expect(urls.filter((u) => u.startsWith(`${sites.otherOrigin}/crm/plain`))).toEqual([`${sites.otherOrigin}/crm/plain?ani=%2B390600000102`]);
    await crm.close();
  });
});

describe('closeOn', () => {
  it('"ended" closes the interaction\'s CRM tab when it still shows the page we opened', async () => {
    await emit(screenpop('answered', 'close', 'close-1', { ANI: '+390600000201' }));
    await waitFor(() => sites.received.find((r) => r.query.ani === '+390600000201'), 'the CRM request');
    await waitFor(async () => (await tabUrls()).some((u) => u.includes('/crm/close')), 'the CRM tab');
    await emit(screenpop('ended', 'close', 'close-1'));
    await waitFor(async () => !(await tabUrls()).some((u) => u.includes('/crm/close')), 'the CRM tab to close');
    expect(await tabUrls()).toContain(desktop.url());
  });

  it('a tab the agent has since taken to another site stays open', async () => {
    await emit(screenpop('answered', 'close', 'close-2', { ANI: '+390600000202' }));
    const crm = await waitFor(async () => (await ext.browser.pages()).find((p) => p.url().includes('/crm/close')), 'the CRM tab');
    await crm.goto(`${sites.desktopOrigin}/crm/elsewhere`);
    await emit(screenpop('ended', 'close', 'close-2'));
    await waitFor(async () => {
      const log = JSON.stringify(await storedDiagnostics(ext));
      return log.includes('Tab \\"CRM Close\\" left open at \\"ended\\"');
    }, 'the left-open diagnostic');
    expect(await tabUrls()).toContain(`${sites.desktopOrigin}/crm/elsewhere`);
    await crm.close();
  });

  it('a named tab a later interaction took over is not closed by the earlier one\'s end', async () => {
    await emit(screenpop('answered', 'close', 'close-3', { ANI: '+390600000203' }));
    await waitFor(() => sites.received.find((r) => r.query.ani === '+390600000203'), 'the first CRM request');
    await emit(screenpop('answered', 'close', 'close-4', { ANI: '+390600000204' }));
    await waitFor(() => sites.received.find((r) => r.query.ani === '+390600000204'), 'the second CRM request');
    await emit(screenpop('ended', 'close', 'close-3'));
    await sleep(800);
    expect((await tabUrls()).filter((u) => u.includes('/crm/close'))).toEqual([`${sites.otherOrigin}/crm/close?ani=%2B390600000204`]);
    await emit(screenpop('ended', 'close', 'close-4'));
    await waitFor(async () => !(await tabUrls()).some((u) => u.includes('/crm/close')), 'the CRM tab to close at the second end');
  });

  it('"wrapup_end" waits for the wrap-up: "ended" leaves the tab open', async () => {
    await emit(screenpop('answered', 'wrapup', 'wrap-1', { ANI: '+390600000205' }));
    await waitFor(async () => (await tabUrls()).some((u) => u.includes('/crm/wrapup')), 'the CRM tab');
    await emit(screenpop('ended', 'wrapup', 'wrap-1'));
    await sleep(800);
    expect((await tabUrls()).some((u) => u.includes('/crm/wrapup'))).toBe(true);
    await emit(screenpop('wrapup_end', 'wrapup', 'wrap-1'));
    await waitFor(async () => !(await tabUrls()).some((u) => u.includes('/crm/wrapup')), 'the CRM tab to close at wrap-up end');
  });

  it('never closes an agent desktop, even one on the CRM\'s own origin', async () => {
    await emit(screenpop('answered', 'same', 'same-1', { ANI: '+390600000206' }));
    const crm = await waitFor(async () => (await ext.browser.pages()).find((p) => p.url().includes('/crm/same')), 'the CRM tab');
    await crm.goto(`${sites.desktopOrigin}${DESKTOP}?agent-reused`);
    await emit(screenpop('ended', 'same', 'same-1'));
    await sleep(800);
    expect(await tabUrls()).toContain(`${sites.desktopOrigin}${DESKTOP}?agent-reused`);
    await crm.close();
  });
});

describe('two agent desktops in two windows', () => {
  it('a pop opens beside the desktop that heard the event', async () => {
    const worker = await ext.worker();
    const secondUrl = `${sites.desktopOrigin}${DESKTOP}?window-2`;
    const secondWindowId = await worker.evaluate(async (url: string) => (await chrome.windows.create({ url, focused: false }))?.id ?? -1, secondUrl);
    const second = await waitFor(async () => (await ext.browser.pages()).find((p) => p.url() === secondUrl), 'the second desktop');
    await sleep(300);
    const firstWindowId = windowWith(await windowsNow(ext), `${sites.desktopOrigin}${DESKTOP}`)!.id;
    expect(firstWindowId).not.toBe(secondWindowId);

    await emit(screenpop('answered', 'plain', 'two-1', { ANI: '+390600000301' }), second);
    await waitFor(() => sites.received.find((r) => r.query.ani === '+390600000301'), 'the pop of the second desktop');
    let windows = await windowsNow(ext);
    expect(windowWith(windows, `${sites.otherOrigin}/crm/plain`)?.id).toBe(secondWindowId);

    // The first desktop's next call: the named tab comes to its window, still one tab.
    await emit(screenpop('answered', 'plain', 'two-2', { ANI: '+390600000302' }));
    await waitFor(() => sites.received.find((r) => r.query.ani === '+390600000302'), 'the pop of the first desktop');
    await sleep(300);
    windows = await windowsNow(ext);
    const crmTabs = windows.flatMap((w) => w.tabs.filter((t) => t.url.startsWith(`${sites.otherOrigin}/crm/plain`)).map(() => w.id));
    expect(crmTabs).toEqual([windows.find((w) => w.tabs.some((t) => t.url === desktop.url()))!.id]);
    await second.close();
  });
});

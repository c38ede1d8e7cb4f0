// The actions beyond the plain tab, in real Chromium against dist/: webhooks through the durable
// outbox, the clipboard, the CRM window, the side panel, CCAI's record pop and the popup rescue.
import type { Page } from 'puppeteer-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DiagnosticEntry } from '../../src/core/worker-api';
import { pagesAt, sleep, storedDiagnostics, tabsAt as tabsAtIn, waitFor, type ExtensionBrowser } from '../support/browser';
import type { FakeSites } from '../support/fake-sites';
import { openDesktop, runWithoutGesture, useWorld } from '../support/world';

let ext: ExtensionBrowser;
let sites: FakeSites;
let desktop: Page;

const DESKTOP = '/desktop/agentdesktop.html';

function config(sites: FakeSites) {
  const page = `${sites.desktopOrigin}${DESKTOP}*`;
  const crm = `${sites.otherOrigin}/crm`;
  const answered = (channel: string) => ({ phases: ['answered'], channels: [channel], sources: ['sp'] });
  return {
    version: 1,
    sources: [
      { id: 'sp', adapter: 'screenpop', pages: [page] },
      { id: 'ccai', adapter: 'ccai', pages: [page] },
    ],
    templates: [
      {
        id: 'tvox-answer',
        when: answered('hooka'),
        url: `${sites.otherOrigin}/hook/tvox`,
        params: [
          { name: 'ani', value: '{ANI}' },
          { name: 'call', value: '{INTERACTION_ID}' },
          { name: 'phase', value: '{PHASE}' },
          { name: 'email', value: '{EMAIL}' },
        ],
        action: { type: 'webhook', method: 'POST', body: 'json', auth: { type: 'basic', username: 'agent7', password: 's3cret-pw' } },
      },
      {
        id: 'puzzel-hook',
        when: answered('hookb'),
        url: `${sites.otherOrigin}/hook/puzzel?ani={ANI}`,
        action: { type: 'webhook', method: 'POST', body: 'form', auth: { type: 'header', name: 'X-Api-Key', value: 'key-abc-123' } },
        params: [{ name: 'ani', value: '{ANI}' }],
      },
      { id: 'clip', when: answered('clip'), action: { type: 'clipboard', text: 'Caller {ANI}' } },
      {
        id: 'win',
        when: answered('win'),
        url: `${crm}/win?ani={ANI}`,
        action: { type: 'tab', placement: 'window', target: 'CRM Window' },
      },
      {
        id: 'panel',
        when: answered('panel'),
        url: `${crm}/panel?ani={ANI}`,
        action: { type: 'tab', placement: 'sidepanel', target: 'CRM Panel', focus: false },
      },
      { id: 'record', when: { phases: ['record'], sources: ['ccai'] }, action: { type: 'record', target: 'CRM Record' } },
    ],
    settings: {},
  };
}

const answered = (channel: string, interactionId: string, vars: Record<string, string>) => ({
  screenpop: 1,
  phase: 'answered',
  interactionId,
  channel,
  vars,
});

async function emit(message: unknown): Promise<void> {
  await runWithoutGesture(desktop, `window.emit(${JSON.stringify(message)})`);
}

const tabsAt = (prefix: string) => tabsAtIn(ext, prefix);

/** Waits for the tab's title (the target name); a tab still committing its page has none yet. */
async function titled(page: Page, title: string): Promise<void> {
  await waitFor(async () => (await page.title().catch(() => '')) === title, `the tab title "${title}"`);
}

const hooks = (path: string) => sites.received.filter((r) => r.path === path);

async function diagnostics(): Promise<DiagnosticEntry[]> {
  return storedDiagnostics<DiagnosticEntry>(ext);
}

async function diagnosticMatching(pattern: RegExp, what: string, timeoutMs = 10_000): Promise<DiagnosticEntry> {
  return waitFor(async () => (await diagnostics()).find((e) => pattern.test(e.summary)), what, timeoutMs);
}

async function windowsWithTabs() {
  const worker = await ext.worker();
  return worker.evaluate(async () =>
    (await chrome.windows.getAll({ populate: true })).map((w) => ({ id: w.id!, urls: (w.tabs ?? []).map((t) => t.url ?? t.pendingUrl ?? '') })),
  );
}

const world = useWorld(config);

beforeAll(async () => {
  ({ ext, sites } = world);
  desktop = await openDesktop(world, 'agentdesktop.html');
});

describe('webhook action (durable outbox)', () => {
  it('POSTs the JSON body with basic auth and an Idempotency-Key; the credentials stay out of diagnostics', async () => {
    await emit(answered('hooka', 'call-1', { ANI: '+390612345678' }));
    const request = await waitFor(() => hooks('/hook/tvox')[0], 'the webhook request');
    expect(request.method).toBe('POST');
    expect(JSON.parse(request.body)).toEqual({ ani: '+390612345678', call: 'call-1', phase: 'answered' });
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers.authorization).toBe(`Basic ${Buffer.from('agent7:s3cret-pw').toString('base64')}`);
    expect(request.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    await diagnosticMatching(/tvox-answer: webhook delivered \(HTTP 200, attempt 1\)/, 'the "delivered" diagnostic');
    const log = JSON.stringify(await diagnostics());
    expect(log).not.toContain('s3cret-pw');
    expect(log).not.toContain(Buffer.from('agent7:s3cret-pw').toString('base64'));
  });

  it('answered 503, then 200: delivered on the retry with the same Idempotency-Key', async () => {
    sites.hookStatus = 503;
    await emit(answered('hookb', 'call-2', { ANI: '+390600000002' }));
    const first = await waitFor(() => hooks('/hook/puzzel')[0], 'the first attempt');
    sites.hookStatus = 200;
    const second = await waitFor(() => hooks('/hook/puzzel')[1], 'the retry', 8_000);
    // Back-off: not hammered at once.
    expect(second.at - first.at).toBeGreaterThanOrEqual(1_500);
    expect(second.headers['idempotency-key']).toBe(first.headers['idempotency-key']);
    expect(second.body).toBe('ani=%2B390600000002');
    expect(second.headers['x-api-key']).toBe('key-abc-123');
    await diagnosticMatching(/puzzel-hook: webhook attempt 1 failed \(HTTP 503\)/, 'the failed-attempt diagnostic');
    await diagnosticMatching(/puzzel-hook: webhook delivered \(HTTP 200, attempt 2\)/, 'the delivered diagnostic');
    await sleep(2_500);
    expect(hooks('/hook/puzzel')).toHaveLength(2);
    expect(JSON.stringify(await diagnostics())).not.toContain('key-abc-123');
  });

  it('a 404 is given up at once, without retries', async () => {
    sites.hookStatus = 404;
    await emit(answered('hookb', 'call-404', { ANI: '+390600000404' }));
    await diagnosticMatching(/puzzel-hook: webhook failed: HTTP 404/, 'the failed diagnostic');
    await sleep(2_500);
    expect(hooks('/hook/puzzel')).toHaveLength(1);
  });

  it('a delivery pending while the service worker is stopped is delivered: its alarm wakes the worker', async () => {
    sites.hookStatus = 503;
    await emit(answered('hookb', 'call-3', { ANI: '+390600000003' }));
    const first = await waitFor(() => hooks('/hook/puzzel')[0], 'the first attempt');
    // The retry is on disk and an alarm will wake the worker for it.
    const worker = await ext.worker();
    await waitFor(() => worker.evaluate(async () => (await chrome.alarms.get('webhook-outbox')) !== undefined), 'the outbox alarm');
    await ext.stopWorker();
    sites.hookStatus = 200;
    // Nothing here wakes the worker: the outbox's own alarm does (an unpacked extension's alarm
    // may ring within seconds; Chrome holds a packed one to 30 s).
    const retried = await waitFor(() => hooks('/hook/puzzel')[1], 'the retry after the restart', 15_000);
    expect(retried.headers['idempotency-key']).toBe(first.headers['idempotency-key']);
    await diagnosticMatching(/puzzel-hook: webhook delivered \(HTTP 200, attempt 2\)/, 'the delivered diagnostic');
  });
});

describe('clipboard action', () => {
  it('puts the rendered text on the clipboard', async () => {
    await emit(answered('clip', 'call-4', { ANI: '+390611112222' }));
    await diagnosticMatching(/clip: copied to the clipboard/, 'the copied diagnostic');
    await ext.browser.defaultBrowserContext().overridePermissions(sites.desktopOrigin, ['clipboard-read', 'clipboard-sanitized-write']);
    await desktop.bringToFront();
    const text = await desktop.evaluate(() => navigator.clipboard.readText());
    expect(text).toBe('Caller +390611112222');
  });
});

describe('placement "window"', () => {
  it('opens one dedicated CRM window and reuses it for the next interaction', async () => {
    const before = await windowsWithTabs();
    await emit(answered('win', 'call-5', { ANI: '+390600000005' }));
    await waitFor(() => sites.received.find((r) => r.path === '/crm/win'), 'the CRM window request');
    const during = await windowsWithTabs();
    expect(during).toHaveLength(before.length + 1);
    const crmWindow = during.find((w) => !before.some((b) => b.id === w.id))!;
    expect(crmWindow.urls).toEqual([`${sites.otherOrigin}/crm/win?ani=%2B390600000005`]);

    await emit(answered('win', 'call-6', { ANI: '+390600000006' }));
    await waitFor(() => sites.received.find((r) => r.query.ani === '+390600000006'), 'the second request');
    await sleep(300);
    const after = await windowsWithTabs();
    expect(after).toHaveLength(before.length + 1);
    expect(after.find((w) => w.id === crmWindow.id)?.urls).toEqual([`${sites.otherOrigin}/crm/win?ani=%2B390600000006`]);
  });
});

describe('placement "sidepanel"', () => {
  it('without a user gesture (auto-answer) falls back to the named tab and says why', async () => {
    await desktop.bringToFront();
    await emit(answered('panel', 'call-7', { ANI: '+390600000007' }));
    await waitFor(() => sites.received.find((r) => r.path === '/crm/panel'), 'the fallback tab request');
    const tabs = await tabsAt(`${sites.otherOrigin}/crm/panel`);
    expect(tabs).toHaveLength(1);
    await titled(tabs[0]!, 'CRM Panel');
    const entry = await diagnosticMatching(/panel: tab "CRM Panel" opened \(side panel not shown: /, 'the fallback diagnostic');
    expect(entry.summary).toMatch(/click by the agent/);
    // The panel is ready beside the agent desktop, should the agent open it.
    const worker = await ext.worker();
    const desktopTabId = await worker.evaluate(
      async (url: string) => (await chrome.tabs.query({ url: `${url}*` }))[0]?.id,
      `${sites.desktopOrigin}${DESKTOP}`,
    );
    const options = await worker.evaluate((tabId: number) => chrome.sidePanel.getOptions({ tabId }), desktopTabId!);
    expect(options.enabled).toBe(true);
    expect(decodeURIComponent(options.path ?? '')).toContain(`${sites.otherOrigin}/crm/panel?ani=%2B390600000007`);
  });
});

describe('placement "sidepanel" with the panel open', () => {
  it('once the agent has opened the side panel, the next interaction shows in it and opens no tab', async () => {
    const worker = await ext.worker();
    const windowId = await worker.evaluate(
      async (url: string) => (await chrome.tabs.query({ url: `${url}*` }))[0]?.windowId,
      `${sites.desktopOrigin}${DESKTOP}`,
    );
    // The agent's click: a real input event on an extension page, the only way Chrome opens a panel.
    const page = await ext.browser.newPage();
    await page.goto(ext.optionsUrl);
    await page.evaluate((id: number) => {
      const button = document.createElement('button');
      button.id = 'open-panel';
      button.style.cssText = 'position:fixed;inset:0;z-index:2147483647';
      button.onclick = () => void chrome.sidePanel.open({ windowId: id });
      document.body.append(button);
    }, windowId!);
    await page.click('#open-panel');
    await waitFor(() => worker.evaluate(async () => (await chrome.runtime.getContexts({ contextTypes: ['SIDE_PANEL' as chrome.runtime.ContextType] })).length > 0), 'the open side panel');
    await page.close();
    await desktop.bringToFront();
    // Beside the agent desktop, the panel shows that tab's last CRM page (the fallback's, above).
    await waitFor(() => sites.received.find((r) => r.path === '/crm/panel' && r.query.ani === '+390600000007'), 'the panel showing the last CRM page');
    await emit(answered('panel', 'call-9', { ANI: '+390600000009' }));
    await waitFor(() => sites.received.find((r) => r.path === '/crm/panel' && r.query.ani === '+390600000009'), 'the CRM page loading in the panel');
    await diagnosticMatching(/panel: tab "CRM Panel" shown in the side panel/, 'the side panel diagnostic');
    const panelTabs = await pagesAt(ext, `${sites.otherOrigin}/crm/panel`);
    expect(panelTabs.map((t) => t.url())).toEqual([`${sites.otherOrigin}/crm/panel?ani=%2B390600000007`]);
  });
});

describe('record action (CCAI CRM_Record_Pop)', () => {
  it('opens the recordUrl the event carries, in the named tab', async () => {
    const recordUrl = `${sites.otherOrigin}/crm/record/4711?from=ccai`;
    await emit({ type: 'CRM_Record_Pop', data: { call_id: 9001, recordUrl } });
    await waitFor(() => sites.received.find((r) => r.path === '/crm/record/4711'), 'the record request');
    const tabs = await tabsAt(`${sites.otherOrigin}/crm/record/`);
    expect(tabs.map((t) => t.url())).toEqual([recordUrl]);
    await titled(tabs[0]!, 'CRM Record');
  });

  it('refuses a javascript: or data: recordUrl: nothing opens, diagnostics say why', async () => {
    const before = (await ext.browser.pages()).length;
    await emit({ type: 'CRM_Record_Pop', data: { call_id: 9002, recordUrl: 'javascript:alert(document.cookie)' } });
    await emit({ type: 'CRM_Record_Pop', data: { call_id: 9003, recordUrl: 'data:text/html,<script>alert(1)</script>' } });
    await diagnosticMatching(/record: URL refused: the scheme "javascript:" is not allowed/, 'the javascript: refusal');
    await diagnosticMatching(/record: URL refused: the scheme "data:" is not allowed/, 'the data: refusal');
    await sleep(300);
    const pages = await ext.browser.pages();
    expect(pages).toHaveLength(before);
    expect(pages.some((p) => /^(javascript|data):/.test(p.url()))).toBe(false);
  });
});

describe('popup rescue', () => {
  it('a window.open the popup blocker refused is opened by the extension as the named target', async () => {
    // A fresh agent desktop that no one has clicked: no transient user activation at all.
    const fresh = await ext.browser.newPage();
    await fresh.goto(`${sites.desktopOrigin}${DESKTOP}?fresh`);
    await sleep(300);
    const url = `${sites.otherOrigin}/crm/rescued?ani=%2B390600000008`;
    const outcome = await runWithoutGesture<{ active: boolean; blocked: boolean }>(
      fresh,
      `({ active: navigator.userActivation.isActive, blocked: window.popCrm(${JSON.stringify(url)}, 'CRM Rescue') === null })`,
    );
    // The blocker really refused it: this is the auto-answer case, not a user's click.
    expect(outcome).toEqual({ active: false, blocked: true });
    await waitFor(() => sites.received.find((r) => r.path === '/crm/rescued'), 'the rescued request');
    const tabs = await tabsAt(`${sites.otherOrigin}/crm/rescued`);
    expect(tabs.map((t) => t.url())).toEqual([url]);
    await titled(tabs[0]!, 'CRM Rescue');
    await diagnosticMatching(/Blocked popup rescued: tab "CRM Rescue" opened/, 'the rescue diagnostic');
  });
});

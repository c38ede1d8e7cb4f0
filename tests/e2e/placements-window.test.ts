// The CRM window and the side panel, in real Chromium against dist/, checked the way Chrome
// reports them: windows, their tabs, groups, bounds and focus; what rendered in the side panel.
import type { Page } from 'puppeteer-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { sleep, waitFor, type ExtensionBrowser } from '../support/browser';
import { emitFrom, lastFocusedWindowId, screenpop, windowsNow, windowWith } from '../support/chrome-state';
import type { FakeSites } from '../support/fake-sites';
import { openDesktop, useWorld } from '../support/world';

let ext: ExtensionBrowser;
let sites: FakeSites;
let desktop: Page;

const DESKTOP = '/desktop/agentdesktop.html';
const BOUNDS = { left: 40, top: 30, width: 900, height: 700 };

function config(sites: FakeSites) {
  const on = (channel: string, phases = ['answered']) => ({ phases, channels: [channel] });
  const windowAction = (focus: boolean) => ({ type: 'tab', placement: 'window', target: 'CRM Window', focus, window: BOUNDS });
  const panel = (id: string, url: string) => ({
    id,
    when: on(id),
    url,
    action: { type: 'tab', placement: 'sidepanel', target: 'CRM Panel', focus: false },
  });
  return {
    version: 1,
    sources: [{ id: 'sp', adapter: 'screenpop', pages: [`${sites.desktopOrigin}${DESKTOP}*`] }],
    templates: [
      { id: 'win-bg', when: on('winbg'), url: `${sites.otherOrigin}/crm/win?ani={ANI}`, action: windowAction(false) },
      { id: 'win-fg', when: on('winfg'), url: `${sites.otherOrigin}/crm/win?ani={ANI}`, action: windowAction(true) },
      {
        id: 'win-chat',
        when: on('winchat'),
        url: `${sites.otherOrigin}/crm/chat?ani={ANI}`,
        action: { ...windowAction(false), target: 'CRM Chat' },
      },
      {
        id: 'win-max',
        when: on('winmax'),
        url: `${sites.otherOrigin}/crm/win?ani={ANI}`,
        action: { ...windowAction(false), window: { left: 60, top: 50, width: 800, height: 600, state: 'maximized' } },
      },
      panel('panelok', `${sites.otherOrigin}/crm/beacon/ok?ani={ANI}`),
      panel('paneldeny', `${sites.otherOrigin}/crm/beacon/deny/listed?ani={ANI}`),
      panel('panelunlisted', `${sites.desktopOrigin}/crm/beacon/deny/unlisted?ani={ANI}`),
    ],
    settings: { sidePanelOrigins: [sites.otherOrigin] },
  };
}

// No emulated viewport: puppeteer's would resize every window it attaches to, the CRM window too.
const world = useWorld(config, { windowSize: { width: 1200, height: 900 } });

beforeAll(async () => {
  ({ ext, sites } = world);
  desktop = await openDesktop(world, 'agentdesktop.html');
  await desktop.bringToFront();
});

const emit = (message: unknown) => emitFrom(desktop, message);
const desktopWindowId = async () => windowWith(await windowsNow(ext), desktop.url())!.id;

describe('placement "window"', () => {
  it('focus: false opens one dedicated CRM window at the action\'s bounds, holding only the CRM tab, without taking the focus', async () => {
    const agentWindow = await desktopWindowId();
    expect(await lastFocusedWindowId(ext)).toBe(agentWindow);
    const before = await windowsNow(ext);
    await emit(screenpop('answered', 'winbg', 'w-1', { ANI: '+390600000401' }));
    await waitFor(() => sites.received.find((r) => r.query.ani === '+390600000401'), 'the CRM request');
    await sleep(300);
    const after = await windowsNow(ext);
    expect(after).toHaveLength(before.length + 1);
    const crm = after.find((w) => !before.some((b) => b.id === w.id))!;
    expect(crm.tabs.map((t) => [t.url, t.group])).toEqual([[`${sites.otherOrigin}/crm/win?ani=%2B390600000401`, 'CRM Window']]);
    expect({ left: crm.left, top: crm.top, width: crm.width, height: crm.height }).toEqual(BOUNDS);
    expect(crm.focused).toBe(false);
    // The agent's window keeps the focus and gets no CRM tab, no group.
    expect(await lastFocusedWindowId(ext)).toBe(agentWindow);
    const agent = after.find((w) => w.id === agentWindow)!;
    expect(agent.tabs.filter((t) => t.url.includes('/crm/') || t.group !== '')).toEqual([]);
  });

  it('the next interaction reuses the same window and tab, still without raising it', async () => {
    const agentWindow = await desktopWindowId();
    const crmBefore = windowWith(await windowsNow(ext), `${sites.otherOrigin}/crm/win`)!;
    await emit(screenpop('answered', 'winbg', 'w-2', { ANI: '+390600000402' }));
    await waitFor(() => sites.received.find((r) => r.query.ani === '+390600000402'), 'the second CRM request');
    await sleep(300);
    const windows = await windowsNow(ext);
    const crm = windowWith(windows, `${sites.otherOrigin}/crm/win`)!;
    expect(crm.id).toBe(crmBefore.id);
    expect(crm.tabs.map((t) => t.url)).toEqual([`${sites.otherOrigin}/crm/win?ani=%2B390600000402`]);
    expect(crm.focused).toBe(false);
    expect(await lastFocusedWindowId(ext)).toBe(agentWindow);
  });

  it('another target in the same placement becomes a second tab of the same CRM window, still behind the agent desktop', async () => {
    const agentWindow = await desktopWindowId();
    const crmBefore = windowWith(await windowsNow(ext), `${sites.otherOrigin}/crm/win`)!;
    await emit(screenpop('answered', 'winchat', 'c-1', { ANI: '+390600000411' }));
    await waitFor(() => sites.received.find((r) => r.query.ani === '+390600000411'), 'the chat CRM request');
    await sleep(300);
    const windows = await windowsNow(ext);
    const crm = windows.find((w) => w.id === crmBefore.id)!;
    expect(crm.tabs.map((t) => [t.url, t.group])).toEqual([
      [`${sites.otherOrigin}/crm/win?ani=%2B390600000402`, 'CRM Window'],
      [`${sites.otherOrigin}/crm/chat?ani=%2B390600000411`, 'CRM Chat'],
    ]);
    expect(crm.focused).toBe(false);
    expect(await lastFocusedWindowId(ext)).toBe(agentWindow);
    expect(windows.find((w) => w.id === agentWindow)!.tabs.some((t) => t.url.includes('/crm/'))).toBe(false);
    // Out of the way again for the tests below: one CRM tab in the window.
    const worker = await ext.worker();
    await worker.evaluate((id: number) => chrome.tabs.remove(id), crm.tabs[1]!.id);
  });

  it('moved and resized by the agent, then closed: it opens again where the agent left it', async () => {
    const crmPage = await waitFor(async () => (await ext.browser.pages()).find((p) => p.url().includes('/crm/win')), 'the CRM page');
    // The agent drags the window: the browser moves it, not the extension.
    const cdp = await crmPage.createCDPSession();
    const { windowId } = await cdp.send('Browser.getWindowForTarget');
    await cdp.send('Browser.setWindowBounds', { windowId, bounds: { left: 120, top: 90, width: 760, height: 560 } });
    await cdp.detach();
    const worker = await ext.worker();
    await waitFor(
      () => worker.evaluate(async () => {
        const stored = (await chrome.storage.local.get('crmWindowBounds')).crmWindowBounds as { bounds?: { left?: number } } | undefined;
        return stored?.bounds?.left === 120 ? JSON.stringify(stored) : undefined;
      }),
      'the remembered bounds',
    ).then((json) => expect(JSON.parse(json)).toMatchObject({ bounds: { left: 120, top: 90, width: 760, height: 560, state: 'normal' } }));
    const crmWindow = windowWith(await windowsNow(ext), `${sites.otherOrigin}/crm/win`)!;
    await worker.evaluate((id: number) => chrome.windows.remove(id), crmWindow.id);
    await waitFor(async () => !windowWith(await windowsNow(ext), `${sites.otherOrigin}/crm/win`), 'the CRM window to close');

    await emit(screenpop('answered', 'winbg', 'w-3', { ANI: '+390600000403' }));
    await waitFor(() => sites.received.find((r) => r.query.ani === '+390600000403'), 'the CRM request');
    await sleep(300);
    const reopened = windowWith(await windowsNow(ext), `${sites.otherOrigin}/crm/win`)!;
    expect(reopened.id).not.toBe(crmWindow.id);
    expect({ left: reopened.left, top: reopened.top, width: reopened.width, height: reopened.height }).toEqual({ left: 120, top: 90, width: 760, height: 560 });
    expect(reopened.focused).toBe(false);
  });

  it('focus: true brings the same CRM window to the front', async () => {
    const crmBefore = windowWith(await windowsNow(ext), `${sites.otherOrigin}/crm/win`)!;
    await emit(screenpop('answered', 'winfg', 'w-4', { ANI: '+390600000404' }));
    await waitFor(() => sites.received.find((r) => r.query.ani === '+390600000404'), 'the CRM request');
    await waitFor(async () => (await lastFocusedWindowId(ext)) === crmBefore.id, 'the CRM window to take the focus');
    // The server answers before Chrome commits the navigation: wait for the tab to show it.
    const wanted = `${sites.otherOrigin}/crm/win?ani=%2B390600000404`;
    const crm = await waitFor(async () => {
      const found = windowWith(await windowsNow(ext), `${sites.otherOrigin}/crm/win`);
      return found?.tabs.some((t) => t.url === wanted) ? found : undefined;
    }, 'the CRM window to show the new interaction');
    expect(crm.id).toBe(crmBefore.id);
    expect(crm.tabs.map((t) => t.url)).toEqual([wanted]);
    await desktop.bringToFront();
  });
});

describe('placement "window" with state "maximized"', () => {
  it('opens maximized, and the agent keeps the focus', async () => {
    const worker = await ext.worker();
    const agentWindow = await desktopWindowId();
    const open = windowWith(await windowsNow(ext), `${sites.otherOrigin}/crm/win`);
    if (open) await worker.evaluate((id: number) => chrome.windows.remove(id), open.id);
    await desktop.bringToFront();
    await waitFor(async () => (await lastFocusedWindowId(ext)) === agentWindow, 'the agent window focused');
    await emit(screenpop('answered', 'winmax', 'w-5', { ANI: '+390600000405' }));
    await waitFor(() => sites.received.find((r) => r.query.ani === '+390600000405'), 'the CRM request');
    const crm = await waitFor(async () => {
      const found = windowWith(await windowsNow(ext), `${sites.otherOrigin}/crm/win`);
      return found?.state === 'maximized' ? found : undefined;
    }, 'a maximized CRM window');
    expect(crm.tabs.map((t) => t.url)).toEqual([`${sites.otherOrigin}/crm/win?ani=%2B390600000405`]);
    await sleep(300);
    expect(await lastFocusedWindowId(ext)).toBe(agentWindow);
  });
});

describe('side panel and CRMs that refuse framing', () => {
  const rendered = (path: string, ani: string) =>
    sites.received.find((r) => r.path === '/hook/rendered' && r.query.path === path && r.query.ani === ani);

  async function sidePanelPage(): Promise<Page> {
    const prefix = `chrome-extension://${ext.extensionId}/src/sidepanel/index.html`;
    const target = await ext.browser.waitForTarget((t) => t.url().startsWith(prefix), { timeout: 10_000 });
    return (await target.asPage())!;
  }

  beforeAll(async () => {
    const worker = await ext.worker();
    const windowId = await desktopWindowId();
    // The agent's click: a real input event on an extension page, the only way Chrome opens a panel.
    const page = await ext.browser.newPage();
    await page.goto(ext.optionsUrl);
    await page.evaluate((id: number) => {
      const button = document.createElement('button');
      button.id = 'open-panel';
      button.style.cssText = 'position:fixed;inset:0;z-index:2147483647';
      button.onclick = () => void chrome.sidePanel.open({ windowId: id });
      document.body.append(button);
    }, windowId);
    await page.click('#open-panel');
    await waitFor(() => worker.evaluate(async () => (await chrome.runtime.getContexts({ contextTypes: ['SIDE_PANEL' as chrome.runtime.ContextType] })).length > 0), 'the open side panel');
    await page.close();
    await desktop.bringToFront();
  });

  it('a CRM that allows framing renders in the side panel', async () => {
    await emit(screenpop('answered', 'panelok', 'p-1', { ANI: '+390600000601' }));
    await waitFor(() => rendered('/crm/beacon/ok', '+390600000601'), 'the CRM rendering in the panel');
  });

  it('a CRM sending X-Frame-Options: DENY renders in the side panel when the admin lists its origin', async () => {
    await emit(screenpop('answered', 'paneldeny', 'p-2', { ANI: '+390600000602' }));
    await waitFor(() => rendered('/crm/beacon/deny/listed', '+390600000602'), 'the refusing CRM rendering in the panel');
    const panel = await sidePanelPage();
    expect(await panel.$eval('#crm', (f) => (f as HTMLIFrameElement).src)).toBe(`${sites.otherOrigin}/crm/beacon/deny/listed?ani=%2B390600000602`);
  });

  it('an unlisted CRM sending X-Frame-Options: DENY stays refused; the panel says so and links to a tab', async () => {
    await emit(screenpop('answered', 'panelunlisted', 'p-3', { ANI: '+390600000603' }));
    await waitFor(() => sites.received.find((r) => r.path === '/crm/beacon/deny/unlisted'), 'the CRM request');
    await sleep(1_000);
    expect(rendered('/crm/beacon/deny/unlisted', '+390600000603')).toBeUndefined();
    const panel = await sidePanelPage();
    const link = await panel.$eval('#open-tab', (a) => ({ href: (a as HTMLAnchorElement).href, hidden: (a as HTMLAnchorElement).hidden }));
    expect(link).toEqual({ href: `${sites.desktopOrigin}/crm/beacon/deny/unlisted?ani=%2B390600000603`, hidden: false });
    expect(await panel.$eval('#note', (p) => p.textContent)).toMatch(/refuses to be shown here/);
  });

  it('the listed CRM keeps refusing every other frame: a web page framing it shows nothing', async () => {
    await desktop.evaluate((src: string) => {
      const frame = document.createElement('iframe');
      frame.src = src;
      document.body.append(frame);
    }, `${sites.otherOrigin}/crm/beacon/deny/listed?ani=framed-by-a-page`);
    await waitFor(() => sites.received.find((r) => r.query.ani === 'framed-by-a-page' && r.path.startsWith('/crm/')), 'the framed request');
    await sleep(1_000);
    expect(rendered('/crm/beacon/deny/listed', 'framed-by-a-page')).toBeUndefined();
  });
});

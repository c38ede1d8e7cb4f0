// The notify action in real Chromium against dist/: notifications as Chrome lists them, and what
// a click on one (or on its "Open CRM" button) opens, as Chrome reports windows and tabs.
import type { Page } from 'puppeteer-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { sleep, waitFor, type ExtensionBrowser } from '../support/browser';
import { emitFrom, notificationsNow, screenpop, windowsNow, windowWith } from '../support/chrome-state';
import type { FakeSites } from '../support/fake-sites';
import { openDesktop, useWorld } from '../support/world';

let ext: ExtensionBrowser;
let sites: FakeSites;
let desktop: Page;

const DESKTOP = '/desktop/agentdesktop.html';

const world = useWorld((sites) => ({
  version: 1,
  sources: [{ id: 'sp', adapter: 'screenpop', pages: [`${sites.desktopOrigin}${DESKTOP}*`] }],
  templates: [
    {
      id: 'missed',
      when: { phases: ['missed'], channels: ['voice'] },
      url: `${sites.otherOrigin}/crm/missed?ani={ANI}`,
      action: { type: 'notify', title: 'Missed call from {ANI}', message: 'Queue {QUEUE_NAME}', target: 'CRM Missed' },
    },
  ],
  settings: {},
}));

beforeAll(async () => {
  ({ ext, sites } = world);
  desktop = await openDesktop(world, 'agentdesktop.html');
  await desktop.bringToFront();
});

const emit = (message: unknown) => emitFrom(desktop, message);
const desktopWindowId = async () => windowWith(await windowsNow(ext), desktop.url())!.id;

describe('notify action', () => {
  /** Chrome's own dispatch of a click: what the notification centre calls when the agent clicks. */
  async function click(id: string, button?: number): Promise<void> {
    const worker = await ext.worker();
    await worker.evaluate(
      (notificationId: string, index: number) => {
        type Dispatchable = { dispatch(...args: unknown[]): void };
        if (index < 0) (chrome.notifications.onClicked as unknown as Dispatchable).dispatch(notificationId);
        else (chrome.notifications.onButtonClicked as unknown as Dispatchable).dispatch(notificationId, index);
      },
      id,
      button ?? -1,
    );
  }

  async function missedCall(id: string, ani: string): Promise<string> {
    const before = await notificationsNow(ext);
    await emit(screenpop('ringing', 'voice', id, { ANI: ani }));
    await emit(screenpop('ended', 'voice', id));
    const [created] = await waitFor(async () => {
      const now = (await notificationsNow(ext)).filter((n) => !before.includes(n));
      return now.length ? now : undefined;
    }, 'the notification');
    return created!;
  }

  it('a missed call shows a notification and opens nothing until the agent asks', async () => {
    const id = await missedCall('m-1', '+390600000501');
    await sleep(500);
    expect(sites.received.filter((r) => r.path === '/crm/missed')).toEqual([]);
    expect((await windowsNow(ext)).flatMap((w) => w.tabs).some((t) => t.url.includes('/crm/missed'))).toBe(false);
    // Its "Open CRM" button opens the CRM in the named tab beside the agent desktop.
    await click(id, 0);
    await waitFor(() => sites.received.find((r) => r.path === '/crm/missed' && r.query.ani === '+390600000501'), 'the CRM request');
    await waitFor(async () => (await windowsNow(ext)).some((w) => w.tabs.some((t) => t.group === 'CRM Missed')), 'the tab named');
    const windows = await windowsNow(ext);
    const crm = windows.flatMap((w) => w.tabs.map((t) => ({ ...t, windowId: w.id }))).filter((t) => t.url.includes('/crm/missed'));
    expect(crm.map((t) => [t.url, t.group, t.windowId])).toEqual([[`${sites.otherOrigin}/crm/missed?ani=%2B390600000501`, 'CRM Missed', await desktopWindowId()]]);
    await waitFor(async () => !(await notificationsNow(ext)).includes(id), 'the notification to go away');
  });

  it('a click on the notification itself opens the CRM too, reusing the named tab', async () => {
    const id = await missedCall('m-2', '+390600000502');
    await click(id);
    await waitFor(() => sites.received.find((r) => r.query.ani === '+390600000502'), 'the CRM request');
    await sleep(300);
    const crm = (await windowsNow(ext)).flatMap((w) => w.tabs).filter((t) => t.url.includes('/crm/missed'));
    expect(crm.map((t) => t.url)).toEqual([`${sites.otherOrigin}/crm/missed?ani=%2B390600000502`]);
    expect(await notificationsNow(ext)).not.toContain(id);
  });

  it('an event the bridge delivers again after a worker restart shows the same notification, not a second one (#8)', async () => {
    const before = await notificationsNow(ext);
    const worker = await ext.worker();
    const stored = async () => (await ext.worker()).evaluate(async () => JSON.stringify((await chrome.storage.session.get('ix:sp/m-3'))['ix:sp/m-3'] ?? null));
    const fired = async (phase: string) => ((JSON.parse(await stored()) as { fired?: string[] } | null)?.fired ?? []).includes(phase);
    await emit(screenpop('ringing', 'voice', 'm-3', { ANI: '+390600000503' }));
    await waitFor(() => fired('ringing'), 'the ringing phase stored');
    const ringing = await stored();
    await emit(screenpop('ended', 'voice', 'm-3'));
    const [id] = await waitFor(async () => {
      const now = (await notificationsNow(ext)).filter((n) => !before.includes(n));
      return now.length ? now : undefined;
    }, 'the notification');
    await waitFor(() => fired('missed'), 'the missed phase stored');
    // As if the worker had died after the notification but before storing the phase as done:
    // the record as it was before, a restart, and the bridge delivering the message again.
    await worker.evaluate((record: string) => chrome.storage.session.set({ 'ix:sp/m-3': JSON.parse(record) }), ringing);
    await ext.stopWorker();
    await emit(screenpop('ended', 'voice', 'm-3'));
    await waitFor(() => fired('missed'), 'the missed phase fired again');
    const shown = (await notificationsNow(ext)).filter((n) => !before.includes(n));
    expect(shown).toEqual([id]);
  });
});

describe('notify action from the options page\'s test pop', () => {
  it('shows the notification for real; its button opens the CRM', async () => {
    const before = await notificationsNow(ext);
    const page = await ext.browser.newPage();
    const reply = await page
      .goto(ext.optionsUrl)
      .then(() =>
        page.evaluate(
          (template, event) => chrome.runtime.sendMessage({ kind: 'template/test', template, event }),
          { id: 'try', url: `${sites.otherOrigin}/crm/try?ani={ANI}`, action: { type: 'notify', target: 'CRM Try' } },
          { source: 'sp', interactionId: 't-1', phase: 'missed', channel: 'voice', vars: { ANI: '+390600000701' } },
        ),
      );
    await page.close();
    expect(reply).toEqual({ ok: true, outcome: 'notification', url: `${sites.otherOrigin}/crm/try?ani=%2B390600000701` });
    const [id] = (await notificationsNow(ext)).filter((n) => !before.includes(n));
    expect(id).toBeDefined();
    const worker = await ext.worker();
    await worker.evaluate((n: string) => (chrome.notifications.onButtonClicked as unknown as { dispatch(...a: unknown[]): void }).dispatch(n, 0), id!);
    await waitFor(() => sites.received.find((r) => r.path === '/crm/try' && r.query.ani === '+390600000701'), 'the CRM request');
  });
});

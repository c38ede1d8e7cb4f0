// What Chrome itself reports about windows, tabs, focus and notifications, read through the
// extension's worker: the agent's view of a placement, not the extension's own bookkeeping.
import type { Page } from 'puppeteer-core';
import type { ExtensionBrowser } from './browser';

export interface WindowState {
  id: number;
  focused: boolean;
  state: string;
  left: number;
  top: number;
  width: number;
  height: number;
  tabs: { id: number; url: string; active: boolean; group: string }[];
}

export async function windowsNow(ext: ExtensionBrowser): Promise<WindowState[]> {
  const worker = await ext.worker();
  return worker.evaluate(async () => {
    const windows = await chrome.windows.getAll({ populate: true, windowTypes: ['normal'] });
    // One read of the groups: a group can go (its last tab closed) between two calls.
    const groups = new Map((await chrome.tabGroups.query({})).map((g) => [g.id, g.title ?? '']));
    return Promise.all(
      windows.map(async (w) => ({
        id: w.id!,
        focused: w.focused,
        state: w.state ?? '',
        left: w.left ?? 0,
        top: w.top ?? 0,
        width: w.width ?? 0,
        height: w.height ?? 0,
        tabs: await Promise.all(
          (w.tabs ?? []).map(async (t) => ({
            id: t.id!,
            url: t.url || t.pendingUrl || '',
            active: t.active,
            group: groups.get(t.groupId) ?? '',
          })),
        ),
      })),
    );
  });
}

/** The window holding a tab whose URL starts with `prefix`. */
export function windowWith(windows: WindowState[], prefix: string): WindowState | undefined {
  return windows.find((w) => w.tabs.some((t) => t.url.startsWith(prefix)));
}

export async function lastFocusedWindowId(ext: ExtensionBrowser): Promise<number | undefined> {
  const worker = await ext.worker();
  return worker.evaluate(async () => (await chrome.windows.getLastFocused({ windowTypes: ['normal'] })).id);
}

export async function notificationsNow(ext: ExtensionBrowser): Promise<string[]> {
  const worker = await ext.worker();
  return worker.evaluate(async () => Object.keys(await chrome.notifications.getAll()));
}

/**
 * Runs `expression` in the page the way a vendor's own code runs under auto-answer: with no user
 * activation (puppeteer's page.evaluate would grant one, and the popup blocker would let it pass).
 */
export async function runWithoutGesture<T>(page: Page, expression: string): Promise<T> {
  const cdp = await page.createCDPSession();
  try {
    const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { expression, userGesture: false, returnByValue: true, awaitPromise: true });
    if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
    return result.value as T;
  } finally {
    await cdp.detach();
  }
}

/** A same-origin agent desktop hears an event, as under auto-answer (no gesture). */
export async function emitFrom(page: Page, message: unknown): Promise<void> {
  await runWithoutGesture(page, `window.emit(${JSON.stringify(message)})`);
}

export const screenpop = (phase: string, channel: string, interactionId: string, vars: Record<string, string> = {}) => ({
  screenpop: 1,
  phase,
  interactionId,
  channel,
  vars,
});

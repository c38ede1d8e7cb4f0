// Placement "window": one dedicated CRM window, reused, holding only CRM tabs. It opens where the
// agent last left it (bounds and state kept in local storage: no personal data in them), or where
// the action says; `focus: false` never raises it above the agent desktop.
import type { WindowBounds } from '../../core/config';
import { boundsKey, crmWindowBounds, type RememberedBounds } from '../../core/placement';
import { readLocal, readSession, writeLocal, writeSession } from '../storage';
import { showsSourcePage } from './targets';

export interface CrmWindow {
  windowId: number;
  /** The action's `window` setting it was opened with, remembered with the agent's bounds. */
  actionSetting: string;
}

/** The CRM window, while it is open and still ours alone (no agent desktop was dragged into it). */
export async function currentCrmWindow(): Promise<number | undefined> {
  const known = await readSession('crmWindow', null);
  if (!known) return undefined;
  try {
    const window = await chrome.windows.get(known.windowId, { populate: true });
    if (window.type !== 'normal' || (window.tabs ?? []).some(showsSourcePage)) return undefined;
    return known.windowId;
  } catch {
    return undefined; // the agent closed it
  }
}

export interface NewWindowTab {
  tabId: number;
  windowId: number;
}

export async function openCrmWindow(url: string, focus: boolean, setting: WindowBounds | undefined): Promise<NewWindowTab> {
  const { state, ...box } = crmWindowBounds(setting, await readLocal('crmWindowBounds'));
  const agentWindow = focus ? undefined : await lastFocusedWindow();
  // Chrome refuses a "maximized" state together with bounds: open on the right screen, then maximize.
  const window = await chrome.windows.create({ url, focused: focus, type: 'normal', ...box });
  const tab = window?.tabs?.[0];
  if (window?.id === undefined || tab?.id === undefined) throw new Error('The CRM window did not open');
  await writeSession({ crmWindow: { windowId: window.id, actionSetting: boundsKey(setting) } });
  // Some window managers (and headless Chrome) place a new window by their own rules first.
  const placed = await chrome.windows.get(window.id);
  if (Object.entries(box).some(([key, value]) => placed[key as keyof typeof box] !== value)) {
    await chrome.windows.update(window.id, box).catch(() => undefined);
  }
  if (state === 'maximized') {
    await chrome.windows.update(window.id, { state: 'maximized' });
    // Maximizing may activate the window on some desktops: hand the focus back to the agent.
    if (agentWindow !== undefined) await chrome.windows.update(agentWindow, { focused: true }).catch(() => undefined);
  }
  return { tabId: tab.id, windowId: window.id };
}

async function lastFocusedWindow(): Promise<number | undefined> {
  try {
    return (await chrome.windows.getLastFocused({ windowTypes: ['normal'] })).id;
  } catch {
    return undefined;
  }
}

/** windows.onBoundsChanged: the agent moved or resized the CRM window; it opens there next time. */
export async function rememberCrmWindowBounds(windowId: number): Promise<void> {
  const known = await readSession('crmWindow', null);
  if (known?.windowId !== windowId) return;
  let window: chrome.windows.Window;
  try {
    window = await chrome.windows.get(windowId);
  } catch {
    return;
  }
  if (window.state === 'minimized' || window.state === 'fullscreen') return;
  const bounds: WindowBounds = {
    left: window.left,
    top: window.top,
    width: window.width,
    height: window.height,
    state: window.state === 'maximized' ? 'maximized' : 'normal',
  };
  const remembered: RememberedBounds = { bounds, actionSetting: known.actionSetting };
  await writeLocal({ crmWindowBounds: remembered });
}

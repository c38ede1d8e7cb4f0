// The tab action: one named tab per target ("CRM WhatsApp"), reused for the next interaction of
// that target (navigated, never duplicated), re-created if the agent closed it. Whatever a name
// says, only a tab we know by id is ever navigated, and never one showing an agent desktop.
import type { TabAction } from '../../core/config';
import { noteTabOwner } from './close-on';
import { currentCrmWindow, openCrmWindow } from './crm-window';
import { reasonText } from '../../core/reason-codes';
import { showInSidePanel } from './sidepanel';
import { loadTargets, nameTab, saveTargets, showsSourcePage } from './targets';

export interface OpenResult {
  tabId: number;
  /** What happened, for diagnostics and the demo's timeline. */
  outcome: 'opened' | 'reused' | 'reopened' | 'shown in the side panel';
  /** Why the placement asked for was not possible (the side panel fell back to a tab). */
  note?: string;
}

export interface OpenRequest {
  url: string;
  /** Rendered target name, shown on the tab. */
  target: string;
  action: Pick<TabAction, 'reuse' | 'focus' | 'placement' | 'window'>;
  /** Window of the agent desktop that heard the event: new tabs open beside it. */
  agentWindowId?: number;
  /** Tab of the agent desktop: the side panel opens beside it. */
  agentTabId?: number;
  /** The interaction this pop is for, so that its end may close the tab. */
  interactionKey?: string;
  /** The event came again after a worker restart: this very pop may already have happened. */
  redelivered?: boolean;
}

export async function openInTarget(request: OpenRequest): Promise<OpenResult> {
  if (request.action.placement === 'sidepanel') {
    const panel = await showInSidePanel(request);
    if (panel.shown) return { tabId: panel.tabId, outcome: 'shown in the side panel' };
    const inTab = await openInTarget({ ...request, action: { ...request.action, placement: 'tab' } });
    return { ...inTab, note: reasonText('sidePanelNotShown', panel.reason) };
  }
  const { url, target, action } = request;
  const known = (await loadTargets()).get(target);
  const crmWindow = action.placement === 'window' ? await currentCrmWindow() : undefined;
  let tabId: number | undefined;
  let windowId: number | undefined;
  if (action.reuse && known) {
    const tab = await reusableTab(known.tabId, action.placement, crmWindow);
    if (tab && request.redelivered && (await showsAlready(tab.id!, url))) {
      tabId = tab.id!;
      windowId = tab.windowId;
    } else if (tab) {
      const moved = await besideAgent(tab, request);
      if (await navigate(moved, url, request)) {
        tabId = moved.id!;
        windowId = moved.windowId;
      }
    }
  }
  // A worker that died between opening the tab and recording it: the tab is there, adopt it.
  if (tabId === undefined && request.redelivered) ({ tabId, windowId } = (await tabAt(url)) ?? {});
  const outcome: OpenResult['outcome'] = tabId !== undefined ? 'reused' : known ? 'reopened' : 'opened';
  if (tabId === undefined || windowId === undefined) ({ tabId, windowId } = await create(request, crmWindow));
  const registry = await loadTargets();
  registry.set(target, { tabId, windowId });
  await saveTargets(registry);
  // Whatever opens a page here (a rescue too) takes the tab from an earlier interaction's clean-up.
  await noteTabOwner(tabId, request.interactionKey);
  await nameTab(tabId, target);
  return { tabId, outcome };
}

/**
 * Re-running a pop the dying worker already made must not load the page a second time. Its last
 * call may still be on its way to the tab: look again after a moment before saying no.
 */
async function showsAlready(tabId: number, url: string): Promise<boolean> {
  for (const wait of [0, 200, 500]) {
    await new Promise((resolve) => setTimeout(resolve, wait));
    try {
      const tab = await chrome.tabs.get(tabId);
      if (tab.pendingUrl === url || tab.url === url) return true;
    } catch {
      return false;
    }
  }
  return false;
}

async function tabAt(url: string): Promise<{ tabId: number; windowId: number } | undefined> {
  // Never an agent desktop, even one whose address a template happens to open.
  const tab = (await chrome.tabs.query({})).find((t) => (t.pendingUrl === url || t.url === url) && !showsSourcePage(t));
  return tab?.id === undefined ? undefined : { tabId: tab.id, windowId: tab.windowId };
}

/** The registered tab, if it still exists, shows no agent desktop and suits the placement. */
async function reusableTab(tabId: number, placement: TabAction['placement'], crmWindow: number | undefined) {
  if (!Number.isInteger(tabId)) return undefined;
  let tab: chrome.tabs.Tab;
  try {
    tab = await chrome.tabs.get(tabId);
  } catch {
    return undefined; // closed by the agent: re-create it
  }
  if (tab.id !== tabId || showsSourcePage(tab)) return undefined;
  if (placement === 'window' && tab.windowId !== crmWindow) return undefined;
  return tab;
}

/** Placement "tab": the named tab follows the agent desktop that heard the event to its window. */
async function besideAgent(tab: chrome.tabs.Tab, { action, agentWindowId }: OpenRequest): Promise<chrome.tabs.Tab> {
  if (action.placement !== 'tab' || agentWindowId === undefined || tab.windowId === agentWindowId) return tab;
  try {
    return await chrome.tabs.move(tab.id!, { windowId: agentWindowId, index: -1 });
  } catch {
    return tab; // the desktop's window is a popup or gone: the tab stays where it is
  }
}

async function navigate(tab: chrome.tabs.Tab, url: string, { action }: OpenRequest): Promise<boolean> {
  // In its own CRM window the tab comes to the front of that window, which raises nothing.
  const active = action.focus || action.placement === 'window';
  try {
    await chrome.tabs.update(tab.id!, active ? { url, active: true } : { url });
  } catch {
    return false; // closed meanwhile: re-create it
  }
  if (action.focus) await chrome.windows.update(tab.windowId, { focused: true }).catch(() => undefined);
  return true;
}

async function create(request: OpenRequest, crmWindow: number | undefined): Promise<{ tabId: number; windowId: number }> {
  const { url, action, agentWindowId } = request;
  if (action.placement === 'window') {
    if (crmWindow === undefined) return openCrmWindow(url, action.focus, action.window);
    // Created active, a tab raises its window; activated afterwards, it only comes to the front
    // of the CRM window, which stays behind the agent desktop unless `focus` asks otherwise.
    const tab = await chrome.tabs.create({ url, windowId: crmWindow, active: false });
    if (tab.id === undefined) throw new Error('The CRM tab did not open');
    await chrome.tabs.update(tab.id, { active: true });
    if (action.focus) await chrome.windows.update(crmWindow, { focused: true });
    return { tabId: tab.id, windowId: crmWindow };
  }
  const windowId = agentWindowId ?? (await lastNormalWindow());
  const tab = await chrome.tabs.create({ url, active: action.focus, ...(windowId === undefined ? {} : { windowId }) });
  if (tab.id === undefined) throw new Error('The CRM tab did not open');
  return { tabId: tab.id, windowId: tab.windowId };
}

async function lastNormalWindow(): Promise<number | undefined> {
  try {
    return (await chrome.windows.getLastFocused({ windowTypes: ['normal'] })).id;
  } catch {
    return undefined;
  }
}

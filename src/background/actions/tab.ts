// The tab action: one named tab per target ("CRM WhatsApp"), reused for the next interaction of
// that target (navigated, never duplicated), re-created if the agent closed it. The registry of
// target → tab lives in session storage so that it survives a service-worker restart.
import browser from 'webextension-polyfill';
import type { TabAction } from '../../core/config';
import { readSession, writeSession } from '../storage';
import { showInSidePanel } from './sidepanel';

const REGISTRY_KEY = 'tabTargets' as const;

interface TargetTab {
  tabId: number;
  windowId: number;
}

export type TabRegistry = Record<string, TargetTab>;
type Registry = TabRegistry;

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
  action: Pick<TabAction, 'reuse' | 'focus' | 'placement'>;
  /** Window of the agent desktop that heard the event: new tabs open beside it. */
  agentWindowId?: number;
  /** Tab of the agent desktop: the side panel opens beside it. */
  agentTabId?: number;
}

async function registry(): Promise<Registry> {
  return readSession(REGISTRY_KEY, {});
}

export async function openInTarget(request: OpenRequest): Promise<OpenResult> {
  if (request.action.placement === 'sidepanel') {
    const panel = await showInSidePanel(request);
    if (panel.shown) return { tabId: panel.tabId, outcome: 'shown in the side panel' };
    const inTab = await openInTarget({ ...request, action: { ...request.action, placement: 'tab' } });
    return { ...inTab, note: `side panel not shown: ${panel.reason}` };
  }
  const { url, target, action } = request;
  const tabs = await registry();
  const known = tabs[target];
  if (action.reuse && known) {
    const reused = await navigate(known.tabId, url, action.focus);
    if (reused) {
      await nameTab(reused.id!, target);
      return { tabId: reused.id!, outcome: 'reused' };
    }
  }
  const created = await create(request);
  await writeSession({ [REGISTRY_KEY]: { ...(await registry()), [target]: created } });
  await nameTab(created.tabId, target);
  return { tabId: created.tabId, outcome: known ? 'reopened' : 'opened' };
}

async function navigate(tabId: number, url: string, focus: boolean) {
  try {
    const tab = await browser.tabs.update(tabId, focus ? { url, active: true } : { url });
    if (focus && tab.windowId !== undefined) await browser.windows.update(tab.windowId, { focused: true });
    return tab;
  } catch {
    return null; // closed by the agent: re-create it
  }
}

async function create({ url, action, agentWindowId }: OpenRequest): Promise<TargetTab> {
  if (action.placement === 'window') {
    const window = await browser.windows.create({ url, focused: action.focus, type: 'normal' });
    const tab = window.tabs?.[0];
    if (tab?.id === undefined || window.id === undefined) throw new Error('The CRM window did not open');
    return { tabId: tab.id, windowId: window.id };
  }
  const windowId = agentWindowId ?? (await lastNormalWindow());
  const tab = await browser.tabs.create({ url, active: action.focus, ...(windowId === undefined ? {} : { windowId }) });
  if (tab.id === undefined) throw new Error('The CRM tab did not open');
  return { tabId: tab.id, windowId: tab.windowId ?? windowId ?? -1 };
}

async function lastNormalWindow(): Promise<number | undefined> {
  try {
    return (await chrome.windows.getLastFocused({ windowTypes: ['normal'] })).id;
  } catch {
    return undefined;
  }
}

/**
 * The target name is visible on the tab: the tab sits in a tab group of that name (always
 * possible), and the page's title is set to it once loaded (where we may script the page).
 */
async function nameTab(tabId: number, target: string): Promise<void> {
  try {
    const tab = await chrome.tabs.get(tabId);
    let groupId = tab.groupId;
    if (groupId === chrome.tabGroups.TAB_GROUP_ID_NONE) groupId = await chrome.tabs.group({ tabIds: tabId });
    await chrome.tabGroups.update(groupId, { title: target });
  } catch {
    // Grouping is cosmetic: a popup window has no groups.
  }
}

/** tabs.onUpdated: once a target tab has loaded, title it with its target name. */
export async function titleLoadedTab(tabId: number): Promise<void> {
  const tabs = await registry();
  const target = Object.keys(tabs).find((name) => tabs[name]?.tabId === tabId);
  if (target === undefined) return;
  try {
    await chrome.scripting.executeScript({
      target: { tabId },
      func: (name: string) => {
        document.title = name;
        window.name = name;
      },
      args: [target],
    });
  } catch {
    // A page we may not script (chrome://, an error page): the tab group still names it.
  }
}

/** tabs.onRemoved: the agent closed a target tab; the next pop re-creates it. */
export async function forgetTab(tabId: number): Promise<void> {
  const tabs = await registry();
  const names = Object.keys(tabs).filter((name) => tabs[name]?.tabId === tabId);
  if (!names.length) return;
  for (const name of names) delete tabs[name];
  await writeSession({ [REGISTRY_KEY]: tabs });
}

// The registry of target name → tab, kept in session storage so that it survives a service-worker
// restart, and the name shown on the tab (a tab group, and the page's title where we may script it).
import { isSourcePage, TargetRegistry } from '../../core/placement';
import { currentConfig } from '../config-store';
import { readSession, writeSession } from '../storage';

export async function loadTargets(): Promise<TargetRegistry> {
  return new TargetRegistry(await readSession('tabTargets', []));
}

export async function saveTargets(registry: TargetRegistry): Promise<void> {
  await writeSession({ tabTargets: registry.entries() });
}

/** Is this tab an agent desktop (a configured source's page)? Such a tab is never touched. */
export function showsSourcePage(tab: chrome.tabs.Tab): boolean {
  const sources = currentConfig().sources;
  return isSourcePage(tab.url, sources) || isSourcePage(tab.pendingUrl, sources);
}

/**
 * The target name is visible on the tab: the tab sits in a tab group of that name, created in the
 * tab's own window (left to Chrome, the group would be made in the last focused window — the
 * agent's — and take the tab with it), and the page's title is set to it once loaded.
 */
export async function nameTab(tabId: number, target: string): Promise<void> {
  try {
    const tab = await chrome.tabs.get(tabId);
    let groupId = tab.groupId;
    if (groupId === chrome.tabGroups.TAB_GROUP_ID_NONE) {
      groupId = await chrome.tabs.group({ tabIds: tabId, createProperties: { windowId: tab.windowId } });
    }
    await chrome.tabGroups.update(groupId, { title: target });
  } catch {
    // Grouping is cosmetic: a popup window has no groups.
  }
}

/** tabs.onUpdated: once a target tab has loaded, title it with its target name. */
export async function titleLoadedTab(tabId: number): Promise<void> {
  const [target] = (await loadTargets()).namesOf(tabId);
  if (target === undefined) return;
  try {
    const tab = await chrome.tabs.get(tabId);
    // The agent took the tab to their desktop: its title and window.name are the vendor's.
    if (showsSourcePage(tab)) return;
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
  const registry = await loadTargets();
  if (registry.forgetTab(tabId)) await saveTargets(registry);
}

// Placement "sidepanel": the CRM beside the agent desktop, in Chrome's side panel of the agent's
// tab. Chrome opens a side panel only in answer to a user gesture; an auto-answered interaction has
// none, so unless the agent already has the panel open, the caller falls back to a named tab.
import { panelPath } from '../../sidepanel/view';

export type PanelResult = { shown: true; tabId: number } | { shown: false; reason: string };

export interface PanelRequest {
  url: string;
  target: string;
  agentTabId?: number;
  agentWindowId?: number;
}

export async function showInSidePanel(request: PanelRequest): Promise<PanelResult> {
  const tab = await agentTab(request);
  if (tab?.id === undefined) return { shown: false, reason: 'no agent desktop tab to put the side panel beside' };
  await chrome.sidePanel.setOptions({ tabId: tab.id, path: panelPath(request.url, request.target), enabled: true });
  // Already open in the agent's window: the new path has just replaced what it showed.
  if (await panelOpenIn(tab.windowId)) return { shown: true, tabId: tab.id };
  try {
    await chrome.sidePanel.open({ tabId: tab.id });
    return { shown: true, tabId: tab.id };
  } catch (error) {
    const why = /gesture/i.test(String(error))
      ? 'Chrome opens a side panel only on a click by the agent, and this interaction came without one'
      : `the side panel did not open (${(error as Error).message ?? String(error)})`;
    return { shown: false, reason: why };
  }
}

async function agentTab({ agentTabId, agentWindowId }: PanelRequest): Promise<chrome.tabs.Tab | undefined> {
  try {
    if (agentTabId !== undefined) return await chrome.tabs.get(agentTabId);
    const query = agentWindowId === undefined ? { active: true, lastFocusedWindow: true } : { active: true, windowId: agentWindowId };
    return (await chrome.tabs.query(query))[0];
  } catch {
    return undefined; // the agent desktop closed meanwhile
  }
}

async function panelOpenIn(windowId: number): Promise<boolean> {
  const panels = await chrome.runtime.getContexts({ contextTypes: ['SIDE_PANEL'] });
  return panels.some((panel) => panel.windowId === windowId);
}

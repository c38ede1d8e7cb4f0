// Placement "sidepanel": the CRM beside the agent desktop, in Chrome's side panel of the agent's
// tab. Chrome opens a side panel only in answer to a user gesture; an auto-answered interaction has
// none, so unless the agent already has the panel open, the caller falls back to a named tab.
import type { PanelShowMessage } from '../../sidepanel/panel-message';
import { panelPath } from '../../core/sidepanel-view';
import { reasonText } from '../../core/reason-codes';

export type PanelResult = { shown: true; tabId: number } | { shown: false; reason: string };

export interface PanelRequest {
  url: string;
  target: string;
  agentTabId?: number;
  agentWindowId?: number;
}

export async function showInSidePanel(request: PanelRequest): Promise<PanelResult> {
  const tab = await agentTab(request);
  if (tab?.id === undefined) return { shown: false, reason: reasonText('noDesktopTab') };
  // A panel already open is told directly, before the path changes: a new path may reload it,
  // and a reloading panel cannot answer. The path then serves whenever the panel shows again.
  const shown = await showInOpenPanel(tab.windowId, request.url, request.target);
  await chrome.sidePanel.setOptions({ tabId: tab.id, path: panelPath(request.url, request.target), enabled: true });
  if (shown) return { shown: true, tabId: tab.id };
  try {
    await chrome.sidePanel.open({ tabId: tab.id });
    return { shown: true, tabId: tab.id };
  } catch (error) {
    const why = /gesture/i.test(String(error))
      ? reasonText('sidePanelNeedsClick')
      : reasonText('sidePanelFailed', (error as Error).message ?? String(error));
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

/** Shows the page in a side panel already open in `windowId`; false when none is. */
async function showInOpenPanel(windowId: number, url: string, target: string): Promise<boolean> {
  const panels = await chrome.runtime.getContexts({ contextTypes: ['SIDE_PANEL'] });
  if (!panels.length) return false;
  const message: PanelShowMessage = { kind: 'sidepanel/show', windowId, url, target };
  const answer = chrome.runtime.sendMessage(message).then(
    (reply: unknown) => reply === true,
    () => false, // no panel answered: none is open in that window
  );
  const silence = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 500));
  return Promise.race([answer, silence]);
}

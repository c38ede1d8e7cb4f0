// Worker → side panel pages. Chrome does not say which window an open side panel belongs to
// (runtime.getContexts reports windowId -1 for it), nor does an open panel follow a new path set
// for its tab; so the worker asks the panels themselves, and the one in the agent's window shows
// the CRM page and answers true.
export interface PanelShowMessage {
  kind: 'sidepanel/show';
  windowId: number;
  url: string;
  target: string;
}

export function isPanelShow(message: unknown): message is PanelShowMessage {
  const m = message as Partial<PanelShowMessage> | null;
  return (
    typeof m === 'object' &&
    m !== null &&
    m.kind === 'sidepanel/show' &&
    typeof m.windowId === 'number' &&
    typeof m.url === 'string' &&
    typeof m.target === 'string'
  );
}

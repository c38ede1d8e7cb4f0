// The side panel beside the agent desktop: the CRM page in a frame, and always a link to open it
// in a tab, because many CRMs forbid framing (X-Frame-Options, frame-ancestors) and the page
// cannot tell a refused frame from a slow one.
import { isPanelShow } from './panel-message';
import { readPanelView, type PanelView } from '../core/sidepanel-view';

const text = (key: string, fallback: string) => chrome.i18n.getMessage(key) || fallback;

const title = document.getElementById('target')!;
const link = document.getElementById('open-tab') as HTMLAnchorElement;
const note = document.getElementById('note')!;
const frame = document.getElementById('crm') as HTMLIFrameElement;

function render(view: PanelView): void {
  title.textContent = view.target;
  document.title = view.target;
  link.hidden = frame.hidden = view.url === null;
  if (view.url === null) {
    note.textContent = text('sidePanelEmpty', 'The CRM of the next interaction will show here.');
    frame.removeAttribute('src');
    return;
  }
  link.href = view.url;
  link.textContent = text('sidePanelOpenInTab', 'Open in a tab');
  note.textContent = text('sidePanelFramingNote', 'If the CRM stays blank, it refuses to be shown here: open it in a tab.');
  frame.title = view.target;
  frame.src = view.url;
}

render(readPanelView(location.search));

// Answer only for our own window, so that the worker hears "yes" from the right panel or nothing
// (the worker stops listening after a moment).
const ownWindowId = chrome.windows.getCurrent().then((window) => window.id);
chrome.runtime.onMessage.addListener((message: unknown, _sender, sendResponse: (shown: boolean) => void) => {
  if (!isPanelShow(message)) return undefined;
  void ownWindowId.then((id) => {
    if (id !== message.windowId) return;
    const view = readPanelView(`?${new URLSearchParams({ url: message.url, target: message.target })}`);
    render(view);
    sendResponse(view.url !== null);
  });
  return true;
});

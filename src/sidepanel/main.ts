// The side panel beside the agent desktop: the CRM page in a frame, and always a link to open it
// in a tab, because many CRMs forbid framing (X-Frame-Options, frame-ancestors) and the page
// cannot tell a refused frame from a slow one.
import { readPanelView } from './view';

const text = (key: string, fallback: string) => chrome.i18n.getMessage(key) || fallback;

const view = readPanelView(location.search);
const title = document.getElementById('target')!;
const link = document.getElementById('open-tab') as HTMLAnchorElement;
const note = document.getElementById('note')!;
const frame = document.getElementById('crm') as HTMLIFrameElement;

title.textContent = view.target;
document.title = view.target;
if (view.url) {
  link.href = view.url;
  link.textContent = text('sidePanelOpenInTab', 'Open in a tab');
  link.hidden = false;
  note.textContent = text('sidePanelFramingNote', 'If the CRM stays blank, it refuses to be shown here: open it in a tab.');
  frame.title = view.target;
  frame.src = view.url;
  frame.hidden = false;
} else {
  note.textContent = text('sidePanelEmpty', 'The CRM of the next interaction will show here.');
}

// The offscreen document's one job: put the worker's text on the clipboard. navigator.clipboard
// refuses here (an offscreen document never has focus), so it copies from a textarea.
import { isClipboardWrite, type ClipboardWriteReply } from './clipboard-message';

function copy(text: string): ClipboardWriteReply {
  const area = document.getElementById('clip') as HTMLTextAreaElement;
  area.value = text;
  area.select();
  try {
    return document.execCommand('copy') ? { ok: true } : { ok: false, error: 'the browser refused to copy' };
  } finally {
    area.value = '';
  }
}

chrome.runtime.onMessage.addListener((message: unknown, _sender, sendResponse: (reply: ClipboardWriteReply) => void) => {
  if (!isClipboardWrite(message)) return undefined;
  sendResponse(copy(message.text));
  return undefined;
});

// The clipboard action (Puzzel's clipboard variant): the worker cannot reach the clipboard, so an
// offscreen document does the copy. It is created on first use and kept for the next.
import { OFFSCREEN_PATH, type ClipboardWriteMessage, type ClipboardWriteReply } from '../../offscreen/clipboard-message';

let creating: Promise<void> | null = null;

async function ensureOffscreen(): Promise<void> {
  const url = chrome.runtime.getURL(OFFSCREEN_PATH);
  const open = await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'], documentUrls: [url] });
  if (open.length) return;
  // Two copies at once must not both create it: Chrome allows one offscreen document.
  creating ??= chrome.offscreen
    .createDocument({
      url: OFFSCREEN_PATH,
      reasons: ['CLIPBOARD'],
      justification: 'Copy the CRM link or text of an interaction to the clipboard',
    })
    .finally(() => {
      creating = null;
    });
  await creating;
}

export async function copyToClipboard(text: string): Promise<ClipboardWriteReply> {
  await ensureOffscreen();
  const message: ClipboardWriteMessage = { kind: 'offscreen/clipboard', text };
  const reply = (await chrome.runtime.sendMessage(message)) as ClipboardWriteReply | undefined;
  return reply ?? { ok: false, error: 'the clipboard document did not answer' };
}

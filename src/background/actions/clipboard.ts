// The clipboard action (Puzzel's clipboard variant): the worker cannot reach the clipboard, so the
// offscreen document (src/background/offscreen.ts) does the copy.
import type { ClipboardWriteMessage, ClipboardWriteReply } from '../../offscreen/clipboard-message';
import { withOffscreen } from '../offscreen';
import { reasonText } from '../../core/reason-codes';

export async function copyToClipboard(text: string): Promise<ClipboardWriteReply> {
  const message: ClipboardWriteMessage = { kind: 'offscreen/clipboard', text };
  const reply = await withOffscreen(() => chrome.runtime.sendMessage(message) as Promise<ClipboardWriteReply | undefined>);
  return reply ?? { ok: false, error: reasonText('clipboardNoAnswer') };
}

// Worker → offscreen document. A service worker has no DOM and so no clipboard; the offscreen
// document (reason CLIPBOARD) copies for it.
export const OFFSCREEN_PATH = 'src/offscreen/index.html';

export interface ClipboardWriteMessage {
  kind: 'offscreen/clipboard';
  text: string;
}

export type ClipboardWriteReply = { ok: true } | { ok: false; error: string };

export function isClipboardWrite(message: unknown): message is ClipboardWriteMessage {
  const m = message as Partial<ClipboardWriteMessage> | null;
  return typeof m === 'object' && m !== null && m.kind === 'offscreen/clipboard' && typeof m.text === 'string';
}

// Worker → offscreen document: check a configuration document or one template. The validation
// library lives in the pages and the offscreen document, never in the service worker: the worker's
// cold start (the first pop after a browser start or a crash) does not pay for schemas it rarely
// needs — the stored document was checked when it was written.
import type { ConfigResult, Template } from '../core/config';

export interface ValidateMessage {
  kind: 'offscreen/validate';
  what: 'config' | 'template';
  input: unknown;
}

export type ValidateReply = ConfigResult | { ok: true; template: Template };

export function isValidate(message: unknown): message is ValidateMessage {
  const m = message as Partial<ValidateMessage> | null;
  return typeof m === 'object' && m !== null && m.kind === 'offscreen/validate' && (m.what === 'config' || m.what === 'template');
}

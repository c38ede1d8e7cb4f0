// The worker's offscreen document (src/offscreen): the clipboard, and checking documents with the
// validation library, which the worker bundle does not contain. Created on first use, closed
// after a minute without use (a document is a renderer process's worth of memory).
import type { ConfigResult, Template } from '../core/config';
import { refusal, type Refusal } from '../core/reply-codes';
import { OFFSCREEN_PATH } from '../offscreen/clipboard-message';
import type { ValidateMessage, ValidateReply } from '../offscreen/validate-message';

const IDLE_CLOSE_MS = 60_000;
let creating: Promise<void> | null = null;
let users = 0;
let idleTimer: ReturnType<typeof setTimeout> | undefined;

async function ensureOffscreen(): Promise<void> {
  const url = chrome.runtime.getURL(OFFSCREEN_PATH);
  const open = await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'], documentUrls: [url] });
  if (open.length) return;
  // Two callers at once must not both create it: Chrome allows one offscreen document.
  creating ??= chrome.offscreen
    .createDocument({
      url: OFFSCREEN_PATH,
      reasons: ['CLIPBOARD'],
      justification: 'Copy the CRM link or text of an interaction to the clipboard; check configuration documents',
    })
    .finally(() => {
      creating = null;
    });
  await creating;
}

/** Runs `job` with the offscreen document open; the last user's minute of idleness closes it. */
export async function withOffscreen<T>(job: () => Promise<T>): Promise<T> {
  users++;
  clearTimeout(idleTimer);
  try {
    await ensureOffscreen();
    return await job();
  } finally {
    if (--users === 0) {
      idleTimer = setTimeout(() => {
        if (users === 0) chrome.offscreen.closeDocument().catch(() => undefined);
      }, IDLE_CLOSE_MS);
    }
  }
}

async function ask(message: ValidateMessage): Promise<ValidateReply> {
  const reply = await withOffscreen(() => chrome.runtime.sendMessage(message) as Promise<ValidateReply | undefined>);
  return reply ?? refusal('notChecked');
}

/** `parseConfig`, run in the offscreen document. */
export async function validateConfig(input: unknown): Promise<ConfigResult> {
  const reply = await ask({ kind: 'offscreen/validate', what: 'config', input });
  return 'template' in reply ? refusal('notConfig') : reply;
}

/** `TemplateSchema.safeParse`, run in the offscreen document: the template, or the first error. */
export async function validateTemplate(input: unknown): Promise<{ ok: true; template: Template } | Refusal> {
  const reply = await ask({ kind: 'offscreen/validate', what: 'template', input });
  if (!reply.ok) return reply;
  return 'template' in reply ? reply : refusal('notTemplate');
}

// The offscreen document does for the worker what it cannot or should not: put text on the
// clipboard (navigator.clipboard refuses here — an offscreen document never has focus — so it
// copies from a textarea), and check documents with the schemas the worker does not load.
import { formatPath, parseConfig, TemplateSchema } from '../core/config';
import { templateRefusal } from '../core/reply-codes';
import { reasonText } from '../core/reason-codes';
import { readIssue } from '../core/validation-codes';
import { isClipboardWrite, type ClipboardWriteReply } from './clipboard-message';
import { isValidate, type ValidateMessage, type ValidateReply } from './validate-message';

function copy(text: string): ClipboardWriteReply {
  const area = document.getElementById('clip') as HTMLTextAreaElement;
  area.value = text;
  area.select();
  try {
    return document.execCommand('copy') ? { ok: true } : { ok: false, error: reasonText('clipboardRefused') };
  } finally {
    area.value = '';
  }
}

function validate(message: ValidateMessage): ValidateReply {
  if (message.what === 'config') return parseConfig(message.input);
  const parsed = TemplateSchema.safeParse(message.input);
  // The schema's messages are tokens (core/validation-codes): read, never shown raw.
  return parsed.success
    ? { ok: true, template: parsed.data }
    : templateRefusal(parsed.error.issues.map((issue) => ({ path: formatPath(issue.path), message: readIssue(issue) })));
}

chrome.runtime.onMessage.addListener((message: unknown, sender, sendResponse: (reply: ClipboardWriteReply | ValidateReply) => void) => {
  // Only the worker asks: never a content script.
  if (sender.id !== chrome.runtime.id || sender.tab) return undefined;
  if (isClipboardWrite(message)) sendResponse(copy(message.text));
  else if (isValidate(message)) sendResponse(validate(message));
  return undefined;
});

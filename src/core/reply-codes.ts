// Why the worker said no, in a form the pages can say in the agent's language: `error` stays
// English (logs, support, tests that read the worker), `code` + `args` name the `_locales` message
// `reply_<code>` (same $1…$n), and a refused document lists its problems by field (`issues`).
import { validationEnglish, type ValidationIssue } from './validation-codes';

export const REPLY_MESSAGES = {
  locked: 'The configuration is managed by your administrator and locked.',
  nothingToUndo: 'Nothing to undo.',
  notChecked: 'The document could not be checked: the offscreen document did not answer.',
  notConfig: 'This is not a configuration document.',
  notTemplate: 'This is not a template.',
  noLookup: 'The template has no lookup.',
  notOAuth: 'The lookup does not use OAuth 2.0.',
  notInteractionEvent: 'The sample event is not an Interaction event.',
  choiceGone: 'This choice is no longer offered.',
  trustUnknown: 'This origin is no longer the one ignored for this source.',
  /** Something the worker did not expect (an exception); its English message is the argument. */
  failed: 'Failed: $1',
} as const;

export type ReplyCode = keyof typeof REPLY_MESSAGES;

/** A worker's "no". `code` absent: `error` is a reason from the engine (a refused URL, an HTTP status). */
export interface Refusal {
  ok: false;
  error: string;
  code?: ReplyCode;
  args?: string[];
  issues?: ValidationIssue[];
}

export function refusal(code: ReplyCode, ...args: string[]): Refusal {
  return { ok: false, error: REPLY_MESSAGES[code].replace(/\$([1-9])/g, (all, n: string) => args[Number(n) - 1] ?? all), code, args };
}

/** A refused template (its own paths: `url`, `action.method`): the first problem, in English too. */
export function templateRefusal(issues: ValidationIssue[]): Refusal {
  const first = issues[0];
  return first
    ? { ok: false, error: first.path ? `${first.path}: ${validationEnglish(first.message)}` : validationEnglish(first.message), issues: [first] }
    : refusal('notTemplate');
}

// Validation messages by code: zod carries one string per issue, so a schema check writes a
// token (code and arguments); the worker's replies turn it into English, the pages into the
// agent's language (`_locales` message `val_<code>` with the same $1…$n).
import { messageReader } from './message-reader';

export const VALIDATION_MESSAGES = {
  idFormat: 'must be 1–64 letters, digits, "_", "." or "-"',
  pagePattern: 'must be a Chrome match pattern like "https://crm.example.com/*" (http or https)',
  originPattern: 'must be an origin like "https://agent.example.com" or "https://*.example.com" (no path, no bare *)',
  varName: 'must be a variable name like PERSONAL_ACCOUNT',
  regexInvalid: 'is not a valid regular expression: $1',
  regexFlags: 'may only use the flags i, m, s, u',
  pagesMissing: 'must list at least one page pattern',
  mappingRequired: 'is required for the generic adapter',
  headerName: 'must be an HTTP header name',
  urlRequired: 'is required for a $1 action',
  urlScheme: 'must start with http:// or https://',
  country: 'must be a two-letter country code like "IT"',
  urlPrefix: 'must be a URL prefix starting with http:// or https://',
  version: 'must be 1',
  duplicateId: '"$1" is used twice',
  required: 'is required',
  tooLong: 'is too long (at most $1)',
  tooSmall: 'is too small (at least $1)',
  tooBig: 'is too big (at most $1)',
  wrongType: 'has the wrong type',
  notAllowed: 'is not one of the allowed values',
  lookupNeedsTab: 'is only possible with a tab action',
  notJson: 'The document is not valid JSON: $1',
  versionTooNew: 'this document was written for version $1 of the configuration; this extension understands up to $2. Update CRM Screenpop.',
  noUpgrade: 'no upgrade from version $1 to $2',
  /** A check that wrote plain English (no code yet): shown as it is. */
  text: '$1',
  invalid: 'is not valid',
  // core/patterns writes these two in English (it stays dependency-free): config reads them back.
  wildcardBare: 'must name a domain: a bare * host would cover every site',
  wildcardSuffix: '"*.$1" covers a whole public suffix: name a registrable domain, like "*.example.$1"',
  /** An extract rule only a backtracking engine could run; $1 is the matcher's own English. */
  regexUnsupported: 'cannot be used: $1',
} as const;

export type ValidationCode = keyof typeof VALIDATION_MESSAGES;

export interface ValidationMessage {
  code: ValidationCode;
  args: string[];
}

/** One problem of a refused document: where (`templates[0].url`; '' for the whole document) and what. */
export interface ValidationIssue {
  path: string;
  message: ValidationMessage;
}

/** The English line of an issue, as the worker's replies and the diagnostics log say it. */
export function issueEnglish(issue: ValidationIssue): string {
  const message = validationEnglish(issue.message);
  return issue.path ? `${issue.path}: ${message}` : message;
}

const MARK = '\u0001';

/** The string a schema check gives zod. */
export function token(code: ValidationCode, ...args: string[]): string {
  return [MARK + code, ...args].join(MARK);
}

interface IssueLike {
  code: string;
  message: string;
  maximum?: unknown;
  minimum?: unknown;
  origin?: unknown;
}

/** A zod issue as a code: ours from its token, zod's own by its kind. */
export function readIssue(issue: IssueLike): ValidationMessage {
  if (issue.message.startsWith(MARK)) {
    const [code, ...args] = issue.message.slice(1).split(MARK);
    if (code && code in VALIDATION_MESSAGES) return { code: code as ValidationCode, args };
  }
  if (issue.code === 'custom' && issue.message) return { code: 'text', args: [issue.message] };
  switch (issue.code) {
    case 'invalid_type':
      // zod leaves the input out of its issues unless asked; its message names what it received.
      return /received undefined/.test(issue.message) ? { code: 'required', args: [] } : { code: 'wrongType', args: [] };
    case 'too_big':
      return { code: issue.origin === 'string' ? 'tooLong' : 'tooBig', args: [String(issue.maximum)] };
    case 'too_small':
      return issue.origin === 'string' && issue.minimum === 1 ? { code: 'required', args: [] } : { code: 'tooSmall', args: [String(issue.minimum)] };
    case 'invalid_value':
    case 'invalid_union':
      return { code: 'notAllowed', args: [] };
    default:
      // Unknown keys and the like carry their own English message naming the key: keep it.
      return issue.message ? { code: 'text', args: [issue.message] } : { code: 'invalid', args: [] };
  }
}

/** `text` is left out: it fits any line, and its line is English already. */
const readValidation = messageReader(VALIDATION_MESSAGES, ['text']);

/** The token of a check's English message that is one of ours (core/patterns'); `fallback` if not. */
export function tokenOf(english: string, fallback: ValidationCode): string {
  const read = readValidation(english);
  return read ? token(read.code, ...read.args) : token(fallback);
}
const PATH_LINE = /^((?:[\w$]+|\[\d+\])(?:\.[\w$]+|\[\d+\])*): (.*)$/s;

/** Reads an English line `path: message` back (the diagnostics keep refused documents as text); null if it is not one. */
export function readIssueLine(line: string): ValidationIssue | null {
  const found = PATH_LINE.exec(line);
  const message = found && readValidation(found[2]!);
  if (found && message) return { path: found[1]!, message };
  const whole = readValidation(line);
  return whole ? { path: '', message: whole } : null;
}

export function validationEnglish(message: ValidationMessage): string {
  return VALIDATION_MESSAGES[message.code].replace(/\$([1-9])/g, (all, n: string) => message.args[Number(n) - 1] ?? all);
}

// Why a URL was refused or nothing could be copied: the engine hands reasons around as English
// strings (diagnostics arguments, worker replies, previews), written from these templates, so that
// a page can read the code back and say it in the agent's language (`_locales` `reason_<code>`,
// same $1…$n). A reason not written from here (a vendor adapter's, an HTTP error) stays English.
import { messageReader, type MessageReader } from './message-reader';

export const REASON_MESSAGES = {
  urlEmpty: 'the URL is empty',
  urlInvalid: 'the URL is not valid',
  urlScheme: 'the scheme "$1" is not allowed: only http: and https: URLs are opened',
  urlNoHost: 'the URL has no host',
  urlOutsidePrefixes: '$1 is outside settings.allowedUrlPrefixes',
  urlPlaceholderScheme: 'the URL must start with http:// or https:// written out, not with a placeholder',
  urlPlaceholderHost: 'a placeholder ({$1}) may not stand in the host',
  renderedInvalid: 'the rendered URL is not valid',
  valueChangesHost: 'a value would change the scheme or host of the URL',
  noTemplateUrl: 'the template has no URL',
  noRecordUrl: 'the event carries no record URL',
  nothingToCopy: 'there is neither text nor URL to copy',
  // Why a vendor message is not an interaction event (the adapters). The screenpop protocol's and
  // the generic mapping's own field checks stay English: integrators read those, beside the JSON.
  messageTooLong: 'message is $1 characters, over the $2 limit',
  messageNotJson: 'message is a string but not valid JSON',
  messageNotObject: 'message is $1, not an object',
  idTooLong: 'interaction id is over $1 characters',
  agentState: '$1 is agent state, not an interaction',
  noEventType: '$1 message has no "$2"',
  noData: '$1 has no "data" object',
  noRecordPopUrl: 'CRM_Record_Pop has no recordUrl',
  noInteractionId: '$1 carries no $2',
  unknownAdapter: 'unknown adapter "$1"',
  adapterThrew: 'the $1 adapter could not read the message: $2',
} as const;

export type ReasonCode = keyof typeof REASON_MESSAGES;

export interface Reason {
  code: ReasonCode;
  args: string[];
}

export function reasonText(code: ReasonCode, ...args: string[]): string {
  return REASON_MESSAGES[code].replace(/\$([1-9])/g, (all, n: string) => args[Number(n) - 1] ?? all);
}

/** The code an English reason was written from, or null (an adapter's reason, an HTTP error). */
export const readReason: MessageReader<ReasonCode> = messageReader(REASON_MESSAGES);

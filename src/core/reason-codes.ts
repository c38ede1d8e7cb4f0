// Why a URL was refused or nothing could be copied: the engine hands reasons around as English
// strings (diagnostics arguments, worker replies, previews), written from these templates, so that
// a page can read the code back and say it in the agent's language (`_locales` `reason_<code>`,
// same $1…$n). A reason may hold another ("request URL refused: $1"): each is read back in turn.
// What the network or a CRM said itself (a fetch error's message, an OAuth error code) stays as it came.
import { messageReader, type MessageReader } from './message-reader';

export const REASON_MESSAGES = {
  urlEmpty: 'the URL is empty',
  urlInvalid: 'the URL is not valid',
  urlScheme: 'the scheme "$1" is not allowed: only http: and https: URLs are opened',
  urlNoHost: 'the URL has no host',
  // Before urlOutsidePrefixes, which it holds: read back first, its argument is then read in turn.
  oauthUrlRefused: 'OAuth address refused: $1',
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
  // What a lookup, a webhook or a sign-in met on the way (#11, #8). The specific before the general:
  // codes are read back in this order, and "HTTP $1" would also fit "HTTP 401 and …".
  requestNotSent: 'request not sent: $1',
  requestUrlRefused: 'request URL refused: $1',
  notSignedIn: 'not signed in to the CRM (OAuth): sign in on the options page',
  tokenNotRefreshed: 'HTTP 401 and the OAuth token could not be refreshed: sign in again',
  redirectRefused: 'the API answered with a redirect, which is not followed',
  receiverRedirect: 'the receiver answered with a redirect, which is not followed',
  answerTooLarge: 'the answer is larger than $1 bytes',
  answerNotJson: 'the answer is not JSON',
  noResults: 'the response has no results',
  resultsNotList: '"$1" is not a list or an object',
  recordUrlRefused: 'record URL refused: $1',
  fallbackUrlRefused: '$1; fallback URL refused: $2',
  noFallbackUrl: '$1; no fallbackUrl',
  noMatchUrlRefused: 'no match; new-contact URL refused: $1',
  noMatchNoUrl: 'no match and no noMatchUrl',
  severalMatches: '$1 matches',
  lookupInterrupted: 'the lookup was interrupted',
  gaveUp: '$1, after $2 attempts',
  noAnswerWithin: 'no answer within $1 ms',
  networkError: 'network error ($1)',
  notWebhook: 'the template is not a webhook',
  headerLineBreak: 'the value of header $1 contains a line break',
  noDesktopTab: 'no agent desktop tab to put the side panel beside',
  sidePanelFailed: 'the side panel did not open ($1)',
  clipboardNoAnswer: 'the clipboard document did not answer',
  signInUnfinished: 'the sign-in did not finish',
  signInForeign: 'the sign-in answer does not belong to this request',
  noAuthCode: 'no authorization code',
  codeRefused: 'the token endpoint refused the authorization code',
  httpStatus: 'HTTP $1',
  // The side panel's fallback to a tab, and the clipboard (#13): were free English text.
  sidePanelNeedsClick: 'Chrome opens a side panel only on a click by the agent, and this interaction came without one',
  sidePanelNotShown: 'side panel not shown: $1',
  clipboardRefused: 'the browser refused to copy',
  // An extract rule stopped by the message's work budget (#10): the event pops without its variable.
  extractSkipped: 'extract rule for $1 skipped: the message\'s extract rules used up their work budget',
  extractStopped: 'extract rule for $1 stopped: searching $2 characters with this regular expression took over $3 steps; simplify its {} repetitions',
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

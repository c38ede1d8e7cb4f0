// The diagnostics lines the worker writes, by code. The worker stores the English text (exports,
// support); the options page shows `_locales` message `diagMsg_<code>` with the same $1…$n, or
// `diagMsg_<code>_<plural form>` for a line with a count (options/diagnostic-text COUNT_ARG).
export const DIAGNOSTIC_MESSAGES = {
  event: '$1 $2 → $3 ($4)',
  eventHandled: '$1 $2 → $3 ($4), already handled',
  eventRecorded: '$1 $2 → recorded ($3)',
  untrustedSender: 'Message for source "$1" from an unexpected frame or origin',
  untrustedOrigin: 'Source "$1": messages from $2 ignored: it is not in Trusted senders',
  originTrusted: 'Source "$1": $2 added to Trusted senders',
  paused: 'Pops are paused: nothing opened',
  matched: '$1: templates $2',
  noMatch: '$1: no template matched',
  urlRefused: '$1: URL refused: $2',
  tabOpened: '$1: tab "$2" opened$3',
  tabReused: '$1: tab "$2" reused$3',
  tabReopened: '$1: tab "$2" reopened$3',
  sidePanelShown: '$1: tab "$2" shown in the side panel$3',
  copied: '$1: copied to the clipboard',
  webhookQueued: '$1: webhook queued',
  webhookDelivered: '$1: webhook delivered (HTTP $2, attempt $3)',
  webhookRetry: '$1: webhook attempt $2 failed ($3); next try in $4 s',
  webhookFailed: '$1: webhook failed: $2',
  configRejected: 'Configuration rejected, the previous one stays in force: $1',
  popupRescued: 'Blocked popup rescued: tab "$1" $2',
  lookupSent: '$1: lookup sent ($2 $3)',
  lookupAnswered: '$1: lookup answered HTTP $2 in $3 ms, matches: $4',
  lookupFailed: '$1: lookup failed after $2 ms: $3',
  lookupRecord: '$1: record opened in tab "$2" (matches: $3, rule $4)',
  lookupChooser: '$1: $2 matches, chooser shown in tab "$3"',
  lookupNoMatch: '$1: no match, new-contact page opened in tab "$2"',
  lookupFallback: '$1: fallback page opened in tab "$2" ($3)',
  lookupNothing: '$1: nothing opened ($2)',
  lookupChosen: '$1: the agent chose match $2 of $3',
  lookupReused: '$1: lookup result reused, tab "$2"',
  lookupResumed: '$1: the worker restarted during the lookup; asked again',
  // Placements (#12)
  tabClosed: 'Tab "$1" closed: the interaction reached "$2"',
  tabLeftOpen: 'Tab "$1" left open at "$2": it no longer shows the page opened for this interaction',
  notified: '$1: notification shown',
  notificationOpened: 'Notification clicked: tab "$1" $2',
  // Admin rollout (#9)
  policyRejected: 'Policy rejected, the last valid policy stays in force: $1',
  policyRejectedNone: 'Policy rejected, no policy in force: $1',
  policyFromCache: 'Chrome has not published the policy yet: the last valid policy (of $1) applies',
  policyRemoved: 'The policy was removed: the agent\'s own configuration applies',
  policyReported: 'Policy rejection reported to $1 (HTTP $2)',
  policyReportFailed: 'Policy rejection not reported to $1: $2',
  bridgeDropped: 'Source "$1": the bridge dropped $2 messages that are not its adapter\'s events and $3 over its rate bound',
  superseded: '$1: tab "$2" not navigated: a newer pop for it came within the same moment',
  testPopTab: 'Test pop $1: tab "$2" $3',
  testPopWebhook: 'Test pop $1: webhook $2 answered $3',
  testPopWebhookFailed: 'Test pop $1: webhook failed: $2',
  testPopNotified: 'Test pop $1: notification shown',
  // Lines that were free English text (#13); $n that are reasons stay the engine's English.
  storedConfigRejected: 'Stored configuration rejected: $1',
  rescueRefused: 'Blocked popup not rescued: $1',
  rescueOutsidePrefixes: 'Blocked popup not rescued: $1 is not among the addresses source "$2" may open popups at (Advanced: edit JSON › rescueUrlPrefixes)',
  rescueTooMany: 'Blocked popup not rescued: too many popups from this page in the last minute',
  messageIgnored: 'Source "$1": message ignored: $2',
  actionFailed: '$1: the action failed: $2',
  deferredPopFailed: '$1: the pop waiting for its tab failed: $2',
  nothingCopied: '$1: nothing copied: $2',
  notCopied: '$1: not copied: $2',
  webhookNotSent: '$1: webhook not sent: $2',
  adapterNote: 'Source "$1": $2',
} as const;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_MESSAGES;

/** `$1`…`$9` replaced by the arguments, in one pass (an argument's own `$2` stays as it is). */
export function formatDiagnostic(code: DiagnosticCode, args: readonly string[]): string {
  return DIAGNOSTIC_MESSAGES[code].replace(/\$([1-9])/g, (all, n: string) => args[Number(n) - 1] ?? all);
}

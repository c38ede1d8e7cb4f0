// The parts of a diagnostics line the worker leaves as ids (phases, channels, match reasons),
// put in the agent's words.
import { DEFAULT_CHANNEL_LABELS } from '../core/interaction-event';
import type { DiagnosticCode } from '../core/diagnostic-codes';
import { readReason } from '../core/reason-codes';
import { EMPTY_CONFIG } from '../core/config-defaults';
import { readIssueLine } from '../core/validation-codes';
import { fieldName, sayValidation } from './field-names';
import type { MatchWhy } from '../core/templates';
import { formatDateTime, t, uiLocale } from './i18n';
import { pluralKey } from '../core/plural';

/** Which argument (0-based) of a code is a phase, which a channel id. */
const PHASE_ARG: Partial<Record<DiagnosticCode, number>> = { event: 2, eventHandled: 2, matched: 0, noMatch: 0 };
const CHANNEL_ARG: Partial<Record<DiagnosticCode, number>> = { event: 3, eventHandled: 3, eventRecorded: 2 };

export function phaseName(phase: string): string {
  const text = chrome.i18n.getMessage(`phase_${phase}`);
  return text || phase;
}

/** A channel's name in the agent's language; channels this extension does not know keep their id. */
export function channelName(channel: string): string {
  const text = chrome.i18n.getMessage(`channel_${channel}`);
  return text || DEFAULT_CHANNEL_LABELS[channel] || channel;
}

/** Which argument is how a tab was opened ("opened", "reused", …). */
const TAB_OUTCOME_ARG: Partial<Record<DiagnosticCode, number>> = { testPopTab: 2, popupRescued: 1 };

/** "opened", "shown in the side panel" → the agent's words; anything else as it is. */
export function tabOutcome(outcome: string): string {
  return chrome.i18n.getMessage(`tabOutcome_${outcome.replace(/\W+/g, '_')}`) || outcome;
}

/** Which argument is an engine reason ("the URL is empty", "… is outside settings.allowedUrlPrefixes"). */
const REASON_ARG: Partial<Record<DiagnosticCode, number>> = {
  urlRefused: 1,
  rescueRefused: 0,
  nothingCopied: 1,
  webhookNotSent: 1,
  messageIgnored: 1,
  lookupFailed: 2,
  lookupFallback: 2,
  lookupNothing: 1,
  webhookRetry: 2,
  webhookFailed: 1,
  testPopWebhookFailed: 1,
  actionFailed: 1,
  deferredPopFailed: 1,
  policyReportFailed: 1,
  adapterNote: 1,
  notCopied: 1,
};

/** Which argument is a count: the line says it by `diagMsg_<code>_<plural form>` (one, few, many, other). */
const COUNT_ARG: Partial<Record<DiagnosticCode, number>> = { lookupAnswered: 3, lookupRecord: 2 };
/** Which argument is how a lookup chose among its matches (single, first, all, …). */
const RULE_ARG: Partial<Record<DiagnosticCode, number>> = { lookupRecord: 3 };
/** Which argument is an ISO date, said in the browser's locale. */
const DATE_ARG: Partial<Record<DiagnosticCode, number>> = { policyFromCache: 0 };
/** Which argument is a tab's note, " (reason)" or empty: why the placement asked for was not possible. */
const NOTE_ARG: Partial<Record<DiagnosticCode, number>> = { tabOpened: 2, tabReused: 2, tabReopened: 2, sidePanelShown: 2 };

function lookupRule(rule: string): string {
  return chrome.i18n.getMessage(`lookupRule_${rule}`) || rule;
}

function dateText(iso: string): string {
  const at = Date.parse(iso);
  return Number.isNaN(at) ? iso : formatDateTime(at);
}

function noteText(note: string): string {
  const inner = /^ \((.*)\)$/s.exec(note);
  return inner ? ` (${reasonName(inner[1]!)})` : note;
}

/** A diagnostics line in the agent's language, counts in their plural forms; '' if the locale lacks it. */
export function diagnosticLine(code: DiagnosticCode, args: readonly string[]): string {
  const count = COUNT_ARG[code];
  const base = `diagMsg_${code}`;
  const key = count === undefined ? base : pluralKey(base, Number(args[count]), uiLocale(), (k) => !!chrome.i18n.getMessage(k));
  return chrome.i18n.getMessage(key, localizedArgs(code, args));
}

/**
 * A reason the engine wrote from core/reason-codes, in the agent's words; any other as it came.
 * A reason inside a reason ("no answer within 3000 ms, after 8 attempts") is read in turn.
 */
export function reasonName(reason: string, depth = 0): string {
  const read = readReason(reason);
  if (!read) return reason;
  const args = depth < 3 ? read.args.map((arg) => reasonName(arg, depth + 1)) : read.args;
  return chrome.i18n.getMessage(`reason_${read.code}`, args) || reason;
}

/** Which argument is a refused document's problems, one English line each (`templates[0].url: must …`). */
const PROBLEMS_ARG: Partial<Record<DiagnosticCode, number>> = { configRejected: 0, storedConfigRejected: 0 };
/** The same for the admin's policy: the admin edits JSON, so the path stays and the message is translated. */
const POLICY_PROBLEMS_ARG: Partial<Record<DiagnosticCode, number>> = { policyRejected: 0, policyRejectedNone: 0 };

/**
 * A refused document's problems in the agent's language. `byLabel`: fields by their labels; the
 * document itself is gone, so its templates and sources are named by number. A line the schema
 * did not write (an unknown key) stays English.
 */
/** The policy store's own English lead-in, which the page's sentence around the problems already says. */
const PREFIX = /^Policy configuration rejected: /;

export function documentProblems(text: string, byLabel = true): string {
  return text
    .split('\n')
    .map((line) => {
      const issue = readIssueLine(line) ?? readIssueLine(line.replace(PREFIX, ''));
      if (!issue) return line;
      if (!issue.path) return sayValidation(issue.message);
      return `${byLabel ? fieldName(issue.path, EMPTY_CONFIG) : issue.path}: ${sayValidation(issue.message)}`;
    })
    .join('; ');
}

/** Each kind of argument and how the page says it. */
const ARG_TEXT: ReadonlyArray<[Partial<Record<DiagnosticCode, number>>, (arg: string) => string]> = [
  [PHASE_ARG, phaseName],
  [CHANNEL_ARG, channelName],
  [TAB_OUTCOME_ARG, tabOutcome],
  [REASON_ARG, (arg) => reasonName(arg)],
  [PROBLEMS_ARG, (arg) => documentProblems(arg)],
  [POLICY_PROBLEMS_ARG, (arg) => documentProblems(arg, false)],
  [RULE_ARG, lookupRule],
  [DATE_ARG, dateText],
  [NOTE_ARG, noteText],
];

export function localizedArgs(code: DiagnosticCode, args: readonly string[]): string[] {
  return args.map((arg, i) => {
    const kind = ARG_TEXT.find(([which]) => which[code] === i);
    return kind ? kind[1](arg) : arg;
  });
}

export function whyText(why: MatchWhy): string {
  const args = why.args.map((arg, i) => {
    if (why.code === 'phase' && i === 0) return phaseName(arg);
    if (why.code === 'phase' && i === 1) return listOf(arg, phaseName);
    if (why.code === 'channel' && i === 0) return channelName(arg);
    if (why.code === 'channel' && i === 1) return listOf(arg, channelName);
    return arg;
  });
  return t(`matchWhy_${why.code}`, ...args);
}

/** "[a, b]" as the match engine writes lists, each item named for the agent. */
function listOf(list: string, name: (id: string) => string): string {
  return list.replace(/^\[|\]$/g, '').split(', ').filter(Boolean).map(name).join(', ');
}

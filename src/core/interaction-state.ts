// Interaction state: which phases each interaction has fired, so that each (interaction, phase)
// fires once however many frames or retries deliver it, and `missed` can be derived.
// Pure: the worker persists the state in session storage between events.
import { fingerprint } from './fingerprint';
import { STANDALONE_RECORD, type InteractionEvent, type Phase, type Vars } from './interaction-event';

export interface InteractionRecord {
  key: string;
  source: string;
  interactionId: string;
  channel: string;
  vars: Vars;
  /** Phases fired, in order; `record` entries carry the fingerprint of the URL they opened. */
  fired: string[];
  phase: Phase | null;
  answered: boolean;
  endedAt: number | null;
  updatedAt: number;
  /** Its details are past `historyMinutes`: kept only to drop duplicates. */
  forgotten?: boolean;
  /** What the extension last did for it, for the popup and the toolbar badge. */
  outcome?: Outcome;
}

/**
 * popped: at least one template acted; noMatch: no template matched a phase that fired;
 * refused: a matched template's URL was refused; failed: an action threw; paused: pops are paused.
 */
export type OutcomeKind = 'popped' | 'noMatch' | 'refused' | 'failed' | 'paused';

export interface Outcome {
  kind: OutcomeKind;
  phase: Phase;
  /** Names of the templates concerned (the ones that acted, or were refused). */
  templates: string[];
  at: number;
}

/**
 * The outcome the record keeps: a later phase that no template handles (ended, focus) must not
 * hide that the chat popped, so "nothing matched" only fills a record that has no outcome yet.
 */
export function keepOutcome(previous: Outcome | undefined, next: Outcome): Outcome {
  if (next.kind === 'noMatch' && previous) return previous;
  return next;
}

export interface InteractionState {
  interactions: Record<string, InteractionRecord>;
  /** Per source, the interaction the agent last focused. */
  focused: Record<string, string>;
}

export const EMPTY_STATE: InteractionState = { interactions: {}, focused: {} };

/** Interactions untouched this long are forgotten even if their end never arrived. */
const STALE_MS = 12 * 60 * 60 * 1000;

export function interactionKey(source: string, interactionId: string): string {
  return `${source}/${interactionId}`;
}

export interface Applied {
  state: InteractionState;
  record: InteractionRecord;
  /** Phases to act on now, in order (an unanswered `ended` is followed by `missed`). */
  fire: Phase[];
}

const BEFORE_END: ReadonlySet<Phase> = new Set(['ringing', 'dialing', 'answered']);

export function applyEvent(state: InteractionState, event: InteractionEvent, now: number): Applied {
  const key = interactionKey(event.source, event.interactionId);
  const { record, focused, fire } = applyToRecord(state.interactions[key], state.focused, event, now);
  return { state: { interactions: { ...state.interactions, [key]: record }, focused }, record, fire };
}

/** applyEvent for one record: what the worker runs, at a cost that does not grow with the state. */
export function applyToRecord(
  previous: InteractionRecord | undefined,
  focusedBefore: Record<string, string>,
  event: InteractionEvent,
  now: number,
): Omit<Applied, 'state'> & { focused: Record<string, string> } {
  const key = interactionKey(event.source, event.interactionId);
  const record: InteractionRecord = previous
    ? { ...previous, vars: mergeVars(previous.vars, event.vars), fired: [...previous.fired], updatedAt: now }
    : {
        key,
        source: event.source,
        interactionId: event.interactionId,
        channel: event.channel,
        vars: mergeVars({}, event.vars),
        fired: [],
        phase: null,
        answered: false,
        endedAt: null,
        updatedAt: now,
      };
  const focused = { ...focusedBefore };
  const fire: Phase[] = [];
  const phase = event.phase;

  const fireOnce = (p: Phase, mark: string = p) => {
    if (record.fired.includes(mark)) return;
    record.fired.push(mark);
    // Record pops of many URLs must not grow the record without bound: the oldest marks go first.
    if (record.fired.length > MAX_FIRED) record.fired.splice(0, record.fired.length - MAX_FIRED);
    fire.push(p);
  };

  if (phase === 'focus') {
    // Fires again only when the agent switched away and back, not for every frame that repeats it.
    if (focused[event.source] !== key) fire.push('focus');
    focused[event.source] = key;
  } else if (phase === 'on_demand') {
    fire.push('on_demand');
  } else if (phase === 'record') {
    // The mark names the URL by fingerprint: the record outlives historyMinutes (as a tombstone),
    // the customer's number in the URL must not.
    fireOnce('record', `record:${fingerprint(event.recordUrl ?? '')}`);
    if (event.interactionId.startsWith(STANDALONE_RECORD)) record.endedAt ??= now;
  } else if (phase && !(record.endedAt !== null && BEFORE_END.has(phase))) {
    // A late RINGING or ESTABLISHED after the end is stale: it would pop a finished interaction.
    fireOnce(phase);
    if (phase === 'answered') record.answered = true;
    if (phase === 'ended') {
      record.endedAt ??= now;
      if (!record.answered) fireOnce('missed');
    }
  }
  if (phase === 'ended' || phase === 'missed' || phase === 'wrapup_end') record.endedAt ??= now;
  if (phase === 'answered' || phase === 'focus') focused[event.source] = key;
  if (fire.length) record.phase = fire[fire.length - 1] ?? record.phase;
  else if (phase && phase !== 'focus' && !record.phase) record.phase = phase;

  return { record, focused, fire };
}

/** Bounds a record's size whatever a sender posts: the state's bytes stay bounded. */
export const MAX_VARS = 40;
export const MAX_VAR_CHARS = 256;
const MAX_FIRED = 24;

function mergeVars(into: Vars, vars: Vars): Vars {
  const merged = { ...into };
  for (const [name, value] of Object.entries(vars)) {
    if (value === '' || name.length > 64) continue;
    if (!(name in merged) && Object.keys(merged).length >= MAX_VARS) continue;
    merged[name] = value.length > MAX_VAR_CHARS ? value.slice(0, MAX_VAR_CHARS) : value;
  }
  return merged;
}

/** An ended interaction is remembered (without its variables) at least this long, so that a late
 * duplicate of its end cannot fire it again. */
const TOMBSTONE_MS = 10 * 60_000;

/**
 * Privacy and memory: `historyMinutes` after an interaction ended its variables (phone numbers,
 * addresses) are forgotten; its bare record is dropped once no duplicate can still arrive.
 */
export function prune(state: InteractionState, now: number, historyMinutes: number): InteractionState {
  const keepMs = historyMinutes * 60_000;
  const interactions: Record<string, InteractionRecord> = {};
  for (const [key, record] of Object.entries(state.interactions)) {
    const endedFor = record.endedAt === null ? -1 : now - record.endedAt;
    if (endedFor >= Math.max(keepMs, TOMBSTONE_MS) || now - record.updatedAt >= STALE_MS) continue;
    interactions[key] = endedFor >= keepMs ? { ...record, vars: {}, forgotten: true } : record;
  }
  const focused = Object.fromEntries(Object.entries(state.focused).filter(([, key]) => key in interactions));
  return { interactions, focused };
}

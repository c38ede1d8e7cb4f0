// Persists the interaction state in session storage: a worker restart forgets nothing, the
// browser's end forgets everything (it holds phone numbers and addresses).
//
// One key per interaction (`ix:<source>/<id>`), written behind the action: an event rewrites only
// its own record, whatever the number of interactions. A record's fired phases are written only
// after the phase's actions ran, so a worker that dies in between fires the phase again when the
// bridge delivers the message again. At most MAX_INTERACTIONS are kept, the least recently
// updated evicted first.
import type { Config } from '../core/config';
import { forgetPendingClosesOf } from './actions/close-on';
import { forgetNotificationsOf } from './actions/notify';
import type { InteractionEvent } from '../core/interaction-event';
import { applyToRecord, interactionKey, prune, type InteractionRecord, type Outcome } from '../core/interaction-state';
import { forgetDetails } from './diagnostics';
import { removeSession, sessionSnapshot, writeSession } from './session';

const PREFIX = 'ix:';
const FOCUSED_KEY = 'ixFocused';
export const MAX_INTERACTIONS = 500;

interface Memory {
  /** Insertion order = least recently updated first. */
  records: Map<string, InteractionRecord>;
  focused: Record<string, string>;
}

let memory: Memory | null = null;
/** Interactions with a change whose actions have not all run yet: they are stored by its commit. */
const uncommitted = new Map<string, number>();
/** When the next ended interaction's details are due to be forgotten: pruning runs only then. */
let nextPruneAt = 0;

async function load(): Promise<Memory> {
  if (memory) return memory;
  const all = await sessionSnapshot();
  const records = Object.entries(all)
    .filter(([key]) => key.startsWith(PREFIX))
    .map(([, record]) => record as InteractionRecord)
    .sort((a, b) => a.updatedAt - b.updatedAt);
  memory ??= {
    records: new Map(records.map((record) => [record.key, record])),
    focused: (all[FOCUSED_KEY] as Record<string, string> | undefined) ?? {},
  };
  return memory;
}

export interface Change {
  record: InteractionRecord;
  fire: ReturnType<typeof applyToRecord>['fire'];
  /** Stores the record with its fired phases: call once the phases' actions ran. */
  commit(): void;
}

export const interactionStore = {
  /** Callers run one at a time (the worker's queue), so read-modify-write is safe. */
  async apply(event: InteractionEvent, config: Config, now = Date.now()): Promise<Change> {
    if (now >= nextPruneAt) await interactionStore.prune(config, now);
    const state = await load();
    const key = interactionKey(event.source, event.interactionId);
    const previous = state.records.get(key);
    const { record, focused, fire } = applyToRecord(previous, state.focused, event, now);
    state.records.delete(key);
    state.records.set(key, record);
    const focusChanged = JSON.stringify(focused) !== JSON.stringify(state.focused);
    state.focused = focused;
    const evicted: string[] = [];
    for (const oldest of state.records.keys()) {
      if (state.records.size <= MAX_INTERACTIONS) break;
      state.records.delete(oldest);
      evicted.push(PREFIX + oldest);
    }
    if (evicted.length) void removeSession(evicted);
    if (record.endedAt !== null) nextPruneAt = Math.min(nextPruneAt, record.endedAt + config.settings.historyMinutes * 60_000);
    uncommitted.set(key, (uncommitted.get(key) ?? 0) + 1);
    return {
      record,
      fire,
      commit: () => {
        const left = (uncommitted.get(key) ?? 1) - 1;
        if (left > 0) uncommitted.set(key, left);
        else uncommitted.delete(key);
        // The newest state of the record: a later event's commit may have come first.
        const latest = state.records.get(key);
        if (latest) void writeSession({ [PREFIX + key]: latest, ...(focusChanged ? { [FOCUSED_KEY]: state.focused } : {}) });
      },
    };
  },

  /** Periodic clean-up: personal data does not outlive `historyMinutes`. */
  async prune(config: Config, now = Date.now()): Promise<void> {
    const state = await load();
    const before = Object.fromEntries(state.records);
    const keepMs = config.settings.historyMinutes * 60_000;
    const after = prune({ interactions: before, focused: state.focused }, now, config.settings.historyMinutes);
    const gone = Object.keys(before).filter((key) => !(key in after.interactions));
    for (const key of gone) state.records.delete(key);
    if (gone.length) void removeSession(gone.map((key) => PREFIX + key));
    for (const [key, record] of Object.entries(after.interactions)) {
      if (record !== before[key]) {
        state.records.set(key, record);
        void writeSession({ [PREFIX + key]: record });
      }
    }
    state.focused = after.focused;
    void writeSession({ [FOCUSED_KEY]: after.focused });
    nextPruneAt = Infinity;
    for (const record of state.records.values()) {
      if (record.endedAt !== null && !record.forgotten) nextPruneAt = Math.min(nextPruneAt, record.endedAt + keepMs);
    }
    const isLive = (key: string) => {
      const record = state.records.get(key);
      return record !== undefined && !record.forgotten;
    };
    await forgetDetails(isLive, now, config.settings.historyMinutes);
    // A notification (on screen, and what its click opens) and a pending clean-up die with the
    // interaction's details; a test pop's notification, historyMinutes after it was shown.
    await forgetNotificationsOf(isLive, now, config.settings.historyMinutes);
    await forgetPendingClosesOf(isLive);
  },

  /** Variables learned outside a vendor event (a lookup's match); no-op once forgotten. */
  async mergeVars(key: string, vars: Record<string, string>): Promise<void> {
    const state = await load();
    const record = state.records.get(key);
    if (!record || record.forgotten) return;
    const merged = { ...record, vars: { ...record.vars, ...vars } };
    state.records.set(key, merged);
    await writeSession({ [PREFIX + key]: merged });
  },

  /** What the extension last did for the interaction; stored with the record's next commit. */
  async setOutcome(key: string, next: (previous: Outcome | undefined) => Outcome): Promise<void> {
    const state = await load();
    const record = state.records.get(key);
    if (!record) return;
    const updated = { ...record, outcome: next(record.outcome) };
    state.records.set(key, updated);
    // Storing now would store phases whose actions have not run: the change's commit stores it.
    if (!uncommitted.has(key)) await writeSession({ [PREFIX + key]: updated });
  },

  async get(key: string): Promise<InteractionRecord | undefined> {
    return (await load()).records.get(key);
  },

  async list(): Promise<InteractionRecord[]> {
    return [...(await load()).records.values()].sort((a, b) => b.updatedAt - a.updatedAt);
  },
};

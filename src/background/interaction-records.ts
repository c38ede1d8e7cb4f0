// Persists the interaction state in session storage: a worker restart forgets nothing, the
// browser's end forgets everything (it holds phone numbers and addresses).
import type { Config } from '../core/config';
import { forgetPendingClosesOf } from './actions/close-on';
import { forgetNotificationsOf } from './actions/notify';
import { forgetDetails } from './diagnostics';
import { EMPTY_STATE, prune, type Applied, type InteractionRecord, type InteractionState, type Outcome } from '../core/interaction-state';
import { readSession, writeSession } from './storage';

const KEY = 'interactions' as const;

let state: InteractionState | null = null;

async function load(): Promise<InteractionState> {
  state ??= await readSession(KEY, EMPTY_STATE);
  return state;
}

function liveKeys(current: InteractionState): Set<string> {
  return new Set(Object.values(current.interactions).filter((r) => !r.forgotten).map((r) => r.key));
}

async function forgetBeyondHistory(current: InteractionState, now: number, historyMinutes: number): Promise<void> {
  const live = liveKeys(current);
  await forgetDetails(live, now, historyMinutes);
  // A notification's URL and a pending clean-up die with the interaction's details.
  await forgetNotificationsOf((key) => live.has(key));
  await forgetPendingClosesOf((key) => live.has(key));
}

export const interactionStore = {
  /** Callers run one at a time (the worker's queue), so read-modify-write is safe. */
  async apply(change: (state: InteractionState) => Applied, config: Config): Promise<Applied> {
    await load();
    // The latest state, not the one load() saw: mergeVars may have run while it was awaited.
    const applied = change(state!);
    const now = Date.now();
    state = prune(applied.state, now, config.settings.historyMinutes);
    await writeSession({ [KEY]: state });
    await forgetBeyondHistory(state, now, config.settings.historyMinutes);
    return applied;
  },

  /** Periodic clean-up: personal data does not outlive `historyMinutes`. */
  async prune(config: Config): Promise<void> {
    const now = Date.now();
    state = prune(await load(), now, config.settings.historyMinutes);
    await writeSession({ [KEY]: state });
    await forgetBeyondHistory(state, now, config.settings.historyMinutes);
  },

  /** Variables learned outside a vendor event (a lookup's match); no-op once forgotten. */
  async mergeVars(key: string, vars: Record<string, string>): Promise<void> {
    await load();
    const record = state!.interactions[key];
    if (!record || record.forgotten) return;
    state = { ...state!, interactions: { ...state!.interactions, [key]: { ...record, vars: { ...record.vars, ...vars } } } };
    await writeSession({ [KEY]: state });
  },

  async setOutcome(key: string, next: (previous: Outcome | undefined) => Outcome): Promise<void> {
    const current = await load();
    const record = current.interactions[key];
    if (!record) return;
    state = { ...current, interactions: { ...current.interactions, [key]: { ...record, outcome: next(record.outcome) } } };
    await writeSession({ [KEY]: state });
  },

  async get(key: string): Promise<InteractionRecord | undefined> {
    return (await load()).interactions[key];
  },

  async list(): Promise<InteractionRecord[]> {
    return Object.values((await load()).interactions).sort((a, b) => b.updatedAt - a.updatedAt);
  },
};

// An event storm must not become a navigation storm: a target's tab is navigated at most once per
// MIN_GAP_MS. A pop that comes sooner waits for the gap; if another comes for the same target
// meanwhile, the newer one wins and the waiting one is dropped — the agent sees the latest.
import type { OpenResult } from './tab';

const MIN_GAP_MS = 100;

interface Slot {
  last: number;
  waiting?: { run: () => Promise<OpenResult>; settle: (result: OpenResult | null) => void };
}

const slots = new Map<string, Slot>();

export type Gated = { now: Promise<OpenResult> } | { later: Promise<OpenResult | null> };

/** `later` resolves to null when a newer pop for the same target superseded this one. */
export function gateNavigation(target: string, run: () => Promise<OpenResult>, now = Date.now()): Gated {
  let slot = slots.get(target);
  if (!slot) {
    slot = { last: 0 };
    slots.set(target, slot);
  }
  const wait = slot.last + MIN_GAP_MS - now;
  if (wait <= 0 && !slot.waiting) {
    slot.last = now;
    return { now: run() };
  }
  const current = slot;
  current.waiting?.settle(null);
  const later = new Promise<OpenResult | null>((settle) => {
    const first = !current.waiting;
    current.waiting = { run, settle };
    if (!first) return;
    setTimeout(() => {
      const next = current.waiting!;
      current.waiting = undefined;
      current.last = Date.now();
      next.run().then(next.settle, () => next.settle(null));
    }, Math.max(0, wait));
  });
  return { later };
}

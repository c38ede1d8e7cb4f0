// Worker state that must survive a service-worker restart but not the browser session: kept in
// chrome.storage.session (memory-backed, never written to disk), so personal data in it dies
// with the browser.
//
// Writes are staged and flushed behind the action, batched: a screen pop never waits for storage,
// a burst of events costs one write, and each key holds a small bounded value so that no write
// grows with the log or with the number of interactions. A failed write is reported and retried
// with the next flush; it never stops an action.
import browser from 'webextension-polyfill';

let snapshot: Promise<Record<string, unknown>> | null = null;

/** Everything in session storage, read once per worker life: the first pop needs one read. */
export function sessionSnapshot(): Promise<Record<string, unknown>> {
  snapshot ??= browser.storage.session.get(null).catch((error: unknown) => {
    console.error('CRM Screenpop: session storage unreadable', error);
    return {};
  });
  return snapshot;
}

/** What this worker wrote since the snapshot: reads see their own writes before they land. */
const written = new Map<string, unknown>();

export async function readSession<T>(key: string, fallback: T): Promise<T> {
  const snapshot = await sessionSnapshot();
  const value = written.has(key) ? written.get(key) : snapshot[key];
  return (value as T | undefined) ?? fallback;
}

const staged = new Map<string, unknown>();
const REMOVED = Symbol('removed');
let flushing: Promise<void> | null = null;
let scheduled: Promise<void> | null = null;

/** Stages values for the next batched write; resolves once they are written (or the write failed). */
export function writeSession(values: Record<string, unknown>): Promise<void> {
  for (const [key, value] of Object.entries(values)) {
    staged.set(key, value);
    written.set(key, value);
  }
  return scheduleFlush();
}

export function removeSession(keys: string[]): Promise<void> {
  for (const key of keys) {
    staged.set(key, REMOVED);
    written.delete(key);
  }
  void sessionSnapshot().then((snapshot) => {
    for (const key of keys) if (!written.has(key)) delete snapshot[key];
  });
  return scheduleFlush();
}

/** Resolves once everything staged so far is written. */
export function sessionWritten(): Promise<void> {
  return staged.size ? scheduleFlush() : flushing ?? Promise.resolve();
}

function scheduleFlush(): Promise<void> {
  // One flush in flight at a time; whatever is staged meanwhile goes in the next one.
  scheduled ??= (flushing ?? Promise.resolve()).then(
    () =>
      new Promise<void>((resolve) => {
        // A macrotask: every write staged by the current burst of events joins this batch.
        setTimeout(() => {
          scheduled = null;
          flushing = flush().finally(() => {
            flushing = null;
          });
          void flushing.then(resolve);
        }, 0);
      }),
  );
  return scheduled;
}

async function flush(): Promise<void> {
  const batch = new Map(staged);
  staged.clear();
  const set: Record<string, unknown> = {};
  const remove: string[] = [];
  for (const [key, value] of batch) {
    if (value === REMOVED) remove.push(key);
    else set[key] = value;
  }
  try {
    if (remove.length) await browser.storage.session.remove(remove);
    if (Object.keys(set).length) await browser.storage.session.set(set);
  } catch (error) {
    // Quota or a closing browser. Never thrown into the pipeline (the action already ran); each
    // key is tried alone so that one bad value cannot keep the others from being stored, and a
    // key that still fails is staged again: the next flush retries it.
    console.error('CRM Screenpop: session storage write failed', error);
    failures++;
    if (remove.length) await browser.storage.session.remove(remove).catch(() => remove.forEach((key) => stageAgain(key, REMOVED)));
    for (const [key, value] of Object.entries(set)) {
      await browser.storage.session.set({ [key]: value }).catch(() => stageAgain(key, value));
    }
  }
}

/** A value staged since the failed write is newer: it replaces the failed one, never the reverse. */
function stageAgain(key: string, value: unknown): void {
  if (!staged.has(key)) staged.set(key, value);
}

let failures = 0;
/** How many batched writes failed in this worker's life (diagnostics, tests). */
export function sessionWriteFailures(): number {
  return failures;
}

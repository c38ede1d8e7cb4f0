// Whether each source is alive, for the popup and the badge: when the bridge last delivered a
// trusted message, and which origin it last had to ignore. Session storage: nothing here needs
// to outlive the browser, and it is written at most once per message.
import type { SourceHealth } from '../core/worker-api';
import { readSession, writeSession } from './storage';

const KEY = 'sourceHealth' as const;
/** A heard message counts as a sign of life this long; ignored origins are shown this long. */
export const IGNORED_SHOWN_MS = 10 * 60_000;
/** One diagnostics line per ignored origin and source at most this often. */
const LOG_EVERY_MS = 5 * 60_000;

let health: Record<string, SourceHealth> | null = null;

async function load(): Promise<Record<string, SourceHealth>> {
  health ??= await readSession(KEY, {});
  return health;
}

async function update(sourceId: string, change: (previous: SourceHealth) => SourceHealth): Promise<void> {
  const all = await load();
  health = { ...all, [sourceId]: change(all[sourceId] ?? {}) };
  await writeSession({ [KEY]: health });
}

export async function noteHeard(sourceId: string, now = Date.now()): Promise<void> {
  // Writing on every message would be wasteful: a minute's precision is all the popup needs.
  const previous = (await load())[sourceId]?.heardAt ?? 0;
  if (now - previous < 60_000) return;
  await update(sourceId, (h) => ({ ...h, heardAt: now }));
}

/** Records an ignored origin; true when it deserves a (new) diagnostics line. */
export async function noteIgnored(sourceId: string, origin: string, pageOrigin: string, now = Date.now()): Promise<boolean> {
  const previous = (await load())[sourceId]?.ignored;
  const shouldLog = !previous || previous.origin !== origin || now - previous.loggedAt >= LOG_EVERY_MS;
  await update(sourceId, (h) => ({
    ...h,
    ignored: { origin, pageOrigin, at: now, loggedAt: shouldLog ? now : (previous?.loggedAt ?? now) },
  }));
  return shouldLog;
}

export async function clearIgnored(sourceId: string): Promise<void> {
  await update(sourceId, (h) => ({ ...h, ignored: undefined }));
}

export async function readHealth(): Promise<Record<string, SourceHealth>> {
  return { ...(await load()) };
}

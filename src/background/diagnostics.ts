// The diagnostics log: the answer to "why didn't my CRM open?". Summaries carry no personal data;
// details (rendered URLs, payloads) are dropped `historyMinutes` after their interaction ended.
//
// Kept in memory and written behind in chunks of CHUNK entries (`diag:<n>`): a new line rewrites
// only the newest chunk, so its cost does not grow with the log; the oldest chunk is evicted.
import { formatDiagnostic, type DiagnosticCode } from '../core/diagnostic-codes';
import type { DiagnosticEntry } from '../core/worker-api';
import { removeSession, sessionSnapshot, writeSession } from './session';

const PREFIX = 'diag:';
const CHUNK = 20;
const MAX_CHUNKS = 15;
/** Caps that bound a line's bytes whatever the vendor sends. */
const MAX_SUMMARY = 500;
const MAX_DETAIL = 2000;
const MAX_ARG = 200;

interface Chunk {
  n: number;
  entries: DiagnosticEntry[];
}

let chunks: Chunk[] | null = null;

async function load(): Promise<Chunk[]> {
  if (chunks) return chunks;
  const all = await sessionSnapshot();
  const found = Object.entries(all)
    .filter(([key]) => key.startsWith(PREFIX))
    .map(([key, entries]) => ({ n: Number(key.slice(PREFIX.length)), entries: Array.isArray(entries) ? (entries as DiagnosticEntry[]) : [] }))
    .filter((chunk) => Number.isInteger(chunk.n))
    .sort((a, b) => a.n - b.n);
  chunks ??= found;
  return chunks;
}

/** Always a code: a line of free English would reach Italian and Russian agents untranslated. */
type NewEntry = Omit<DiagnosticEntry, 'at' | 'summary' | 'code' | 'args'> & { code: DiagnosticCode; args?: string[] };

const cap = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text);

/** Resolves once the line is in memory; its write happens behind. Never throws. */
export async function logDiagnostic(entry: NewEntry, now = Date.now()): Promise<void> {
  const list = await load();
  const summary = cap(formatDiagnostic(entry.code, entry.args ?? []), MAX_SUMMARY);
  const line: DiagnosticEntry = { at: now, ...entry, summary };
  if (line.args) line.args = line.args.map((arg) => cap(arg, MAX_ARG));
  if (line.detail !== undefined) line.detail = cap(line.detail, MAX_DETAIL);
  let last = list.at(-1);
  if (!last || last.entries.length >= CHUNK) {
    last = { n: (last?.n ?? 0) + 1, entries: [] };
    list.push(last);
    const evicted = list.splice(0, Math.max(0, list.length - MAX_CHUNKS));
    if (evicted.length) void removeSession(evicted.map((chunk) => PREFIX + chunk.n));
  }
  last.entries.push(line);
  void writeSession({ [PREFIX + last.n]: last.entries });
}

export async function readDiagnostics(): Promise<DiagnosticEntry[]> {
  // Stable: lines logged after the fact but dated at their event's arrival take their place.
  return (await load()).flatMap((chunk) => chunk.entries).sort((a, b) => a.at - b.at);
}

/**
 * Drops the details of entries whose interaction is no longer kept (`isLive`), and of entries of
 * no interaction once they are `historyMinutes` old: nothing else would ever clean those.
 */
export async function forgetDetails(isLive: (key: string) => boolean, now: number, historyMinutes: number): Promise<void> {
  for (const chunk of await load()) {
    let changed = false;
    for (const entry of chunk.entries) {
      if (entry.detail === undefined) continue;
      const gone = entry.key !== undefined ? !isLive(entry.key) : now - entry.at >= historyMinutes * 60_000;
      if (gone) {
        delete entry.detail;
        changed = true;
      }
    }
    if (changed) void writeSession({ [PREFIX + chunk.n]: chunk.entries });
  }
}

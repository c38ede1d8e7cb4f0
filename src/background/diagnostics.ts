// The diagnostics log: the answer to "why didn't my CRM open?". Summaries carry no personal data;
// details (rendered URLs, payloads) are dropped `historyMinutes` after their interaction ended.
import { formatDiagnostic, type DiagnosticCode } from '../core/diagnostic-codes';
import type { DiagnosticEntry } from '../core/worker-api';
import { readSession, writeSession } from './storage';

const KEY = 'diagnostics' as const;
const MAX_ENTRIES = 300;

let entries: DiagnosticEntry[] | null = null;

async function load(): Promise<DiagnosticEntry[]> {
  entries ??= await readSession(KEY, []);
  return entries;
}

type NewEntry = Omit<DiagnosticEntry, 'at' | 'summary' | 'code' | 'args'> &
  ({ summary: string } | { code: DiagnosticCode; args?: string[] });

export async function logDiagnostic(entry: NewEntry, now = Date.now()): Promise<void> {
  const list = await load();
  const summary = 'code' in entry ? formatDiagnostic(entry.code, entry.args ?? []) : entry.summary;
  list.push({ at: now, ...entry, summary });
  if (list.length > MAX_ENTRIES) list.splice(0, list.length - MAX_ENTRIES);
  await writeSession({ [KEY]: list });
}

export async function readDiagnostics(): Promise<DiagnosticEntry[]> {
  return [...(await load())];
}

/**
 * Drops the details of entries whose interaction is no longer kept (`liveKeys`), and of entries
 * of no interaction once they are `historyMinutes` old: nothing else would ever clean those.
 */
export async function forgetDetails(liveKeys: ReadonlySet<string>, now: number, historyMinutes: number): Promise<void> {
  const list = await load();
  let changed = false;
  for (const entry of list) {
    if (entry.detail === undefined) continue;
    const gone = entry.key !== undefined ? !liveKeys.has(entry.key) : now - entry.at >= historyMinutes * 60_000;
    if (gone) {
      delete entry.detail;
      changed = true;
    }
  }
  if (changed) await writeSession({ [KEY]: list });
}

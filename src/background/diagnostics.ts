// The diagnostics log: the answer to "why didn't my CRM open?". Summaries carry no personal data;
// details (rendered URLs, payloads) are dropped `historyMinutes` after their interaction ended.
import type { DiagnosticEntry } from '../shared/messages';
import { readSession, writeSession } from './session';

const KEY = 'diagnostics';
const MAX_ENTRIES = 300;

let entries: DiagnosticEntry[] | null = null;

async function load(): Promise<DiagnosticEntry[]> {
  entries ??= await readSession<DiagnosticEntry[]>(KEY, []);
  return entries;
}

export async function logDiagnostic(entry: Omit<DiagnosticEntry, 'at'>, now = Date.now()): Promise<void> {
  const list = await load();
  list.push({ at: now, ...entry });
  if (list.length > MAX_ENTRIES) list.splice(0, list.length - MAX_ENTRIES);
  await writeSession({ [KEY]: list });
}

export async function readDiagnostics(): Promise<DiagnosticEntry[]> {
  return [...(await load())];
}

/** Drops the details of entries whose interaction is no longer kept (`liveKeys`). */
export async function forgetDetails(liveKeys: ReadonlySet<string>): Promise<void> {
  const list = await load();
  let changed = false;
  for (const entry of list) {
    if (entry.detail !== undefined && entry.key !== undefined && !liveKeys.has(entry.key)) {
      delete entry.detail;
      changed = true;
    }
  }
  if (changed) await writeSession({ [KEY]: list });
}

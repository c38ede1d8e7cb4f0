// Diagnostics to send to support. Rendered URLs and payloads (the entries' details) carry phone
// numbers and addresses: they are left out unless the agent asks for them.
import type { DiagnosticEntry } from '../core/worker-api';

export interface DiagnosticsExport {
  exportedAt: string;
  personalDetails: boolean;
  entries: Array<DiagnosticEntry & { time: string }>;
}

export function diagnosticsExport(entries: readonly DiagnosticEntry[], includeDetails: boolean, now = new Date()): DiagnosticsExport {
  return {
    exportedAt: now.toISOString(),
    personalDetails: includeDetails,
    entries: entries.map(({ detail, ...entry }) => ({
      ...entry,
      time: new Date(entry.at).toISOString(),
      ...(includeDetails && detail !== undefined ? { detail } : {}),
    })),
  };
}

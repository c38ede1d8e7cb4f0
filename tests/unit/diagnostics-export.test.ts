// Diagnostics sent to support leave personal details out unless the agent asks for them.
import { describe, expect, it } from 'vitest';
import { diagnosticsExport } from '../../src/options/diagnostics-export';
import type { DiagnosticEntry } from '../../src/core/worker-api';

const entries: DiagnosticEntry[] = [
  { at: Date.UTC(2026, 10, 21, 9, 0, 0), kind: 'event', key: 'ccai/73522', summary: 'ccai New_Chat → answered (whatsapp)', detail: '{"ani":"+393331234567"}' },
  { at: Date.UTC(2026, 10, 21, 9, 0, 1), kind: 'action', key: 'ccai/73522', summary: 'wa: tab "CRM WhatsApp" opened', detail: 'https://crm.example.com/?phone=%2B393331234567' },
  { at: Date.UTC(2026, 10, 21, 9, 0, 2), kind: 'config', summary: 'Configuration rejected: templates[0].url: …' },
];

describe('diagnosticsExport', () => {
  it('redacts the details by default, keeping what happened and when', () => {
    const doc = diagnosticsExport(entries, false, new Date(Date.UTC(2026, 10, 21, 10)));
    expect(JSON.stringify(doc)).not.toContain('393331234567');
    expect(doc.personalDetails).toBe(false);
    expect(doc.entries.map((e) => e.summary)).toEqual(entries.map((e) => e.summary));
    expect(doc.entries[0]).toEqual({
      at: entries[0]!.at,
      time: '2026-11-21T09:00:00.000Z',
      kind: 'event',
      key: 'ccai/73522',
      summary: 'ccai New_Chat → answered (whatsapp)',
    });
    expect(doc.exportedAt).toBe('2026-11-21T10:00:00.000Z');
  });

  it('includes the details when asked', () => {
    const doc = diagnosticsExport(entries, true);
    expect(doc.personalDetails).toBe(true);
    expect(doc.entries.map((e) => e.detail)).toEqual([entries[0]!.detail, entries[1]!.detail, undefined]);
  });
});

// "Why didn't my CRM open?" without DevTools: the worker's recent log, newest first. Details
// (payloads, rendered URLs) show only while the worker still keeps them.
import { useEffect, useState } from 'preact/hooks';
import type { DiagnosticEntry, DiagnosticKind } from '../core/worker-api';
import { diagnosticsExport } from './diagnostics-export';
import { downloadJson } from './download';
import { Check } from './fields';
import { formatTime, t } from './i18n';
import { send } from './send';
import { diagnosticLine, whyText } from './diagnostic-text';

const KINDS: readonly DiagnosticKind[] = ['event', 'ignored', 'match', 'action', 'refused', 'error', 'config'];

/** The entry in the agent's language where the worker said what it means; else its English summary. */
function localized(entry: DiagnosticEntry): string {
  if (!entry.code) return entry.summary;
  return diagnosticLine(entry.code, entry.args ?? []) || entry.summary;
}

export function Diagnostics() {
  const [entries, setEntries] = useState<DiagnosticEntry[] | null>(null);
  const [kind, setKind] = useState<DiagnosticKind | 'all'>('all');
  const [withDetails, setWithDetails] = useState(false);

  useEffect(() => {
    let stopped = false;
    const load = async () => {
      const reply = await send({ kind: 'diagnostics/get' });
      if (!stopped) setEntries(reply.entries);
    };
    void load();
    const timer = setInterval(() => void load(), 2000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, []);

  const shown = (entries ?? []).filter((e) => kind === 'all' || e.kind === kind).reverse();
  return (
    <section aria-labelledby="diagnostics-heading">
      <h2 id="diagnostics-heading">{t('diagnosticsHeading')}</h2>
      <p class="lead">{t('diagnosticsLead')}</p>
      <div class="field narrow">
        <label for="diagnostics-kind">{t('diagnosticsFilter')}</label>
        <select id="diagnostics-kind" value={kind} onChange={(e) => setKind(e.currentTarget.value as DiagnosticKind | 'all')}>
          <option value="all">{t('diagnosticsAll')}</option>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`diag_${k}`)}
            </option>
          ))}
        </select>
      </div>
      {entries === null ? (
        <p>{t('loading')}</p>
      ) : shown.length === 0 ? (
        <p class="empty">{t('diagnosticsNone')}</p>
      ) : (
        <ol class="log" id="diagnostics-log" aria-live="polite">
          {shown.map((entry, i) => (
            <li key={`${entry.at}-${i}`} class={`log-${entry.kind}`}>
              <time dateTime={new Date(entry.at).toISOString()}>{formatTime(entry.at)}</time>
              <span class={`badge kind-${entry.kind}`}>{t(`diag_${entry.kind}`)}</span>
              <span class="summary">{localized(entry)}</span>
              {entry.key && <span class="key">{entry.key}</span>}
              {entry.reasons?.length ? (
                <ul class="reasons">
                  {entry.reasons.map((r, j) => (
                    <li key={j}>{t('diagnosticsWhyNot', r.template, whyText(r.why))}</li>
                  ))}
                </ul>
              ) : null}
              {entry.detail !== undefined && (
                <details>
                  <summary>{t('diagnosticsDetail')}</summary>
                  <pre>{entry.detail}</pre>
                </details>
              )}
            </li>
          ))}
        </ol>
      )}
      <p class="hint">{t('diagnosticsPrivacy')}</p>
      <h3>{t('diagnosticsExportHeading')}</h3>
      <Check id="diagnostics-details" label={t('diagnosticsExportDetails')} checked={withDetails} onChange={setWithDetails} />
      <p>
        <button
          type="button"
          id="diagnostics-export"
          disabled={!entries?.length}
          onClick={() => downloadJson('crm-screenpop-diagnostics.json', diagnosticsExport(entries ?? [], withDetails))}
        >
          {t('diagnosticsExport')}
        </button>
      </p>
    </section>
  );
}

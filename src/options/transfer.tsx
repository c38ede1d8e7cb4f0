// Import and export of the configuration document. Exports leave webhook secrets out unless the
// agent asks; an imported file is validated whole and applied only if valid.
import { useState } from 'preact/hooks';
import { parseConfig, type Config } from '../core/config';
import { configDiff, isEmptyDiff, type ConfigDiff, type DiffItem } from '../core/config-diff';
import { downloadJson } from './download';
import { exportDocument, restoreSecrets } from './draft';
import { Check, StatusNote } from './fields';
import { missingAccess, requestHostAccess } from './host-access';
import { t } from './i18n';
import { namesOf, refusalText } from './refusal-text';

/** The worker's answer to an import: its refusal in the agent's words, or the lines Save would show. */
export type ImportOutcome = { ok: false; error: string } | { ok: true; idle: string[] };

export function Transfer(props: { config: Config; locked: boolean; onImport: (config: Config) => Promise<ImportOutcome>; onUndo: () => Promise<void> }) {
  const [withSecrets, setWithSecrets] = useState(false);
  const [status, setStatus] = useState<{ ok: boolean; text: string; details?: string[]; undoable?: boolean } | null>(null);
  // `access`: host access the imported document needs and the browser has not granted.
  const [pending, setPending] = useState<{ name: string; config: Config; missing: string[]; access: string[]; diff: ConfigDiff } | null>(null);

  const download = () => downloadJson('crm-screenpop-config.json', exportDocument(props.config, withSecrets));

  const importFile = async (file: File | undefined) => {
    if (!file) return;
    const text = await file.text();
    const parsed = parseConfig(text);
    if (!parsed.ok) {
      setStatus({ ok: false, text: t('importRejected', refusalText(parsed, namesOf(text))) });
      return;
    }
    const restored = restoreSecrets(parsed.config, props.config);
    setStatus(null);
    const access = await missingAccess(restored.config);
    setPending({ name: file.name, config: restored.config, missing: restored.missing, access, diff: configDiff(props.config, restored.config) });
  };

  const confirm = async () => {
    if (!pending) return;
    // As Save does: ask for host access first, while the click still counts as a user gesture.
    const granted = await requestHostAccess(pending.access);
    const outcome = await props.onImport(pending.config);
    setPending(null);
    if (!outcome.ok) {
      // The worker kept the configuration in force: nothing to undo.
      setStatus({ ok: false, text: t('importRejected', outcome.error) });
      return;
    }
    const text = [
      t('importDone', pending.name),
      pending.missing.length ? t('importSecretsMissing', pending.missing.join(', ')) : '',
      granted ? '' : t('importWithoutAccess'),
      t('savedNext'),
    ].filter(Boolean);
    setStatus({ ok: outcome.idle.length === 0, text: text.join(' '), ...(outcome.idle.length ? { details: outcome.idle } : {}), undoable: true });
  };

  return (
    <section aria-labelledby="transfer-heading">
      <h2 id="transfer-heading">{t('transferHeading')}</h2>
      <h3>{t('exportHeading')}</h3>
      <Check id="export-secrets" label={t('exportSecrets')} checked={withSecrets} onChange={setWithSecrets} />
      <p>
        <button type="button" id="export" onClick={download}>
          {t('export')}
        </button>
      </p>
      <h3>{t('importHeading')}</h3>
      <div class="field">
        <label for="import-file">{t('importLabel')}</label>
        <input
          id="import-file"
          type="file"
          accept="application/json,.json"
          disabled={props.locked}
          onChange={(e) => {
            const input = e.currentTarget;
            void importFile(input.files?.[0]).finally(() => (input.value = ''));
          }}
        />
        <small class="hint">{t('importHint')}</small>
      </div>
      {pending && (
        <div class="notice" id="import-confirm" role="group" aria-labelledby="import-confirm-heading">
          <p id="import-confirm-heading">{t('importAsk', pending.name)}</p>
          {isEmptyDiff(pending.diff) ? (
            <p>{t('importSame')}</p>
          ) : (
            <ul>
              {(['added', 'changed', 'removed'] as const).flatMap((what) =>
                pending.diff[what].map((item) => (
                  <li key={`${what}-${item.kind}-${item.label}`} class={`diff-${what}`}>
                    {diffLine(what, item)}
                  </li>
                )),
              )}
            </ul>
          )}
          <p class="actions">
            <button type="button" class="primary" id="import-apply" onClick={() => void confirm()}>
              {t('importApply')}
            </button>
            <button type="button" id="import-cancel" onClick={() => setPending(null)}>
              {t('importCancel')}
            </button>
          </p>
        </div>
      )}
      {status && (
        <StatusNote id="import-status" ok={status.ok} text={status.text} details={status.details}>
          {status.undoable && (
            <button type="button" id="import-undo" onClick={() => void props.onUndo().then(() => setStatus({ ok: true, text: t('undone') }))}>
              {t('undoSave')}
            </button>
          )}
        </StatusNote>
      )}
    </section>
  );
}

function diffLine(what: 'added' | 'changed' | 'removed', item: DiffItem): string {
  if (item.kind === 'settings') return t('importSettingsChanged');
  return t(`import_${what}_${item.kind}`, item.label);
}

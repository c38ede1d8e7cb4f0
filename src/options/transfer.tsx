// Import and export of the configuration document. Exports leave webhook secrets out unless the
// agent asks; an imported file is validated whole and applied only if valid.
import { useState } from 'preact/hooks';
import { parseConfig, type Config } from '../core/config';
import { downloadJson } from './download';
import { exportDocument, restoreSecrets } from './draft';
import { Check } from './fields';
import { t } from './i18n';

export function Transfer(props: { config: Config; locked: boolean; onImport: (config: Config) => Promise<void> }) {
  const [withSecrets, setWithSecrets] = useState(false);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);

  const download = () => downloadJson('crm-screenpop-config.json', exportDocument(props.config, withSecrets));

  const importFile = async (file: File | undefined) => {
    if (!file) return;
    const parsed = parseConfig(await file.text());
    if (!parsed.ok) {
      setStatus({ ok: false, text: t('importRejected', parsed.error) });
      return;
    }
    const restored = restoreSecrets(parsed.config, props.config);
    await props.onImport(restored.config);
    const done = t('importDone', file.name);
    setStatus({ ok: true, text: restored.missing.length ? `${done} ${t('importSecretsMissing', restored.missing.join(', '))}` : done });
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
      {status && (
        <p id="import-status" role={status.ok ? 'status' : 'alert'} class={status.ok ? 'ok' : 'error'}>
          {status.text}
        </p>
      )}
    </section>
  );
}

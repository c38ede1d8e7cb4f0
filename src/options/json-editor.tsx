// Advanced view: the configuration document as JSON. Validated whole on save (here, then again by
// the worker); an error names the field and nothing is stored. A save does what the form's does:
// asks for the host access the document needs, then names the templates that cannot fire.
import { useState } from 'preact/hooks';
import { parseConfig, type Config } from '../core/config';
import { StatusNote } from './fields';
import { missingAccess, requestHostAccess } from './host-access';
import { t } from './i18n';
import { namesOf, refusalText } from './refusal-text';
import type { ImportOutcome } from './transfer';

export function JsonEditor(props: { config: Config; locked: boolean; onSave: (config: Config) => Promise<ImportOutcome> }) {
  const [text, setText] = useState(() => JSON.stringify(props.config, null, 2));
  const [status, setStatus] = useState<{ ok: boolean; message: string; details?: string[] } | null>(null);

  const save = async () => {
    const parsed = parseConfig(text);
    if (!parsed.ok) {
      setStatus({ ok: false, message: refusalText(parsed, namesOf(text)) });
      return;
    }
    // Asked while the click still counts as a user gesture.
    const granted = await requestHostAccess(await missingAccess(parsed.config));
    const outcome = await props.onSave(parsed.config);
    if (!outcome.ok) {
      setStatus({ ok: false, message: outcome.error });
      return;
    }
    const message = `${granted ? t('saved') : t('savedWithoutAccess')} ${t('savedNext')}`;
    setStatus({ ok: outcome.idle.length === 0, message, ...(outcome.idle.length ? { details: outcome.idle } : {}) });
  };

  return (
    <section aria-labelledby="json-heading">
      <h2 id="json-heading">{t('jsonHeading')}</h2>
      <p class="lead">{t('jsonLead')}</p>
      <label for="config-json">{t('configJsonLabel')}</label>
      <textarea
        id="config-json"
        class="code"
        rows={28}
        spellcheck={false}
        readOnly={props.locked}
        value={text}
        onInput={(e) => setText(e.currentTarget.value)}
      />
      <p>
        <button id="save" type="button" class="primary" disabled={props.locked} onClick={() => void save()}>
          {t('save')}
        </button>
      </p>
      {status && (
        <StatusNote id="status" ok={status.ok} text={status.message} details={status.details} />
      )}
    </section>
  );
}

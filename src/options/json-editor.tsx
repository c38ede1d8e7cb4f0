// Advanced view: the configuration document as JSON. Validated whole on save (here, then again by
// the worker); an error names the field and nothing is stored.
import { useState } from 'preact/hooks';
import { parseConfig, type Config } from '../core/config';
import { t } from './i18n';
import { namesOf, refusalText } from './refusal-text';

export function JsonEditor(props: { config: Config; locked: boolean; onSave: (config: Config) => Promise<string | null> }) {
  const [text, setText] = useState(() => JSON.stringify(props.config, null, 2));
  const [status, setStatus] = useState<{ ok: boolean; message: string } | null>(null);

  const save = async () => {
    const parsed = parseConfig(text);
    if (!parsed.ok) {
      setStatus({ ok: false, message: refusalText(parsed, namesOf(text)) });
      return;
    }
    const error = await props.onSave(parsed.config);
    setStatus(error ? { ok: false, message: error } : { ok: true, message: t('saved') });
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
        <p id="status" role={status.ok ? 'status' : 'alert'} class={status.ok ? 'ok' : 'error'}>
          {status.message}
        </p>
      )}
    </section>
  );
}

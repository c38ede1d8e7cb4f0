// Advanced view: the configuration document as JSON. Validated whole by the worker on save; an
// error names the field and nothing is stored.
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { SaveConfigReply } from '../shared/messages';

const t = (key: string, fallback: string) => browser.i18n.getMessage(key) || fallback;

export function JsonEditor() {
  const [text, setText] = useState('');
  const [status, setStatus] = useState<{ ok: boolean; message: string } | null>(null);

  useEffect(() => {
    void browser.storage.local.get('config').then((stored) => {
      setText(JSON.stringify(stored.config ?? { version: 1, sources: [], templates: [], settings: {} }, null, 2));
    });
  }, []);

  const save = async () => {
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch (error) {
      setStatus({ ok: false, message: `${t('jsonInvalid', 'Not valid JSON')}: ${(error as Error).message}` });
      return;
    }
    const reply = (await browser.runtime.sendMessage({ kind: 'config/save', config: document })) as SaveConfigReply;
    setStatus(reply.ok ? { ok: true, message: t('saved', 'Saved. It applies at once.') } : { ok: false, message: reply.error });
  };

  return (
    <main>
      <h1>{t('extName', 'CRM Screenpop')}</h1>
      <label for="config-json">{t('configJsonLabel', 'Configuration document (JSON)')}</label>
      <textarea id="config-json" rows={30} cols={100} value={text} onInput={(e) => setText(e.currentTarget.value)} />
      <p>
        <button id="save" type="button" onClick={() => void save()}>
          {t('save', 'Save')}
        </button>
      </p>
      {status && (
        <p id="status" role={status.ok ? 'status' : 'alert'} class={status.ok ? 'ok' : 'error'}>
          {status.message}
        </p>
      )}
    </main>
  );
}

// The toolbar popup: the current interactions, "Open CRM" and "Copy link" for each, pause / resume.
import { useEffect, useState } from 'preact/hooks';
import type { InteractionSummary } from '../core/worker-api';
import { t } from '../options/i18n';
import { send } from '../options/send';
import { LookupChoices } from './lookup-choices';

export function Popup() {
  const [items, setItems] = useState<InteractionSummary[] | null>(null);
  const [paused, setPaused] = useState(false);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);

  const load = async () => {
    const [list, config] = await Promise.all([send({ kind: 'interaction/list' }), send({ kind: 'config/get' })]);
    setItems([...list].sort((a, b) => b.updatedAt - a.updatedAt));
    setPaused(config.paused);
  };

  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), 2000);
    return () => clearInterval(timer);
  }, []);

  const open = async (item: InteractionSummary) => {
    const reply = await send({ kind: 'interaction/pop', key: item.key });
    setStatus(reply.ok ? { ok: true, text: t('popupOpened', item.channelLabel) } : { ok: false, text: reply.error });
  };
  const copy = async (item: InteractionSummary) => {
    const reply = await send({ kind: 'interaction/link', key: item.key });
    if (!reply.ok) {
      setStatus({ ok: false, text: reply.error });
      return;
    }
    try {
      await navigator.clipboard.writeText(reply.url);
      setStatus({ ok: true, text: t('popupCopied') });
    } catch {
      setStatus({ ok: false, text: t('popupCopyFailed') });
    }
  };
  const togglePause = async () => {
    const reply = await send({ kind: 'agent/pause', paused: !paused });
    if (reply.ok) setPaused(!paused);
    else setStatus({ ok: false, text: reply.error });
  };

  return (
    <main class="popup">
      <header>
        <h1>{t('extName')}</h1>
        <button type="button" id="pause" aria-pressed={paused} onClick={() => void togglePause()}>
          {paused ? t('popupResume') : t('popupPause')}
        </button>
      </header>
      {paused && (
        <p class="notice" id="paused-notice">
          {t('popupPausedNotice')}
        </p>
      )}
      <h2>{t('popupCurrent')}</h2>
      {items === null ? (
        <p>{t('loading')}</p>
      ) : items.length === 0 ? (
        <p class="empty">{t('popupNone')}</p>
      ) : (
        <ul class="interactions">
          {items.map((item) => {
            const who = item.who || t('popupUnknownCaller');
            return (
              <li key={item.key} data-key={item.key}>
                <div class="who">
                  <span class="channel">{item.channelLabel}</span>
                  <span class="address">{who}</span>
                  <span class="badge">{t(`phase_${item.phase}`)}</span>
                </div>
                <div class="actions">
                  <button type="button" class="primary open-crm" onClick={() => void open(item)}>
                    {t('popupOpen')}
                    <span class="sr-only"> — {item.channelLabel} {who}</span>
                  </button>
                  <button type="button" class="copy-link" onClick={() => void copy(item)}>
                    {t('popupCopy')}
                    <span class="sr-only"> — {item.channelLabel} {who}</span>
                  </button>
                </div>
                {item.choices && (
                  <LookupChoices choices={item.choices} onPicked={(ok) => setStatus(ok ? { ok: true, text: t('popupOpened', item.channelLabel) } : { ok: false, text: t('popupFailed') })} />
                )}
              </li>
            );
          })}
        </ul>
      )}
      {status && (
        <p id="popup-status" role={status.ok ? 'status' : 'alert'} class={status.ok ? 'ok' : 'error'}>
          {status.text}
        </p>
      )}
      <footer>
        <a href={chrome.runtime.getURL('src/options/index.html')} target="_blank" rel="noreferrer">
          {t('popupOptions')}
        </a>
        <span class="hint">{t('popupShortcut')}</span>
      </footer>
    </main>
  );
}

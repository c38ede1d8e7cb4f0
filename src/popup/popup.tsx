// The toolbar popup: each source's health, the current interactions with what happened to each,
// "Open CRM" and "Copy link" (exactly the templates that match on demand), pause / resume.
import { useEffect, useState } from 'preact/hooks';
import type { InteractionSummary, SourceStatus } from '../core/worker-api';
import { t } from '../options/i18n';
import { refusalText } from '../options/refusal-text';
import { send } from '../options/send';
import { LookupChoices } from './lookup-choices';
import { phaseName } from '../options/diagnostic-text';
import { channelText, noticeText, outcomeText } from './notice';
import { SourcesStatus } from './sources-status';

export function Popup() {
  const [items, setItems] = useState<InteractionSummary[] | null>(null);
  const [sources, setSources] = useState<SourceStatus[] | null>(null);
  const [paused, setPaused] = useState(false);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);

  const load = async () => {
    const [list, health] = await Promise.all([send({ kind: 'interaction/list' }), send({ kind: 'status/get' })]);
    setItems([...list].sort((a, b) => b.updatedAt - a.updatedAt));
    setSources(health.sources);
    setPaused(health.paused);
  };

  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), 2000);
    return () => clearInterval(timer);
  }, []);

  const open = async (item: InteractionSummary) => {
    const reply = await send({ kind: 'interaction/pop', key: item.key });
    setStatus({ ok: reply.ok, text: noticeText(reply) });
    void load();
  };
  const copy = async (item: InteractionSummary) => {
    const reply = await send({ kind: 'interaction/link', key: item.key });
    if (!reply.ok || !reply.url) {
      setStatus({ ok: false, text: noticeText(reply) });
      return;
    }
    try {
      await navigator.clipboard.writeText(reply.url);
      setStatus({ ok: true, text: t('popupCopied', ...reply.args) });
    } catch {
      setStatus({ ok: false, text: t('popupCopyFailed') });
    }
  };
  const trust = async (source: SourceStatus) => {
    if (!source.origin) return;
    const reply = await send({ kind: 'source/trust', sourceId: source.id, origin: source.origin });
    setStatus(reply.ok ? { ok: true, text: t('popupTrusted', source.origin ?? '') } : { ok: false, text: t('popupTrustFailed') });
    void load();
  };
  const togglePause = async () => {
    const reply = await send({ kind: 'agent/pause', paused: !paused });
    if (reply.ok) setPaused(!paused);
    else setStatus({ ok: false, text: refusalText(reply) });
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
      <h2>{t('popupSources')}</h2>
      {sources === null ? <p>{t('loading')}</p> : <SourcesStatus sources={sources} onTrust={(s) => void trust(s)} />}
      <h2>{t('popupCurrent')}</h2>
      {items === null ? (
        <p>{t('loading')}</p>
      ) : items.length === 0 ? (
        <p class="empty">{t('popupNone')}</p>
      ) : (
        <ul class="interactions">
          {items.map((item) => {
            const who = item.who || t('popupUnknownCaller');
            const channel = channelText(item);
            return (
              <li key={item.key} data-key={item.key}>
                <div class="who">
                  <span class="channel">{channel}</span>
                  <span class="address">{who}</span>
                  <span class="badge">{phaseName(item.phase)}</span>
                </div>
                {item.outcome && (
                  <p class={`outcome outcome-${item.outcome.kind}`} data-outcome={item.outcome.kind}>
                    {outcomeText(item.outcome)}
                  </p>
                )}
                <div class="actions">
                  <button type="button" class="primary open-crm" onClick={() => void open(item)}>
                    {t('popupOpen')}
                    <span class="sr-only"> — {channel} {who}</span>
                  </button>
                  <button type="button" class="copy-link" onClick={() => void copy(item)}>
                    {t('popupCopy')}
                    <span class="sr-only"> — {channel} {who}</span>
                  </button>
                </div>
                {item.choices && (
                  <LookupChoices choices={item.choices} onPicked={(ok) => setStatus(ok ? { ok: true, text: t('popupOpened', channel) } : { ok: false, text: t('popupFailed') })} />
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

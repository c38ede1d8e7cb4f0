// Each source's health: connected, page not open, or messages ignored from an origin that is
// missing in "Trusted senders" — with the button that adds it.
import type { SourceStatus } from '../core/worker-api';
import { t } from '../options/i18n';

interface Props {
  sources: SourceStatus[];
  onTrust: (source: SourceStatus) => void;
}

export function SourcesStatus({ sources, onTrust }: Props) {
  if (!sources.length) {
    return (
      <p class="notice" id="no-sources">
        {t('popupNoSources')}{' '}
        <a href={chrome.runtime.getURL('src/options/index.html')} target="_blank" rel="noreferrer">
          {t('popupSetUp')}
        </a>
      </p>
    );
  }
  return (
    <ul class="sources" aria-label={t('popupSources')}>
      {sources.map((source) => (
        <li key={source.id} data-source={source.id} data-state={source.state} class={`source-${source.state}`}>
          <span class="source-name">
            {source.id} <span class="hint">({t(`adapter_${source.adapter}`)})</span>
          </span>
          <span class="source-state">{t(`sourceState_${source.state}`, source.origin ?? '')}</span>
          {source.state === 'ignored' && source.origin && (
            <button type="button" class="trust" onClick={() => onTrust(source)}>
              {t('popupTrust')}
              <span class="sr-only"> — {source.origin}</span>
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}

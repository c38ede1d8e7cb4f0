// Where to listen (pages), whom to believe (senders) and how to read them (adapter).
import { useState } from 'preact/hooks';
import type { Config, Source } from '../core/config';
import { ADAPTERS } from '../core/interaction-event';
import { move, newSource, type FieldErrors } from './draft';
import { completePagePattern } from '../core/first-run';
import { ListField, Select, TextField } from './fields';
import { t } from './i18n';

export function SourcesEditor(props: { config: Config; errors: FieldErrors; onChange: (sources: Source[]) => void }) {
  const { config, onChange } = props;
  const sources = config.sources;
  // A source just added has no page yet: saying so before the agent typed one is noise. Save
  // still refuses it, and the message shows once the field was left empty.
  const [untouched, setUntouched] = useState<ReadonlySet<number>>(new Set());
  const errors = Object.fromEntries(
    Object.entries(props.errors).filter(([where]) => ![...untouched].some((i) => where === `sources[${i}].pages`)),
  );
  const set = (index: number, source: Source) => onChange(sources.map((s, i) => (i === index ? source : s)));
  return (
    <section aria-labelledby="sources-heading">
      <h2 id="sources-heading">{t('sourcesHeading')}</h2>
      <p class="lead">{t('sourcesLead')}</p>
      {sources.length === 0 && <p class="empty">{t('sourcesNone')}</p>}
      {sources.map((source, index) => {
        const path = `sources[${index}]`;
        return (
          <fieldset class="card" key={index} data-source={source.id}>
            <legend>{source.id}</legend>
            <div class="grid2">
              <TextField path={`${path}.id`} label={t('sourceId')} hint={t('idHint')} errors={errors} value={source.id} onInput={(id) => set(index, { ...source, id })} />
              <Select
                path={`${path}.adapter`}
                label={t('sourceAdapter')}
                errors={errors}
                value={source.adapter}
                options={ADAPTERS.map((value) => ({ value, label: t(`adapter_${value}`) }))}
                onChange={(adapter) => set(index, { ...source, adapter })}
              />
            </div>
            <ListField
              path={`${path}.pages`}
              label={t('sourcePages')}
              hint={t('sourcePagesHint')}
              errors={errors}
              value={source.pages}
              onInput={(pages) => {
                setUntouched((u) => new Set([...u].filter((i) => i !== index)));
                set(index, { ...source, pages });
              }}
              complete={completePagePattern}
            />
            <ListField
              path={`${path}.senders`}
              label={t('sourceSenders')}
              hint={t('sourceSendersHint')}
              errors={errors}
              value={source.senders}
              onInput={(senders) => set(index, { ...source, senders })}
            />
            {source.adapter === 'generic' && <p class="hint">{t('sourceGenericHint')}</p>}
            <div class="row-buttons">
              <button type="button" disabled={index === 0} onClick={() => onChange(move(sources, index, -1))}>
                {t('moveUp')}
                <span class="sr-only"> {source.id}</span>
              </button>
              <button type="button" class="danger" onClick={() => onChange(sources.filter((_, i) => i !== index))}>
                {t('sourceRemove')}
                <span class="sr-only"> {source.id}</span>
              </button>
            </div>
          </fieldset>
        );
      })}
      <button
        type="button"
        id="add-source"
        onClick={() => {
          setUntouched((u) => new Set([...u, sources.length]));
          onChange([...sources, newSource(config)]);
        }}
      >
        {t('sourceAdd')}
      </button>
    </section>
  );
}

// Live preview on the unsaved document: choose a sample event (or paste a real one) and see which
// templates match, why the others do not, and the exact URL or request each would produce.
import { useMemo, useState } from 'preact/hooks';
import type { Config, Source } from '../core/config';
import { ADAPTERS, type AdapterId } from '../core/interaction-event';
import { Check } from './fields';
import { t } from './i18n';
import { reasonName, tabOutcome, whyText } from './diagnostic-text';
import { templateRefusalText } from './refusal-text';
import { send } from './send';
import { preview, type Output, type PreviewRow } from './preview-model';
import { SAMPLES } from '../core/samples/index';

const pretty = (value: unknown) => JSON.stringify(value, null, 2);

// Without a configured source, preview with a stand-in of each adapter.
function candidateSources(config: Config): Source[] {
  if (config.sources.length) return config.sources;
  return ADAPTERS.filter((a) => a !== 'generic').map((adapter) => ({ id: adapter, adapter, pages: ['<all_urls>'], senders: [] }));
}

function firstSample(adapter: AdapterId): string {
  const sample = SAMPLES[adapter][0];
  return sample ? pretty(sample.payload) : '';
}

export function Preview({ config }: { config: Config }) {
  const sources = candidateSources(config);
  const [sourceIndex, setSourceIndex] = useState(0);
  const source = sources[Math.min(sourceIndex, sources.length - 1)]!;
  const samples = SAMPLES[source.adapter] ?? [];
  const [sampleId, setSampleId] = useState(samples[0]?.id ?? 'paste');
  const [message, setMessage] = useState(() => firstSample(source.adapter));
  const [onlyMatched, setOnlyMatched] = useState(false);
  const result = useMemo(() => preview(config, source, message), [config, source, message]);

  const chooseSource = (index: number) => {
    setSourceIndex(index);
    const next = sources[index];
    if (!next) return;
    const first = SAMPLES[next.adapter][0];
    setSampleId(first?.id ?? 'paste');
    setMessage(first ? pretty(first.payload) : '');
  };
  const chooseSample = (id: string) => {
    setSampleId(id);
    const sample = samples.find((s) => s.id === id);
    if (sample) setMessage(pretty(sample.payload));
  };

  return (
    <section aria-labelledby="preview-heading">
      <h2 id="preview-heading">{t('previewHeading')}</h2>
      <p class="lead">{t('previewLead')}</p>
      <div class="grid2">
        <div class="field">
          <label for="preview-source">{t('previewSource')}</label>
          <select id="preview-source" value={String(sourceIndex)} onChange={(e) => chooseSource(Number(e.currentTarget.value))}>
            {sources.map((s, i) => (
              <option key={s.id} value={String(i)}>
                {s.id} ({t(`adapter_${s.adapter}`)})
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="preview-sample">{t('previewSample')}</label>
          <select id="preview-sample" value={sampleId} onChange={(e) => chooseSample(e.currentTarget.value)}>
            {samples.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
              </option>
            ))}
            <option value="paste">{t('previewPaste')}</option>
          </select>
        </div>
      </div>
      <div class="field">
        <label for="preview-message">{t('previewMessage')}</label>
        <textarea
          id="preview-message"
          class="code"
          rows={8}
          spellcheck={false}
          value={message}
          onInput={(e) => {
            setMessage(e.currentTarget.value);
            setSampleId('paste');
          }}
        />
      </div>
      {!result.ok ? (
        <p class="notice" role="status" id="preview-result">
          {result.reason === 'empty' ? t('previewEmpty') : t('previewNotAnEvent', reasonName(result.reason))}
        </p>
      ) : (
        <div id="preview-result">
          <p class="event-line">
            {t('previewEvent', result.event.vendorType || '?', result.event.phase ? t(`phase_${result.event.phase}`) : t('previewNoPhase'), result.vars.CHANNEL_LABEL ?? '', result.event.interactionId)}
          </p>
          <details>
            <summary>{t('previewVars')}</summary>
            <dl class="vars">
              {Object.entries(result.vars)
                .filter(([, v]) => v !== '')
                .map(([name, value]) => (
                  <div key={name}>
                    <dt>{name}</dt>
                    <dd>{value}</dd>
                  </div>
                ))}
            </dl>
          </details>
          <Check id="preview-only-matched" label={t('previewOnlyMatched')} checked={onlyMatched} onChange={setOnlyMatched} />
          {result.rows.length === 0 && <p class="empty">{t('templatesNone')}</p>}
          <ul class="preview-rows">
            {result.rows
              .filter((row) => !onlyMatched || row.matched)
              .map((row, i) => (
                <PreviewItem key={`${row.template.id}-${i}`} row={row} event={result.event} />
              ))}
          </ul>
        </div>
      )}
    </section>
  );
}

function OutputView({ output }: { output: Output }) {
  if (output.kind === 'refused') return <p class="refused">{t('previewRefused', reasonName(output.reason))}</p>;
  if (output.kind === 'url') return <code class="out">{output.url}</code>;
  if (output.kind === 'text') return <code class="out">{output.text}</code>;
  const head = Object.entries(output.headers).map(([k, v]) => `${k}: ${v}`).join('\n');
  return <pre class="out">{`${output.method} ${output.url}\n${head}${output.body ? `\n\n${output.body}` : ''}`}</pre>;
}

function PreviewItem({ row, event }: { row: PreviewRow; event: unknown }) {
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const name = row.template.name || row.template.id;
  const run = async () => {
    setStatus(null);
    const reply = await send({ kind: 'template/test', template: row.template, event });
    if (reply.ok && reply.text !== undefined) await navigator.clipboard.writeText(reply.text).catch(() => undefined);
    setStatus(reply.ok ? { ok: true, text: t('testPopDone', tabOutcome(reply.outcome)) } : { ok: false, text: t('testPopFailed', templateRefusalText(reply, row.template)) });
  };
  return (
    <li class={row.matched ? 'match' : 'no-match'} data-template={row.template.id}>
      <div class="row-head">
        <strong>{name}</strong>
        <span class={row.matched ? 'badge good' : 'badge'}>{row.matched ? t('previewMatches') : t('previewNoMatch')}</span>
      </div>
      {!row.matched && row.reason && <p class="why">{t('previewWhyNot', row.why ? whyText(row.why) : row.reason)}</p>}
      <OutputView output={row.output} />
      {row.output.kind !== 'refused' && (
        <button type="button" class="test-pop" onClick={() => void run()}>
          {t('testPop')}
          <span class="sr-only"> {name}</span>
        </button>
      )}
      {status && (
        <p role="status" class={status.ok ? 'ok' : 'error'}>
          {status.text}
        </p>
      )}
    </li>
  );
}

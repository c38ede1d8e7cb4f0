// Below a template's URL: the template rendered on a sample event of its source, without leaving
// the editor (the variable picker and warnings are the field's own: placeholder-help.tsx).
import { useMemo } from 'preact/hooks';
import type { Config } from '../core/config';
import { withCountry } from '../core/locale-country';
import { SAMPLES } from '../core/samples';
import { reasonName, whyText } from './diagnostic-text';
import { pageLocale, t } from './i18n';
import { preview } from './preview-model';

export function TemplateSample({ index, config }: { index: number; config: Config }) {
  const sample = useMemo(() => samplePreview(config, index), [config, index]);
  if (!sample) return null;
  return (
    <p class="template-sample" data-matched={String(sample.matched)}>
      {sample.matched ? t('templateSampleOpens', sample.label, sample.text) : t('templateSampleNoMatch', sample.label, sample.text)}
    </p>
  );
}

/** This template on its source's first sample that it matches (else the first sample, and why not). */
function samplePreview(config: Config, index: number): { label: string; text: string; matched: boolean } | null {
  const template = config.templates[index];
  if (!template) return null;
  const source = config.sources.find((s) => !template.when.sources?.length || template.when.sources.includes(s.id));
  if (!source) return null;
  const doc = withCountry(config, pageLocale());
  let first: { label: string; text: string; matched: boolean } | null = null;
  for (const sample of SAMPLES[source.adapter] ?? []) {
    const shown = preview(doc, source, sample.payload);
    if (!shown.ok) continue;
    const row = shown.rows[index];
    if (!row) continue;
    if (row.matched) {
      const text = row.output.kind === 'url' || row.output.kind === 'request' ? row.output.url : row.output.kind === 'text' ? row.output.text : t('previewRefused', reasonName(row.output.reason));
      return { label: sample.label, text, matched: true };
    }
    const why = matchWhy(doc, source, sample.payload, index);
    first ??= { label: sample.label, text: why, matched: false };
  }
  return first;
}

function matchWhy(config: Config, source: Config['sources'][number], payload: unknown, index: number): string {
  const shown = preview(config, source, payload);
  const reason = shown.ok ? shown.rows[index]?.why : undefined;
  return reason ? whyText(reason) : '';
}

// One template: name, on/off, when, URL, parameters, lookup, action, order and final.
import type { Config, Template } from '../core/config';
import { withLookupVars } from '../core/template-lint';
import { TemplateSample } from './template-help';
import { errorsUnder, type FieldErrors } from './draft';
import { ActionEditor } from './action-editor';
import { Check, TextField, fieldId } from './fields';
import { t, tn } from './i18n';
import { LookupEditor } from './lookup-editor';
import { ParamsEditor } from './params-editor';
import { WhenEditor } from './when-editor';

interface Props {
  template: Template;
  index: number;
  count: number;
  open: boolean;
  sourceIds: readonly string[];
  config: Config;
  known: readonly string[];
  errors: FieldErrors;
  onToggle: (open: boolean) => void;
  onChange: (template: Template) => void;
  onMove: (delta: number) => void;
  onRemove: () => void;
}

export function TemplateEditor({ template, index, count, open, sourceIds, config, known, errors, onToggle, onChange, onMove, onRemove }: Props) {
  const path = `templates[${index}]`;
  const title = template.name || template.id;
  const problems = errorsUnder(errors, path).length;
  const set = (patch: Partial<Template>) => onChange({ ...template, ...patch });
  const needsUrl = template.action.type !== 'record';
  // The URL and parameters render with a lookup's match; the tab's name is chosen before the search.
  const found = withLookupVars(known, template.lookup);
  const action = template.action;
  const paramsName = action.type === 'webhook' && action.method !== 'GET' ? t('paramsWebhookBody') : t('params');
  return (
    <details class="card template" open={open} onToggle={(e) => onToggle(e.currentTarget.open)} data-template={template.id}>
      <summary>
        <span class="order">{index + 1}</span>
        <span class="title">{title}</span>
        {!template.enabled && <span class="badge">{t('badgeOff')}</span>}
        {template.final && <span class="badge">{t('badgeFinal')}</span>}
        {problems > 0 && <span class="badge bad">{tn('badgeErrors', problems)}</span>}
      </summary>
      <div class="card-body">
        <div class="grid2">
          <TextField path={`${path}.name`} label={t('templateName')} errors={errors} value={template.name} onInput={(name) => set({ name })} />
          <TextField path={`${path}.id`} label={t('templateId')} hint={t('idHint')} errors={errors} value={template.id} onInput={(id) => set({ id })} />
        </div>
        <div class="checks inline">
          <Check id={fieldId(`${path}.enabled`)} label={t('templateEnabled')} checked={template.enabled} onChange={(enabled) => set({ enabled })} />
          <Check id={fieldId(`${path}.final`)} label={t('templateFinal')} checked={template.final} onChange={(final) => set({ final })} />
        </div>
        <WhenEditor path={`${path}.when`} when={template.when} sourceIds={sourceIds} errors={errors} onChange={(when) => set({ when })} />
        {needsUrl && (
          <TextField
            path={`${path}.url`}
            label={t('templateUrl')}
            hint={t('templateUrlHint')}
            errors={errors}
            inputMode="url"
            value={template.url ?? ''}
            placeholder="https://crm.example.com/search?phone={ANI|e164}"
            known={found}
            onInput={(url) => set({ url: url || undefined })}
          />
        )}
        {needsUrl && <TemplateSample index={index} config={config} />}
        {needsUrl && <ParamsEditor path={`${path}.params`} legend={paramsName} params={template.params} errors={errors} known={found} onChange={(params) => set({ params })} />}
        {action.type === 'tab' && <LookupEditor path={`${path}.lookup`} template={template} errors={errors} known={known} onChange={(lookup) => set({ lookup })} />}
        <ActionEditor path={`${path}.action`} action={action} errors={errors} known={known} onChange={(next) => set({ action: next })} />
        <div class="row-buttons">
          <button type="button" disabled={index === 0} onClick={() => onMove(-1)}>
            {t('moveUp')}
            <span class="sr-only"> {title}</span>
          </button>
          <button type="button" disabled={index === count - 1} onClick={() => onMove(1)}>
            {t('moveDown')}
            <span class="sr-only"> {title}</span>
          </button>
          <button type="button" class="danger" onClick={onRemove}>
            {t('templateRemove')}
            <span class="sr-only"> {title}</span>
          </button>
        </div>
      </div>
    </details>
  );
}

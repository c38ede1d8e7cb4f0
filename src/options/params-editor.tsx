// A template's parameters: each one with its on/off switch; a value starting with "=" is a function.
import type { Param } from '../core/config';
import { move, type FieldErrors } from './draft';
import { Check, TextField, fieldId } from './fields';
import { t } from './i18n';

export function ParamsEditor(props: {
  path: string;
  /** What the parameters are here (query, webhook body, search): the legend, and how warnings name a row. */
  legend: string;
  params: readonly Param[];
  errors: FieldErrors;
  known: readonly string[];
  onChange: (params: Param[]) => void;
}) {
  const { path, legend, params, errors, known, onChange } = props;
  const set = (index: number, patch: Partial<Param>) =>
    onChange(params.map((p, i) => (i === index ? { ...p, ...patch } : p)));
  return (
    <fieldset class="params">
      <legend>{legend}</legend>
      <small class="hint">{t('paramsHint')}</small>
      {params.length === 0 && <p class="empty">{t('paramsNone')}</p>}
      <ol>
        {params.map((param, index) => {
          const at = `${path}[${index}]`;
          return (
            <li key={index} class="param">
              <Check
                id={fieldId(`${at}.enabled`)}
                label={t('paramOn')}
                checked={param.enabled}
                onChange={(enabled) => set(index, { enabled })}
              />
              <TextField path={`${at}.name`} label={t('paramName')} errors={errors} value={param.name} onInput={(name) => set(index, { name })} />
              <TextField
                path={`${at}.value`}
                label={t('paramValue')}
                errors={errors}
                value={param.value}
                placeholder="{ANI|e164}"
                known={known}
                name={t('paramFieldNamed', legend, param.name || String(index + 1))}
                onInput={(value) => set(index, { value })}
              />
              <div class="row-buttons">
                <button type="button" aria-label={t('moveUpNamed', param.name || String(index + 1))} disabled={index === 0} onClick={() => onChange(move(params, index, -1))}>
                  ↑
                </button>
                <button
                  type="button"
                  aria-label={t('moveDownNamed', param.name || String(index + 1))}
                  disabled={index === params.length - 1}
                  onClick={() => onChange(move(params, index, 1))}
                >
                  ↓
                </button>
                <button type="button" class="danger" onClick={() => onChange(params.filter((_, i) => i !== index))}>
                  {t('remove')}
                  <span class="sr-only"> {param.name}</span>
                </button>
              </div>
            </li>
          );
        })}
      </ol>
      <div class="add-row">
        <button type="button" onClick={() => onChange([...params, { name: '', value: '', enabled: true }])}>
          {t('paramAdd')}
        </button>
        <button
          type="button"
          onClick={() => onChange([...params, { name: 'who', value: '=DEFAULT_VALUE({EMAIL}, {ANI})', enabled: true }])}
        >
          {t('paramAddFunction')}
        </button>
      </div>
    </fieldset>
  );
}

// The action options of the placements (#12): the CRM window's position, closing the tab at the
// interaction's end, and the notification's title and text.
import type { Action, CloseOnPhase, WindowBounds } from '../core/config';
import { CLOSE_ON_PHASES } from '../core/config';
import type { FieldErrors } from './draft';
import { Check, Select, TextField, fieldId } from './fields';
import { t } from './i18n';

type Placed = Extract<Action, { type: 'tab' | 'record' | 'notify' }>;

const BOX = ['left', 'top', 'width', 'height'] as const;
const LABELS = { left: 'windowLeft', top: 'windowTop', width: 'windowWidth', height: 'windowHeight' } as const;

export function WindowFields({ path, action, errors, onChange }: { path: string; action: Placed; errors: FieldErrors; onChange: (a: Action) => void }) {
  const bounds: WindowBounds = action.window ?? {};
  const set = (next: WindowBounds) => {
    const kept = Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined)) as WindowBounds;
    onChange({ ...action, window: Object.keys(kept).length ? kept : undefined });
  };
  return (
    <fieldset class="grid2">
      <legend>{t('actionWindow')}</legend>
      {BOX.map((key) => (
        <TextField
          key={key}
          path={`${path}.window.${key}`}
          label={t(LABELS[key])}
          errors={errors}
          type="number"
          value={bounds[key] === undefined ? '' : String(bounds[key])}
          onInput={(value) => set({ ...bounds, [key]: value.trim() === '' ? undefined : Number(value) })}
        />
      ))}
      <Select
        path={`${path}.window.state`}
        label={t('windowState')}
        errors={errors}
        value={bounds.state ?? 'normal'}
        options={(['normal', 'maximized'] as const).map((value) => ({ value, label: t(`windowState_${value}`) }))}
        onChange={(state) => set({ ...bounds, state: state === 'normal' ? undefined : state })}
      />
    </fieldset>
  );
}

export function CloseOnFields({ path, action, onChange }: { path: string; action: Extract<Action, { type: 'tab' | 'record' }>; onChange: (a: Action) => void }) {
  const chosen = action.closeOn ?? [];
  const toggle = (phase: CloseOnPhase, on: boolean) => {
    const next = CLOSE_ON_PHASES.filter((p) => (p === phase ? on : chosen.includes(p)));
    onChange({ ...action, closeOn: next.length ? next : undefined });
  };
  return (
    <fieldset class="checks inline">
      <legend>{t('actionCloseOn')}</legend>
      {CLOSE_ON_PHASES.map((phase) => (
        <Check
          key={phase}
          id={fieldId(`${path}.closeOn.${phase}`)}
          label={t(`phase_${phase}`)}
          checked={chosen.includes(phase)}
          onChange={(on) => toggle(phase, on)}
        />
      ))}
      <small class="hint">{t('actionCloseOnHint')}</small>
    </fieldset>
  );
}

export function NotifyFields(props: { path: string; action: Extract<Action, { type: 'notify' }>; errors: FieldErrors; known: readonly string[]; onChange: (a: Action) => void }) {
  const { path, action, errors, known, onChange } = props;
  return (
    <>
      <TextField path={`${path}.title`} label={t('actionNotifyTitle')} hint={t('actionNotifyHint')} errors={errors} value={action.title} known={known} onInput={(title) => onChange({ ...action, title })} />
      <TextField path={`${path}.message`} label={t('actionNotifyMessage')} errors={errors} value={action.message} known={known} onInput={(message) => onChange({ ...action, message })} />
    </>
  );
}

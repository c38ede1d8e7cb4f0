// What a matching template does: open a named tab (or window / side panel), open the event's
// record URL, copy to the clipboard, or call a webhook.
import type { Action } from '../core/config';
import type { FieldErrors } from './draft';
import { BodyFields } from './body-fields';
import { Check, Select, TextField, fieldId } from './fields';
import { t } from './i18n';
import { CloseOnFields, NotifyFields, WindowFields } from './placement-fields';

type Webhook = Extract<Action, { type: 'webhook' }>;
type Auth = Webhook['auth'];

const DEFAULT_TAB = { target: 'CRM {CHANNEL_LABEL}', reuse: true, focus: true, placement: 'tab' as const };

const isPlaced = (action: Action) => action.type === 'tab' || action.type === 'record' || action.type === 'notify';

function switchType(action: Action, type: Action['type']): Action {
  if (action.type === type) return action;
  if (type === 'tab' || type === 'record' || type === 'notify') {
    const from: Omit<Extract<Action, { type: 'tab' }>, 'type'> = isPlaced(action) ? (action as Extract<Action, { type: 'tab' }>) : DEFAULT_TAB;
    const placed = { target: from.target, reuse: from.reuse, focus: from.focus, placement: from.placement, ...(from.window ? { window: from.window } : {}) };
    return type === 'notify' ? { title: '', message: '', ...placed, type } : { ...placed, type };
  }
  if (type === 'clipboard') return { type, text: '' };
  return { type, method: 'POST', body: 'json', auth: { type: 'none' }, timeoutMs: 10_000 };
}

function switchAuth(auth: Auth, type: Auth['type']): Auth {
  if (auth.type === type) return auth;
  if (type === 'basic') return { type, username: '', password: '' };
  if (type === 'header') return { type, name: 'Authorization', value: '' };
  return { type: 'none' };
}

export function ActionEditor(props: { path: string; action: Action; errors: FieldErrors; known: readonly string[]; onChange: (action: Action) => void }) {
  const { path, action, errors, known, onChange } = props;
  return (
    <fieldset class="action">
      <legend>{t('action')}</legend>
      <Select
        path={`${path}.type`}
        label={t('actionType')}
        errors={errors}
        value={action.type}
        options={(['tab', 'record', 'notify', 'clipboard', 'webhook'] as const).map((value) => ({ value, label: t(`actionType_${value}`) }))}
        onChange={(type) => onChange(switchType(action, type))}
      />
      {action.type === 'notify' && <NotifyFields path={path} action={action} errors={errors} known={known} onChange={onChange} />}
      {(action.type === 'tab' || action.type === 'record' || action.type === 'notify') && (
        <>
          <TextField
            path={`${path}.target`}
            label={t('actionTarget')}
            hint={t('actionTargetHint')}
            errors={errors}
            value={action.target}
            known={known}
            onInput={(target) => onChange({ ...action, target })}
          />
          <Select
            path={`${path}.placement`}
            label={t('actionPlacement')}
            errors={errors}
            value={action.placement}
            options={(['tab', 'window', 'sidepanel'] as const).map((value) => ({ value, label: t(`placement_${value}`) }))}
            onChange={(placement) => onChange({ ...action, placement })}
          />
          <div class="checks inline">
            <Check id={fieldId(`${path}.reuse`)} label={t('actionReuse')} checked={action.reuse} onChange={(reuse) => onChange({ ...action, reuse })} />
            <Check id={fieldId(`${path}.focus`)} label={t('actionFocus')} checked={action.focus} onChange={(focus) => onChange({ ...action, focus })} />
          </div>
          {action.placement === 'window' && <WindowFields path={path} action={action} errors={errors} onChange={onChange} />}
          {action.type !== 'notify' && <CloseOnFields path={path} action={action} onChange={onChange} />}
        </>
      )}
      {action.type === 'clipboard' && (
        <TextField
          path={`${path}.text`}
          label={t('actionClipboardText')}
          hint={t('actionClipboardHint')}
          errors={errors}
          value={action.text}
          known={known}
          onInput={(text) => onChange({ ...action, text })}
        />
      )}
      {action.type === 'webhook' && <WebhookFields path={path} action={action} errors={errors} onChange={onChange} />}
    </fieldset>
  );
}

function WebhookFields({ path, action, errors, onChange }: { path: string; action: Webhook; errors: FieldErrors; onChange: (a: Action) => void }) {
  const auth = action.auth;
  return (
    <>
      <div class="grid2">
        <Select
          path={`${path}.method`}
          label={t('webhookMethod')}
          errors={errors}
          value={action.method}
          options={(['GET', 'POST', 'PUT', 'PATCH'] as const).map((value) => ({ value, label: value }))}
          onChange={(method) => onChange({ ...action, method })}
        />
        <BodyFields path={path} value={action} errors={errors} onChange={(body) => onChange({ ...action, ...body })} />
        <Select
          path={`${path}.auth.type`}
          label={t('webhookAuth')}
          errors={errors}
          value={auth.type}
          options={(['none', 'basic', 'header'] as const).map((value) => ({ value, label: t(`auth_${value}`) }))}
          onChange={(type) => onChange({ ...action, auth: switchAuth(auth, type) })}
        />
        <TextField
          path={`${path}.timeoutMs`}
          label={t('webhookTimeout')}
          errors={errors}
          type="number"
          value={String(action.timeoutMs)}
          onInput={(ms) => onChange({ ...action, timeoutMs: Number(ms) })}
        />
      </div>
      {auth.type === 'basic' && (
        <div class="grid2">
          <TextField path={`${path}.auth.username`} label={t('authUsername')} errors={errors} value={auth.username} onInput={(username) => onChange({ ...action, auth: { ...auth, username } })} />
          <TextField path={`${path}.auth.password`} label={t('authPassword')} type="password" errors={errors} value={auth.password} onInput={(password) => onChange({ ...action, auth: { ...auth, password } })} />
        </div>
      )}
      {auth.type === 'header' && (
        <div class="grid2">
          <TextField path={`${path}.auth.name`} label={t('authHeaderName')} errors={errors} value={auth.name} onInput={(name) => onChange({ ...action, auth: { ...auth, name } })} />
          <TextField path={`${path}.auth.value`} label={t('authHeaderValue')} type="password" errors={errors} value={auth.value} onInput={(value) => onChange({ ...action, auth: { ...auth, value } })} />
        </div>
      )}
    </>
  );
}

// A template's lookup (search, then pop): the request, where the matches are, the variables taken
// from each, the rules; "Try it" runs it against the real API and shows what would open.
import { useState } from 'preact/hooks';
import type { Lookup, LookupRequest, Template } from '../core/config';
import { withLookupVars } from '../core/template-lint';
import type { CommandReply, LookupTryReply } from '../core/worker-api';
import type { FieldErrors } from './draft';
import { Check, Field, Select, TextField, fieldId } from './fields';
import { t, tn } from './i18n';
import { refusal } from '../core/reply-codes';
import { templateRefusalText } from './refusal-text';
import { reasonName } from './diagnostic-text';
import { send } from './send';
import { ParamsEditor } from './params-editor';
import { BodyFields } from './body-fields';

type Auth = LookupRequest['auth'];

const NEW_LOOKUP: Lookup = {
  request: { method: 'GET', url: '', params: [{ name: 'phone', value: '{ANI|e164}', enabled: true }], body: 'json', auth: { type: 'none' }, timeoutMs: 3000 },
  results: '',
  vars: { ACCOUNT_ID: 'id', ACCOUNT_NAME: 'name' },
  label: '',
  multipleMatches: 'ask',
};

function switchAuth(auth: Auth, type: Auth['type']): Auth {
  if (auth.type === type) return auth;
  if (type === 'basic') return { type, username: '', password: '' };
  if (type === 'header') return { type, name: 'Authorization', value: '' };
  if (type === 'oauth2') return { type, authorizeUrl: '', tokenUrl: '', clientId: '', scope: '' };
  return { type: 'none' };
}

/** `NAME = path` lines ↔ the vars map. */
function varsText(vars: Record<string, string>): string {
  return Object.entries(vars).map(([name, path]) => `${name} = ${path}`).join('\n');
}
function parseVars(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const [name, ...rest] = line.split('=');
    if (name?.trim() && rest.length) out[name.trim()] = rest.join('=').trim();
  }
  return out;
}

/** `known`: the interaction's variables, which the request and the no-match and fallback URLs use. */
export function LookupEditor(props: { path: string; template: Template; errors: FieldErrors; known: readonly string[]; onChange: (lookup: Lookup | undefined) => void }) {
  const { path, template, errors, known, onChange } = props;
  const lookup = template.lookup;
  const [varsDraft, setVarsDraft] = useState<string | null>(null);
  return (
    <fieldset class="lookup-editor">
      <legend>{t('lookupEditor')}</legend>
      <Check id={fieldId(`${path}.enabled`)} label={t('lookupEnable')} checked={!!lookup} onChange={(on) => onChange(on ? structuredClone(NEW_LOOKUP) : undefined)} />
      {lookup && <LookupFields path={path} lookup={lookup} errors={errors} known={known} onChange={onChange} varsDraft={varsDraft} setVarsDraft={setVarsDraft} />}
      {lookup && <TryIt template={template} />}
    </fieldset>
  );
}

function LookupFields(props: {
  path: string;
  lookup: Lookup;
  errors: FieldErrors;
  known: readonly string[];
  onChange: (lookup: Lookup) => void;
  varsDraft: string | null;
  setVarsDraft: (text: string | null) => void;
}) {
  const { path, lookup, errors, known, onChange } = props;
  const request = lookup.request;
  const auth = request.auth;
  const setRequest = (patch: Partial<LookupRequest>) => onChange({ ...lookup, request: { ...request, ...patch } });
  const rp = `${path}.request`;
  return (
    <>
      <TextField path={`${rp}.url`} label={t('lookupUrl')} errors={errors} inputMode="url" value={request.url} placeholder="https://crm.example.com/api/contacts" known={known} onInput={(url) => setRequest({ url })} />
      <div class="grid2">
        <Select path={`${rp}.method`} label={t('webhookMethod')} errors={errors} value={request.method} options={(['GET', 'POST'] as const).map((value) => ({ value, label: value }))} onChange={(method) => setRequest({ method })} />
        <TextField path={`${rp}.timeoutMs`} label={t('lookupTimeout')} errors={errors} type="number" value={String(request.timeoutMs)} onInput={(ms) => setRequest({ timeoutMs: Number(ms) })} />
      </div>
      {/* A POST sends the parameters as its body, shaped as a webhook's (docs/configuration.md); a
          container left from a POST stays visible, so that it can be fixed or removed. */}
      {(request.method === 'POST' || request.container) && (
        <div class="grid2">
          <BodyFields path={rp} value={request} errors={errors} onChange={(body) => setRequest(body)} />
        </div>
      )}
      <ParamsEditor path={`${rp}.params`} legend={t('lookupParams')} params={request.params} errors={errors} known={known} onChange={(params) => setRequest({ params })} />
      <Select
        path={`${rp}.auth.type`}
        label={t('webhookAuth')}
        errors={errors}
        value={auth.type}
        options={(['none', 'basic', 'header', 'oauth2'] as const).map((value) => ({ value, label: t(`auth_${value}`) }))}
        onChange={(type) => setRequest({ auth: switchAuth(auth, type) })}
      />
      {auth.type === 'basic' && (
        <div class="grid2">
          <TextField path={`${rp}.auth.username`} label={t('authUsername')} errors={errors} value={auth.username} onInput={(username) => setRequest({ auth: { ...auth, username } })} />
          <TextField path={`${rp}.auth.password`} label={t('authPassword')} type="password" errors={errors} value={auth.password} onInput={(password) => setRequest({ auth: { ...auth, password } })} />
        </div>
      )}
      {auth.type === 'header' && (
        <div class="grid2">
          <TextField path={`${rp}.auth.name`} label={t('authHeaderName')} errors={errors} value={auth.name} onInput={(name) => setRequest({ auth: { ...auth, name } })} />
          <TextField path={`${rp}.auth.value`} label={t('authHeaderValue')} type="password" errors={errors} value={auth.value} onInput={(value) => setRequest({ auth: { ...auth, value } })} />
        </div>
      )}
      {auth.type === 'oauth2' && (
        <>
          <TextField path={`${rp}.auth.authorizeUrl`} label={t('oauthAuthorizeUrl')} errors={errors} type="url" value={auth.authorizeUrl} onInput={(authorizeUrl) => setRequest({ auth: { ...auth, authorizeUrl } })} />
          <TextField path={`${rp}.auth.tokenUrl`} label={t('oauthTokenUrl')} errors={errors} type="url" value={auth.tokenUrl} onInput={(tokenUrl) => setRequest({ auth: { ...auth, tokenUrl } })} />
          <div class="grid2">
            <TextField path={`${rp}.auth.clientId`} label={t('oauthClientId')} errors={errors} value={auth.clientId} onInput={(clientId) => setRequest({ auth: { ...auth, clientId } })} />
            <TextField path={`${rp}.auth.scope`} label={t('oauthScope')} errors={errors} value={auth.scope} onInput={(scope) => setRequest({ auth: { ...auth, scope } })} />
          </div>
        </>
      )}
      <TextField path={`${path}.results`} label={t('lookupResults')} hint={t('lookupResultsHint')} errors={errors} value={lookup.results} placeholder="data.items" onInput={(results) => onChange({ ...lookup, results })} />
      <Field path={`${path}.vars`} label={t('lookupVars')} errors={errors} hint={t('lookupVarsHint')}>
        {({ id, describedBy, invalid }) => (
          <textarea
            id={id}
            rows={3}
            spellcheck={false}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            value={props.varsDraft ?? varsText(lookup.vars)}
            onInput={(e) => {
              props.setVarsDraft(e.currentTarget.value);
              onChange({ ...lookup, vars: parseVars(e.currentTarget.value) });
            }}
            onBlur={() => props.setVarsDraft(null)}
          />
        )}
      </Field>
      <TextField path={`${path}.label`} label={t('lookupLabel')} errors={errors} value={lookup.label} placeholder="{ACCOUNT_NAME}" known={withLookupVars(known, lookup)} onInput={(label) => onChange({ ...lookup, label })} />
      <Select
        path={`${path}.multipleMatches`}
        label={t('lookupMultiple')}
        errors={errors}
        value={lookup.multipleMatches}
        options={(['ask', 'first', 'all', 'fallback'] as const).map((value) => ({ value, label: t(`lookupMultiple_${value}`) }))}
        onChange={(multipleMatches) => onChange({ ...lookup, multipleMatches })}
      />
      <TextField path={`${path}.noMatchUrl`} label={t('lookupNoMatchUrl')} errors={errors} inputMode="url" value={lookup.noMatchUrl ?? ''} placeholder="https://crm.example.com/contacts/new?phone={ANI|e164}" known={known} onInput={(url) => onChange({ ...lookup, noMatchUrl: url || undefined })} />
      <TextField path={`${path}.fallbackUrl`} label={t('lookupFallbackUrl')} errors={errors} inputMode="url" value={lookup.fallbackUrl ?? ''} placeholder="https://crm.example.com/search?q={ANI|digits}" known={known} onInput={(url) => onChange({ ...lookup, fallbackUrl: url || undefined })} />
    </>
  );
}

function TryIt({ template }: { template: Template }) {
  const [ani, setAni] = useState('+39 333 1234567');
  const [reply, setReply] = useState<LookupTryReply | null>(null);
  const [busy, setBusy] = useState(false);
  const id = `try-${template.id}`;
  const run = async () => {
    setBusy(true);
    try {
      setReply(await send({ kind: 'lookup/try', template, vars: { ANI: ani } }));
    } catch (error) {
      setReply(refusal('failed', String(error)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="try-lookup">
      <label for={id}>{t('lookupTryNumber')}</label>
      <input id={id} value={ani} onInput={(e) => setAni(e.currentTarget.value)} />
      <button type="button" class="try-run" disabled={busy} onClick={() => void run()}>
        {t('lookupTry')}
      </button>
      {template.lookup?.request.auth.type === 'oauth2' && <SignIn template={template} />}
      <div role="status" aria-live="polite" class="try-result">
        {reply && !reply.ok && <p class="bad">{templateRefusalText(reply, template)}</p>}
        {reply?.ok && (
          <>
            <p>{tn('lookupTryOutcome', reply.matches.length, reply.status === undefined ? '—' : String(reply.status), t(`lookupOutcome_${reply.outcome.split(':')[0]}`))}</p>
            {reply.reason && <p class="bad">{reasonName(reply.reason)}</p>}
            {reply.url && (
              <p>
                {t('lookupTryUrl')} <code class="try-url">{reply.url}</code>
              </p>
            )}
            {reply.matches.length > 0 && (
              <ol class="try-matches">
                {reply.matches.map((match, index) => (
                  <li key={index}>
                    <strong>{match.label}</strong> {Object.entries(match.vars).map(([name, value]) => `${name}=${value}`).join(', ')}
                  </li>
                ))}
              </ol>
            )}
            {reply.response && (
              <details>
                <summary>{t('lookupTryResponse')}</summary>
                <pre class="try-response">{reply.response}</pre>
              </details>
            )}
          </>
        )}
      </div>
    </div>
  );
}

/** Reads the worker's sign-in failure: see signIn in src/background/oauth.ts. */
function signInText(outcome: CommandReply, template: Template): string {
  if (outcome.ok) return t('lookupSignedIn');
  // Refused before any sign-in (the template as edited has no OAuth 2.0): the worker's code says why.
  if (outcome.code) return templateRefusalText(outcome, template);
  if (outcome.error.startsWith('crm:')) return t('lookupSignInRefused', outcome.error.slice('crm:'.length));
  if (outcome.error === 'closed') return t('lookupSignInClosed');
  return t('lookupSignInFailed', reasonName(outcome.error).replace(/\.$/, ''));
}

/** Signs the agent in with the template as edited (the token serves every template with that server and client). */
function SignIn({ template }: { template: Template }) {
  const [outcome, setOutcome] = useState<CommandReply | null>(null);
  const [busy, setBusy] = useState(false);
  const signIn = async () => {
    setBusy(true);
    setOutcome(null);
    try {
      setOutcome(await send({ kind: 'lookup/signin', template }));
    } catch (error) {
      setOutcome({ ok: false, error: (error as Error).message || String(error) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" class="lookup-signin" disabled={busy} onClick={() => void signIn()}>
        {t('lookupSignIn')}
      </button>
      {outcome && (
        <p class={`signin-status ${outcome.ok ? 'ok' : 'error'}`} role={outcome.ok ? 'status' : 'alert'}>
          {signInText(outcome, template)}
        </p>
      )}
    </>
  );
}

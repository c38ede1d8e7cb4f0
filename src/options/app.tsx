// The options page: the configuration document edited field by field, previewed live, saved whole.
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Config } from '../core/config';
import type { PolicyInfo } from '../core/worker-api';
import { Diagnostics } from './diagnostics';
import { toDraft, validate } from './draft';
import { fieldId, StatusNote } from './fields';
import { withCountry } from '../core/locale-country';
import { cannotFire } from '../core/template-lint';
import { templateLabel } from '../core/on-demand';
import { FirstRun, GuideDone } from './first-run';
import { HostAccess, MissingAccessNotice, requestHostAccess, useHostAccess } from './host-access';
import { pageLocale, t, tn } from './i18n';
import { fieldName, sayValidation } from './field-names';
import { JsonEditor } from './json-editor';
import { Preview } from './preview';
import { documentProblems, reasonName } from './diagnostic-text';
import { refusalLines, refusalText } from './refusal-text';
import { send } from './send';
import { SettingsEditor } from './settings-editor';
import { SourcesEditor } from './sources-editor';
import { TemplatesList } from './templates-list';
import { Transfer, type ImportOutcome } from './transfer';

const SECTIONS = ['templates', 'sources', 'preview', 'diagnostics', 'transfer', 'json'] as const;
type Section = (typeof SECTIONS)[number];

/**
 * Where the worker keeps the agent's document in chrome.storage.local (LocalArea.config in
 * src/background/storage.ts, which pages do not import; docs/configuration.md lists the keys).
 */
const CONFIG_KEY = 'config';

type Status = { ok: boolean; text: string; details?: string[] } | null;

function initialSection(): Section {
  const hash = location.hash.slice(1);
  return (SECTIONS as readonly string[]).includes(hash) ? (hash as Section) : 'templates';
}

/** Templates of a saved document that can never fire, in the agent's words. */
function idleLines(doc: Config): string[] {
  return cannotFire(doc, templateLabel).map((c) => t(`cannotFire_${c.code}`, c.template, ...c.args.map(reasonName)));
}

export function App() {
  const [saved, setSaved] = useState<Config | null>(null);
  const [draft, setDraft] = useState<Config | null>(null);
  const [policy, setPolicy] = useState<PolicyInfo | null>(null);
  const [canUndo, setCanUndo] = useState(false);
  const [section, setSection] = useState<Section>(initialSection);
  const [status, setStatus] = useState<Status>(null);
  const [guide, setGuide] = useState<'offered' | 'skipped' | 'done'>('offered');

  const load = async () => {
    const reply = await send({ kind: 'config/get' });
    const doc = reply.managed && reply.policy.locked ? reply.managed : toDraft(reply.user);
    setPolicy(reply.policy);
    setCanUndo(reply.canUndo);
    setSaved(doc);
    setDraft(structuredClone(doc));
  };

  useEffect(() => {
    void load();
  }, []);
  useEffect(() => {
    const onHash = () => setSection(initialSection());
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);

  const locked = !!(policy?.managed && policy.locked);
  const errors = useMemo(() => (draft ? validate(draft, sayValidation) : {}), [draft]);
  const access = useHostAccess(draft ?? toDraft(undefined));
  const dirty = !!draft && !!saved && JSON.stringify(draft) !== JSON.stringify(saved);

  // The agent's document changed elsewhere (another options tab, an undo there, an admin's script
  // writing storage): follow it unless the agent is mid-edit. The toolbar popup's pause is the
  // agent's own state (key `agent`), not part of the document: it does not reload this page.
  // A policy change (Chrome hands policy over a moment after start-up) always wins.
  useEffect(() => {
    const onChanged = (changes: Record<string, chrome.storage.StorageChange>, area: string) => {
      if (area === 'managed' || (area === 'local' && CONFIG_KEY in changes && !dirty)) void load();
    };
    chrome.storage.onChanged.addListener(onChanged);
    return () => chrome.storage.onChanged.removeListener(onChanged);
  }, [dirty]);

  if (!draft || !saved) return <main><p>{t('loading')}</p></main>;

  const store = async (doc: Config): Promise<string | null> => {
    const reply = await send({ kind: 'config/save', config: doc });
    if (!reply.ok) return refusalText(reply, doc);
    setSaved(structuredClone(doc));
    setDraft(structuredClone(doc));
    setCanUndo(true);
    return null;
  };

  const undo = async () => {
    const reply = await send({ kind: 'config/undo' });
    await load();
    setStatus(reply.ok ? { ok: true, text: t('undone') } : { ok: false, text: t('saveRejected'), details: refusalLines(reply) });
  };

  const save = async () => {
    const problems = Object.entries(errors);
    if (problems.length) {
      setStatus({ ok: false, text: tn('saveInvalid', problems.length), details: problems.map(([where, m]) => `${fieldName(where, draft)}: ${m}`) });
      document.getElementById(fieldId(problems[0]![0]))?.focus();
      return;
    }
    // First, while the click still counts as a user gesture.
    const granted = await requestHostAccess(access.missing);
    const error = await store(draft);
    access.refresh();
    if (error) setStatus({ ok: false, text: t('saveRejected'), details: error.split('\n') });
    else {
      const idle = idleLines(draft);
      const text = `${granted ? t('saved') : t('savedWithoutAccess')} ${t('savedNext')}`;
      setStatus({ ok: idle.length === 0, text, ...(idle.length ? { details: idle } : {}) });
    }
  };

  /** What a Transfer import and the JSON view's save do: the same write, host access refreshed, the same warnings. */
  const importDoc = async (doc: Config): Promise<ImportOutcome> => {
    const error = await store(doc);
    access.refresh();
    return error ? { ok: false, error } : { ok: true, idle: idleLines(doc) };
  };

  const edit = (next: Config) => {
    setDraft(next);
    setStatus(null);
  };

  const empty = !saved.sources.length && !saved.templates.length;
  const showGuide = guide === 'offered' && empty && !locked && section === 'templates';

  return (
    <>
      <header class="top">
        <h1>{t('extName')}</h1>
        <nav aria-label={t('sectionsNav')}>
          <ul>
            {SECTIONS.map((s) => (
              <li key={s}>
                <a href={`#${s}`} aria-current={section === s ? 'page' : undefined} onClick={() => setSection(s)}>
                  {t(`section_${s}`)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main">
        {locked && (
          <p class="notice locked" role="note" id="locked-notice">
            {t('lockedNotice')}
          </p>
        )}
        <MissingAccessNotice missing={access.missing} />
        {policy?.error && (
          <p class="notice error" id="policy-error" role="alert">
            {t('policyRejectedNotice')} {documentProblems(policy.error, false)}
          </p>
        )}
        {guide === 'done' && <GuideDone onClose={() => setGuide('skipped')} />}
        {showGuide && (
          <FirstRun
            onSkip={() => setGuide('skipped')}
            onCreate={async (doc) => {
              const error = await store(doc);
              if (!error) setGuide('done');
              return error;
            }}
          />
        )}
        <fieldset hidden={showGuide} class="plain" disabled={locked && section !== 'diagnostics' && section !== 'preview'}>
          {section === 'templates' && <TemplatesList config={draft} errors={errors} onChange={(templates) => edit({ ...draft, templates })} />}
          {section === 'sources' && (
            <>
              <SourcesEditor config={draft} errors={errors} onChange={(sources) => edit({ ...draft, sources })} />
              <SettingsEditor settings={draft.settings} errors={errors} onChange={(settings) => edit({ ...draft, settings })} />
              <HostAccess grants={access.grants} missing={access.missing} locked={locked} />
            </>
          )}
          {section === 'preview' && <Preview config={withCountry(draft, pageLocale())} />}
          {section === 'diagnostics' && <Diagnostics />}
          {section === 'transfer' && <Transfer config={saved} locked={locked} onImport={importDoc} onUndo={undo} />}
          {section === 'json' && <JsonEditor config={draft} locked={locked} onSave={importDoc} />}
        </fieldset>
      </main>
      {(section === 'templates' || section === 'sources' || section === 'preview') && !locked && !showGuide && (
        <footer class="save-bar">
          <button type="button" id="save-config" class="primary" onClick={() => void save()}>
            {t('save')}
          </button>
          <button type="button" id="discard" disabled={!dirty} onClick={() => edit(structuredClone(saved))}>
            {t('discard')}
          </button>
          {canUndo && !dirty && (
            <button type="button" id="undo-save" onClick={() => void undo()}>
              {t('undoSave')}
            </button>
          )}
          <span class="dirty" aria-live="polite">
            {dirty ? t('unsaved') : ''}
          </span>
          {status && (
            <StatusNote id="save-status" ok={status.ok} text={status.text} details={status.details?.slice(0, 6)} />
          )}
        </footer>
      )}
    </>
  );
}

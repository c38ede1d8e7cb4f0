// The named CRM tab while the lookup runs: "Looking up +39 333 …", then the record (this page
// replaces itself, so Back does not return to it), or the chooser when several contacts match.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { LookupPageState, LookupUpdate } from '../core/worker-api';
import { reasonName } from '../options/diagnostic-text';
import { t } from '../options/i18n';
import { send } from '../options/send';

type Choice = NonNullable<LookupPageState['choices']>[number];

export function LookupPage({ id }: { id: string }) {
  const [state, setState] = useState<LookupPageState | null | undefined>(undefined);

  useEffect(() => {
    const listener = (message: unknown) => {
      const update = message as Partial<LookupUpdate> | null;
      if (update?.kind === 'lookup/update' && update.id === id && update.state) setState(update.state);
    };
    // Listen first: an answer that lands between the query and its reply is not lost.
    chrome.runtime.onMessage.addListener(listener);
    void send({ kind: 'lookup/state', id }).then(
      (reply) => setState((current) => (current && current.status !== 'pending' ? current : reply.state)),
      () => setState(null),
    );
    return () => chrome.runtime.onMessage.removeListener(listener);
  }, [id]);

  useEffect(() => {
    if (state?.status !== 'pending') return undefined;
    // The worker's broadcast is the fast path; asking now and then covers one missed (or a worker
    // restarted mid-lookup, whose answer then says so).
    const timer = setInterval(() => {
      void send({ kind: 'lookup/state', id }).then((reply) => {
        if (reply.state && reply.state.status !== 'pending') setState(reply.state);
      }, () => undefined);
    }, 1500);
    return () => clearInterval(timer);
  }, [id, state?.status]);

  useEffect(() => {
    if (state?.target) document.title = state.target;
    // Back from the record lands here again: moving forward by itself would trap the agent.
    if (state?.status === 'open' && state.url && !cameBack()) location.replace(state.url);
  }, [state]);

  if (state === undefined) return <main class="lookup" aria-busy="true" />;
  if (state === null) {
    return (
      <main class="lookup">
        <p id="lookup-status">{t('lookupGone')}</p>
      </main>
    );
  }
  if (state.status === 'ask') return <Chooser id={id} state={state} />;
  const text =
    state.status === 'nothing' ? t('lookupNothing') : state.status === 'open' ? t('lookupOpening') : state.who ? t('lookupLooking', state.who) : t('lookupLookingUnknown');
  return (
    <main class="lookup" aria-busy={state.status === 'pending'}>
      <h1>{state.target}</h1>
      <p id="lookup-status" role="status" class={state.status === 'pending' ? 'pending' : ''}>
        {text}
      </p>
      {state.status === 'nothing' && state.reason && <p id="lookup-why">{t('lookupWhy', reasonName(state.reason))}</p>}
      {state.status === 'open' && state.url && (
        <p>
          <a href={state.url}>{t('lookupOpenRecord')}</a>
        </p>
      )}
    </main>
  );
}

function cameBack(): boolean {
  const [entry] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
  return entry?.type === 'back_forward';
}

function Chooser({ id, state }: { id: string; state: LookupPageState }) {
  const first = useRef<HTMLAnchorElement>(null);
  const choices = state.choices ?? [];
  useEffect(() => first.current?.focus(), []);

  const pick = async (event: MouseEvent, index: number, choice: Choice) => {
    event.preventDefault();
    // The worker learns which contact it is (its ACCOUNT_ID feeds later webhooks); the page moves on
    // even if the worker cannot answer.
    await send({ kind: 'lookup/choose', id, index }).catch(() => undefined);
    location.assign(choice.url);
  };

  return (
    <main class="lookup">
      <h1 id="chooser-title">{t('lookupChoose', choices.length, state.who || '—')}</h1>
      <ul class="choices" aria-labelledby="chooser-title">
        {choices.map((choice, index) => (
          <li key={choice.url}>
            <a ref={index === 0 ? first : undefined} href={choice.url} onClick={(e) => void pick(e, index, choice)}>
              {choice.label || t('lookupMatchNumber', index + 1)}
            </a>
            <dl>
              {choice.fields.map(([name, value]) => (
                <div key={name}>
                  <dt>{name}</dt>
                  <dd>{value}</dd>
                </div>
              ))}
            </dl>
          </li>
        ))}
      </ul>
    </main>
  );
}

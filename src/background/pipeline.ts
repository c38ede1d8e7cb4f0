// A vendor message's way through the worker: adapter → interaction state → matching templates →
// actions, each step logged to diagnostics.
import type { Config, NotifyAction, Template } from '../core/config';
import type { DiagnosticCode } from '../core/diagnostic-codes';
import type { InteractionEvent, Phase } from '../core/interaction-event';
import type { BridgeMessage } from '../core/worker-api';
import { matchesOrigin, matchesPage } from '../core/patterns';
import { copyToClipboard } from './actions/clipboard';
import { actionUrl, clipboardText, targetName } from '../core/action-resolve';
import { gateNavigation } from './actions/navigation-gate';
import { openInTarget, type OpenResult } from './actions/tab';
import { closeLater, closeOnPhase } from './actions/close-on';
import { originOf } from '../core/placement';
import { notificationText, showNotification } from './actions/notify';
import { queueWebhook } from './actions/webhook';
import { adapt } from '../core/adapters';
import { currentConfig } from './config-store';
import { logDiagnostic } from './diagnostics';
import { keepOutcome, type InteractionRecord, type Outcome } from '../core/interaction-state';
import { templateLabel } from '../core/on-demand';
import { noteHeard } from './source-health';
import { interactionStore } from './interaction-records';
import { runLookup, withLookupVars } from './lookup';
import { contextVars, matchTemplates, renderText, type MatchResult, type RenderContext } from '../core/templates';
import type { NotifyRequest } from './actions/notify';

/** Where the bridge heard an event: the agent desktop's frame, tab and window. */
export interface HeardOn {
  /** URL of the frame the bridge runs in. */
  frameUrl?: string;
  tabId?: number;
  windowId?: number;
  /** The bridge sent the message again after a worker restart. */
  redelivered?: boolean;
}

/** Resolves once the message is handled; `settled`, once any pop it deferred (navigation gate) ran too. */
export async function handleBridgeMessage(message: BridgeMessage, sender: HeardOn): Promise<{ settled: Promise<void> }> {
  const config = currentConfig();
  const source = config.sources.find((s) => s.id === message.sourceId);
  if (!source || !trustedSender(source, message.origin, sender.frameUrl)) {
    await logDiagnostic({ kind: 'ignored', code: 'untrustedSender', args: [message.sourceId] });
    return DONE;
  }
  // Behind the action: a sign of life is never worth delaying a pop for.
  void noteHeard(source.id);
  const adapted = adapt(source, message.data);
  if (!adapted.ok) {
    await logDiagnostic({ kind: 'ignored', code: 'messageIgnored', args: [source.id, adapted.reason] });
    return DONE;
  }
  return handleEvent(adapted.event, config, { ...sender, redelivered: message.redelivered === true });
}

const DONE = { settled: Promise.resolve() };

/** The bridge already checked; checking again here means a compromised page cannot skip it. */
function trustedSender(source: Config['sources'][number], origin: string, frameUrl: string | undefined): boolean {
  if (!frameUrl || !source.pages.some((page) => matchesPage(page, frameUrl))) return false;
  if (source.senders.length === 0) return origin === new URL(frameUrl).origin;
  return source.senders.some((pattern) => matchesOrigin(pattern, origin));
}

/**
 * `agent`: the agent desktop's tab and window, where the event was heard. The actions run first;
 * the record of what fired is stored only after them (see docs/architecture.md, "Delivery
 * protocol"), and the diagnostics are written behind.
 */
export async function handleEvent(event: InteractionEvent, config: Config, agent: HeardOn = {}): Promise<{ settled: Promise<void> }> {
  const now = Date.now();
  const change = await interactionStore.apply(event, config, now);
  const { record, fire } = change;
  const paused = config.settings.paused && fire.length > 0;
  const deferred: Array<Promise<void>> = [];
  const last = fire.at(-1);
  if (paused && last) {
    await interactionStore.setOutcome(record.key, (previous) => keepOutcome(previous, { kind: 'paused', phase: last, templates: [], at: now }));
  } else if (!config.settings.paused) {
    for (const phase of fire) {
      const { outcome } = await runPhase({ ...event, phase }, record, config, agent, deferred);
      await interactionStore.setOutcome(record.key, (previous) => keepOutcome(previous, outcome));
    }
  }
  // Stored once every action ran, deferred ones included (docs/architecture.md, "Delivery protocol").
  const settled = deferred.length ? Promise.all(deferred).then(() => change.commit()) : Promise.resolve(change.commit());
  const said = event.phase
    ? { code: fire.length ? ('event' as const) : ('eventHandled' as const), args: [event.source, event.vendorType, event.phase, record.channel] }
    : { code: 'eventRecorded' as const, args: [event.source, event.vendorType, record.channel] };
  // Dated at arrival: the log lists it before the lines of the actions it caused.
  await logDiagnostic({ kind: 'event', key: record.key, ...said, detail: safeJson(event.raw) }, now);
  for (const note of event.notes ?? []) await logDiagnostic({ kind: 'refused', key: record.key, code: 'adapterNote', args: [event.source, note] }, now);
  if (paused) await logDiagnostic({ kind: 'action', key: record.key, code: 'paused' }, now);
  return { settled };
}

export interface PhaseRun {
  outcome: Outcome;
  results: MatchResult[];
}

/** The agent asked for the CRM of an interaction (toolbar popup, keyboard shortcut). */
export async function popOnDemand(record: InteractionRecord, config: Config): Promise<PhaseRun> {
  const deferred: Array<Promise<void>> = [];
  const run = await runPhase(onDemandEvent(record), record, config, {}, deferred);
  await Promise.all(deferred);
  // Asking again and getting nothing leaves the earlier outcome; a pop or a refusal replaces it.
  await interactionStore.setOutcome(record.key, (previous) => keepOutcome(previous, run.outcome));
  return run;
}

/** The event the agent's own request makes of a known interaction (no vendor message behind it). */
export function onDemandEvent(record: InteractionRecord): InteractionEvent & { phase: 'on_demand' } {
  return {
    source: record.source,
    interactionId: record.interactionId,
    phase: 'on_demand',
    channel: record.channel,
    vars: {},
    raw: null,
    vendorType: 'on_demand',
  };
}

export function renderContext(event: InteractionEvent, record: InteractionRecord, config: Config): RenderContext {
  return { vars: contextVars(event, record.vars, config.settings), raw: event.raw, settings: config.settings };
}

async function runPhase(
  event: InteractionEvent & { phase: Phase },
  record: InteractionRecord,
  config: Config,
  agent: HeardOn,
  deferred: Array<Promise<void>>,
): Promise<PhaseRun> {
  await closeTabsOfPhase(record.key, event.phase);
  const found = renderContext(event, record, config);
  const results = matchTemplates(config.templates, event, found.vars);
  const matched = results.filter((r) => r.matched).map((r) => r.template);
  const ctx = await withLookupVars(found, record.key, matched, config);
  await logDiagnostic({
    kind: 'match',
    key: record.key,
    ...(matched.length
      ? { code: 'matched' as const, args: [event.phase, matched.map(templateLabel).join(', ')] }
      : { code: 'noMatch' as const, args: [event.phase] }),
    reasons: results.flatMap((r) => (r.why ? [{ template: templateLabel(r.template), why: r.why }] : [])),
  });
  const done: Record<ActionResult, string[]> = { done: [], refused: [], failed: [] };
  for (const template of matched) {
    let result: ActionResult;
    try {
      result = await runAction(template, event, ctx, record, agent, deferred);
    } catch (error) {
      await logDiagnostic({ kind: 'error', key: record.key, code: 'actionFailed', args: [templateLabel(template), (error as Error).message] });
      result = 'failed';
    }
    done[result].push(templateLabel(template));
  }
  const kind = !matched.length ? 'noMatch' : done.done.length ? 'popped' : done.refused.length ? 'refused' : 'failed';
  const templates = kind === 'popped' ? done.done : kind === 'refused' ? done.refused : done.failed;
  return { outcome: { kind, phase: event.phase, templates, at: Date.now() }, results };
}

type ActionResult = 'done' | 'refused' | 'failed';

async function runAction(
  template: Template,
  event: InteractionEvent,
  ctx: RenderContext,
  record: InteractionRecord,
  agent: HeardOn,
  deferred: Array<Promise<void>>,
): Promise<ActionResult> {
  const action = template.action;
  const name = templateLabel(template);
  if (template.lookup) {
    // The lookup logs its own steps (sent, answered, what it opened); its outcome is the pop's. Its
    // tab goes through the same navigation gate, re-delivery check and closeOn as a plain tab's.
    await runLookup({ ...template, lookup: template.lookup }, ctx, record, agent, deferred);
    return 'done';
  }
  if (action.type === 'tab' || action.type === 'record') {
    const rendered = actionUrl(template, event, ctx);
    if (!rendered.ok) {
      await logDiagnostic({ kind: 'refused', key: record.key, code: 'urlRefused', args: [name, rendered.reason] });
      return 'refused';
    }
    const target = targetName(action.target, ctx);
    const log = async (opened: OpenResult | null) => {
      if (opened && opened.outcome !== 'shown in the side panel' && action.closeOn?.length) {
        await closeLater({ interactionKey: record.key, tabId: opened.tabId, origin: originOf(rendered.url), phases: action.closeOn });
      }
      await logDiagnostic(
        opened
          ? { kind: 'action', key: record.key, code: OUTCOME_CODES[opened.outcome], args: [name, target, opened.note ? ` (${opened.note})` : ''], detail: rendered.url }
          : { kind: 'action', key: record.key, code: 'superseded', args: [name, target], detail: rendered.url },
      );
    };
    const gated = gateNavigation(target, () =>
      openInTarget({
        url: rendered.url,
        target,
        action,
        agentWindowId: agent.windowId,
        agentTabId: agent.tabId,
        interactionKey: record.key,
        redelivered: agent.redelivered,
      }),
    );
    // A pop that must wait for the target's gap does not hold up the events behind it.
    if ('now' in gated) await log(await gated.now);
    else deferred.push(gated.later.then(log, (error: unknown) => logDiagnostic({ kind: 'error', key: record.key, code: 'deferredPopFailed', args: [name, String(error)] })));
    return 'done';
  }
  if (action.type === 'clipboard') {
    const resolved = clipboardText(template, ctx);
    if (!resolved.ok) {
      await logDiagnostic({ kind: 'refused', key: record.key, code: 'nothingCopied', args: [name, resolved.reason] });
      return 'refused';
    }
    const text = resolved.text;
    const copied = await copyToClipboard(text);
    await logDiagnostic({
      kind: copied.ok ? 'action' : 'error',
      key: record.key,
      ...(copied.ok ? { code: 'copied' as const, args: [name] } : { code: 'notCopied' as const, args: [name, copied.error] }),
      detail: text,
    });
    return copied.ok ? 'done' : 'failed';
  }
  if (action.type === 'notify') {
    await runNotify(template, action, event, ctx, record, agent);
    return 'done';
  }
  const queued = await queueWebhook(template, ctx, record.key, event.phase);
  await logDiagnostic(
    queued.ok
      ? { kind: 'action', key: record.key, code: 'webhookQueued', args: [name], detail: `${queued.method} ${queued.url}` }
      : { kind: 'refused', key: record.key, code: 'webhookNotSent', args: [name, queued.reason] },
  );
  return queued.ok ? 'done' : 'refused';
}

async function runNotify(
  template: Template,
  action: NotifyAction,
  event: InteractionEvent,
  ctx: RenderContext,
  record: InteractionRecord,
  agent: HeardOn,
): Promise<void> {
  let open: NotifyRequest['open'];
  if (template.url) {
    const rendered = actionUrl(template, event, ctx);
    if (!rendered.ok) {
      await logDiagnostic({ kind: 'refused', key: record.key, code: 'urlRefused', args: [templateLabel(template), rendered.reason] });
      return;
    }
    const { reuse, focus, placement, window } = action;
    open = {
      url: rendered.url,
      target: targetName(action.target, ctx),
      action: { reuse, focus, placement, ...(window ? { window } : {}) },
      agentWindowId: agent.windowId,
      agentTabId: agent.tabId,
      interactionKey: record.key,
    };
  }
  const vars = ctx.vars;
  const text = notificationText(action, (t) => renderText(t, ctx), {
    channelLabel: vars.CHANNEL_LABEL ?? record.channel,
    phase: event.phase ?? '',
    who: vars.ANI || vars.EMAIL || vars.CUID || '',
  });
  await showNotification({ ...text, open, owner: { interactionKey: record.key, phase: event.phase ?? '', templateId: template.id } });
  await logDiagnostic({ kind: 'action', key: record.key, code: 'notified', args: [templateLabel(template)], detail: open?.url });
}

/** `closeOn`: the phase that ends the interaction closes the CRM tabs opened for it. */
async function closeTabsOfPhase(key: string, phase: Phase): Promise<void> {
  if (phase !== 'ended' && phase !== 'wrapup_end') return;
  for (const outcome of await closeOnPhase(key, phase)) {
    await logDiagnostic({ kind: 'action', key, code: outcome.closed ? 'tabClosed' : 'tabLeftOpen', args: [outcome.target, phase] });
  }
}

const OUTCOME_CODES = {
  opened: 'tabOpened',
  reused: 'tabReused',
  reopened: 'tabReopened',
  'shown in the side panel': 'sidePanelShown',
} as const satisfies Record<OpenResult['outcome'], DiagnosticCode>;

function safeJson(value: unknown): string | undefined {
  try {
    return JSON.stringify(value)?.slice(0, 4000);
  } catch {
    return undefined;
  }
}

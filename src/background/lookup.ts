// Search, then pop, in the worker. The named tab opens at once on the extension's waiting page
// ("Looking up +39 333 …"); the CRM's answer decides what that page becomes: the record (the page
// navigates itself, so an agent who already moved the tab elsewhere is not overridden), the
// chooser, the new-contact page or the fallback. One lookup per interaction and template: later
// phases reuse its result, and the variables it found stay on the interaction record.
import browser from 'webextension-polyfill';
import type { CloseOnPhase, Config, Lookup, Template } from '../core/config';
import { PHASES, type InteractionEvent, type Vars } from '../core/interaction-event';
import type { InteractionRecord } from '../core/interaction-state';
import { decide, lookupContext, lookupRequest, shortWho, usesLookupVars, type LookupAnswer, type LookupDecision } from '../core/lookup';
import { targetName } from '../core/action-resolve';
import { contextVars, type RenderContext } from '../core/templates';
import type { LookupPageState } from '../core/worker-api';
import { refusal } from '../core/reply-codes';
import { openInTarget, type OpenRequest, type OpenResult } from './actions/tab';
import { gateNavigation } from './actions/navigation-gate';
import { closeLater } from './actions/close-on';
import { showsSourcePage } from './actions/targets';
import { originOf } from '../core/placement';
import { currentConfig } from './config-store';
import { logDiagnostic } from './diagnostics';
import { interactionStore } from './interaction-records';
import { fetchLookup } from './lookup-fetch';
import { readSession, writeSession } from './storage';
import { reasonText } from '../core/reason-codes';
import { templateLabel } from '../core/on-demand';

const KEY = 'lookups' as const;
/** Lookups remembered (session storage); older ones are dropped first. */
const MAX_KEPT = 50;

interface LookupEntry {
  id: string;
  /** Interaction key. */
  key: string;
  templateId: string;
  target: string;
  tabId?: number;
  /** The named tab's window (the agent's until the tab has opened): rule `all` opens its other tabs there. */
  windowId?: number;
  /** `tabId` is the agent desktop's, beside the side panel that shows the lookup: never navigated, never closed. */
  panel?: boolean;
  /** The template's `closeOn`: the tab that shows the page finally opened closes at these phases. */
  closeOn?: CloseOnPhase[];
  who: string;
  startedAt: number;
  /** The phase that started it: a lookup resumed after a worker restart renders as it did. */
  phase?: string;
  page: LookupPageState;
  /** Variables of the match that opened (or the agent chose). */
  vars: Vars;
}

export type LookupTable = Record<string, LookupEntry>;

let entries: LookupTable | null = null;
const inflight = new Map<string, Promise<void>>();
/** Lookups whose named tab is being opened (maybe waiting at the navigation gate). */
const placing = new Map<string, Promise<void>>();

async function load(): Promise<LookupTable> {
  entries ??= await readSession(KEY, {});
  return entries;
}

/** Names and ids of customers go with their interaction (historyMinutes), like its variables. */
async function dropForgotten(all: LookupTable): Promise<boolean> {
  let dropped = false;
  for (const [id, entry] of Object.entries(all)) {
    const record = await interactionStore.get(entry.key);
    if (!record || record.forgotten) {
      delete all[id];
      dropped = true;
    }
  }
  return dropped;
}

/** The periodic clean-up, after the interactions' own. */
export async function pruneLookups(): Promise<void> {
  const all = await load();
  if (await dropForgotten(all)) await writeSession({ [KEY]: all });
}

async function save(entry: LookupEntry): Promise<void> {
  const all = await load();
  all[entry.id] = entry;
  await dropForgotten(all);
  const ids = Object.keys(all).sort((a, b) => all[a]!.startedAt - all[b]!.startedAt);
  for (const old of ids.slice(0, Math.max(0, ids.length - MAX_KEPT))) delete all[old];
  await writeSession({ [KEY]: all });
}

/** Merges `patch` into the latest copy of a lookup (the answer and the tab id arrive in either order). */
async function update(id: string, patch: Partial<LookupEntry>): Promise<LookupEntry | undefined> {
  const all = await load();
  const current = all[id];
  if (!current) return undefined;
  const next = { ...current, ...patch };
  all[id] = next;
  await save(next);
  return next;
}

function entryId(key: string, templateId: string): string {
  return `${key}|${templateId}`;
}

export function lookupPageUrl(id: string): string {
  return `${browser.runtime.getURL('src/lookup/index.html')}?id=${encodeURIComponent(id)}`;
}

/** Where the event was heard, and whether it came again after a worker restart. */
export interface LookupAgent {
  windowId?: number;
  tabId?: number;
  redelivered?: boolean;
}

/**
 * The pipeline's tab action for a template with a `lookup`. Its tab opens through the navigation
 * gate of its target like any tab action's (a pop that must wait is pushed to `deferred`), and a
 * re-delivered event finds the tab it already opened (docs/architecture.md, "Delivery protocol").
 */
export async function runLookup(
  template: Template & { lookup: Lookup },
  ctx: RenderContext,
  record: InteractionRecord,
  agent: LookupAgent,
  deferred: Array<Promise<void>>,
): Promise<void> {
  const action = template.action;
  if (action.type !== 'tab') return;
  const id = entryId(record.key, template.id);
  const known = (await load())[id];
  const target = targetName(action.target, ctx);
  const where: Omit<OpenRequest, 'url'> = {
    target,
    action,
    agentWindowId: agent.windowId,
    agentTabId: agent.tabId,
    interactionKey: record.key,
    redelivered: agent.redelivered,
  };
  const open = (url: string) => gatedOpen(id, template, record.key, { ...where, url }, deferred);
  if (known && (known.page.status === 'open' || known.page.status === 'nothing')) {
    // A later phase (or "Open CRM") of the same interaction: the known answer, no second request.
    const url = known.page.status === 'open' ? known.page.url : undefined;
    if (url) await open(url);
    await logDiagnostic({ kind: 'action', key: record.key, code: 'lookupReused', args: [templateLabel(template), url ? target : '—'], ...(url ? { detail: url } : {}) });
    return;
  }
  // Pending or waiting for the agent's choice: the waiting page shows it (chooser included).
  if (known) {
    await update(id, { target, closeOn: action.closeOn });
    await open(lookupPageUrl(id));
    return;
  }
  const entry: LookupEntry = {
    id,
    key: record.key,
    templateId: template.id,
    target,
    windowId: agent.windowId,
    ...(action.closeOn?.length ? { closeOn: action.closeOn } : {}),
    who: shortWho(ctx.vars),
    startedAt: Date.now(),
    phase: ctx.vars.PHASE,
    page: { status: 'pending', who: shortWho(ctx.vars), target },
    vars: {},
  };
  // Known (in memory) and running before the tab exists: the waiting page's first question always
  // finds it, and the request does not wait for the tab.
  (await load())[id] = entry;
  const run = settle(entry, template, template.lookup, ctx).finally(() => inflight.delete(id));
  inflight.set(id, run);
  await open(lookupPageUrl(id));
}

/**
 * Opens `request.url` in the lookup's named tab behind the target's navigation gate; once open,
 * the lookup knows its tab (and window), and `closeOn` is registered for it.
 */
async function gatedOpen(id: string, template: Template, key: string, request: OpenRequest, deferred: Array<Promise<void>>): Promise<void> {
  let done!: () => void;
  const placed = new Promise<void>((resolve) => (done = resolve));
  placing.set(id, placed);
  const finish = () => {
    if (placing.get(id) === placed) placing.delete(id);
    done();
  };
  const after = async (opened: OpenResult | null) => {
    try {
      if (opened) await tabPlaced(id, opened);
      else await logDiagnostic({ kind: 'action', key, code: 'superseded', args: [templateLabel(template), request.target], detail: request.url });
    } finally {
      finish();
    }
  };
  let gated: ReturnType<typeof gateNavigation>;
  try {
    gated = gateNavigation(request.target, () => openInTarget(request));
  } catch (error) {
    finish();
    throw error;
  }
  if ('now' in gated) {
    const opened = await gated.now.catch((error: unknown) => {
      finish();
      throw error;
    });
    await after(opened);
    return;
  }
  // A pop that must wait for the target's gap does not hold up the events behind it.
  deferred.push(
    gated.later.then(after, async (error: unknown) => {
      finish();
      await logDiagnostic({ kind: 'error', key, code: 'deferredPopFailed', args: [templateLabel(template), String(error)] });
    }),
  );
}

/** The named tab opened: remember it, and the window it is in. */
async function tabPlaced(id: string, opened: OpenResult): Promise<void> {
  const panel = opened.outcome === 'shown in the side panel';
  let windowId: number | undefined;
  if (!panel) windowId = await browser.tabs.get(opened.tabId).then((tab) => tab.windowId, () => undefined);
  const next = await update(id, { tabId: opened.tabId, panel, ...(windowId === undefined ? {} : { windowId }) });
  if (next) await closeWhenDue(next);
}

/**
 * `closeOn`: the tab that shows the page the lookup finally opened (record, new contact, fallback)
 * closes at the interaction's end like a plain tab action's, compared by that page's origin.
 */
async function closeWhenDue(entry: LookupEntry): Promise<void> {
  if (!entry.closeOn?.length || entry.panel || entry.tabId === undefined) return;
  if (entry.page.status !== 'open' || !entry.page.url) return;
  await closeLater({ interactionKey: entry.key, tabId: entry.tabId, origin: originOf(entry.page.url), phases: entry.closeOn });
}

async function settle(entry: LookupEntry, template: Template, lookup: Lookup, ctx: RenderContext): Promise<void> {
  const started = Date.now();
  const rendered = lookupRequest(lookup, ctx);
  let answer: LookupAnswer;
  if (!rendered.ok) {
    answer = { ok: false, reason: reasonText('requestNotSent', rendered.reason) };
  } else {
    await logDiagnostic({ kind: 'action', key: entry.key, code: 'lookupSent', args: [templateLabel(template), rendered.request.method, new URL(rendered.request.url).origin] });
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), lookup.request.timeoutMs);
    try {
      answer = await fetchLookup(lookup, rendered.request, ctx.settings, controller.signal);
    } finally {
      clearTimeout(timer);
    }
  }
  const ms = String(Date.now() - started);
  const decision = decide(template, lookup, answer, ctx);
  const count = decision.kind === 'ask' ? decision.choices.length : decision.kind === 'open' ? decision.matches : decision.kind === 'noMatch' ? 0 : decision.matches ?? 0;
  await logDiagnostic(
    answer.ok
      ? { kind: 'action', key: entry.key, code: 'lookupAnswered', args: [templateLabel(template), String(answer.status), ms, String(count)] }
      : { kind: 'error', key: entry.key, code: 'lookupFailed', args: [templateLabel(template), ms, answer.reason] },
  );
  await apply(entry, template, decision);
}

async function apply(entry: LookupEntry, template: Template, decision: LookupDecision): Promise<void> {
  const base = { key: entry.key };
  let page: LookupPageState;
  let vars: Vars = {};
  if (decision.kind === 'open') {
    page = { status: 'open', who: entry.who, target: entry.target, url: decision.urls[0]! };
    vars = decision.vars;
    if (decision.urls.length > 1) {
      // Beside the named tab, in its window (the CRM window under placement "window"): wait for it to open.
      await placing.get(entry.id);
      const windowId = (await load())[entry.id]?.windowId ?? entry.windowId;
      for (const url of decision.urls.slice(1)) {
        await browser.tabs.create({ url, active: false, ...(windowId === undefined ? {} : { windowId }) }).catch(() => undefined);
      }
    }
    await logDiagnostic({ ...base, kind: 'action', code: 'lookupRecord', args: [templateLabel(template), entry.target, String(decision.matches), decision.rule], detail: decision.urls.join('\n') });
  } else if (decision.kind === 'ask') {
    page = { status: 'ask', who: entry.who, target: entry.target, choices: decision.choices.map(({ label, vars: v, url }) => ({ label, fields: Object.entries(v), url })) };
    await logDiagnostic({ ...base, kind: 'action', code: 'lookupChooser', args: [templateLabel(template), String(decision.choices.length), entry.target] });
  } else if (decision.url) {
    page = { status: 'open', who: entry.who, target: entry.target, url: decision.url };
    await logDiagnostic(
      decision.kind === 'noMatch'
        ? { ...base, kind: 'action', code: 'lookupNoMatch', args: [templateLabel(template), entry.target], detail: decision.url }
        : { ...base, kind: 'action', code: 'lookupFallback', args: [templateLabel(template), entry.target, decision.reason], detail: decision.url },
    );
  } else {
    const reason = decision.kind === 'noMatch' ? (decision.reason ? reasonText('noMatchUrlRefused', decision.reason) : reasonText('noMatchNoUrl')) : reasonText('noFallbackUrl', decision.reason);
    page = { status: 'nothing', who: entry.who, target: entry.target, reason };
    await logDiagnostic({ ...base, kind: 'action', code: 'lookupNothing', args: [templateLabel(template), reason] });
  }
  // The latest copy: the tab id arrives once the tab has opened, maybe after the answer.
  const settled = (await update(entry.id, { page, vars })) ?? { ...entry, page, vars };
  if (Object.keys(vars).length) await interactionStore.mergeVars(entry.key, vars);
  await closeWhenDue(settled);
  if (page.status === 'open' && page.url && (await navigateIfWaiting(settled, page.url))) return;
  await announce(settled);
}

/**
 * The quick way to the record: the worker moves the tab itself, but only while it still shows this
 * lookup's waiting page (an agent who moved on is not overridden), never an agent desktop (the tab
 * beside a side panel). False: the tab was left as it is.
 */
async function navigateIfWaiting(entry: LookupEntry, url: string, active = false): Promise<boolean> {
  if (entry.tabId === undefined || entry.panel) return false;
  try {
    const tab = await browser.tabs.get(entry.tabId);
    const showing = tab.pendingUrl || tab.url;
    if (showing !== lookupPageUrl(entry.id) || showsSourcePage(tab as chrome.tabs.Tab)) return false;
    await browser.tabs.update(entry.tabId, active ? { url, active: true } : { url });
    return true;
  } catch {
    return false;
  }
}

/** Tells the waiting page (and the popup) the outcome; nobody listening is fine. */
async function announce(entry: LookupEntry): Promise<void> {
  await browser.runtime.sendMessage({ kind: 'lookup/update', id: entry.id, state: entry.page }).catch(() => undefined);
}

/** What the waiting page shows. */
export async function lookupState(id: string): Promise<LookupPageState | null> {
  const entry = (await load())[id];
  if (!entry) return null;
  // Pending in storage but not running here: the worker restarted mid-request. Ask again.
  if (entry.page.status === 'pending' && !inflight.has(id)) void resumeLookup(entry, currentConfig());
  return entry.page;
}

/** At worker start: every lookup the stopped worker was waiting for is asked again. */
export async function resumeLookups(config: Config): Promise<void> {
  for (const entry of Object.values(await load())) {
    if (entry.page.status === 'pending' && !inflight.has(entry.id)) void resumeLookup(entry, config);
  }
}

/**
 * A search is safe to repeat: the request goes again with the interaction's variables, so the
 * waiting page still becomes the record, the new-contact page or the fallback — never stays.
 */
async function resumeLookup(entry: LookupEntry, config: Config): Promise<void> {
  const record = await interactionStore.get(entry.key);
  const template = config.templates.find((t) => t.id === entry.templateId);
  if (inflight.has(entry.id)) return;
  if (!record || record.forgotten || !template?.lookup) {
    const page: LookupPageState = { ...entry.page, status: 'nothing', reason: reasonText('lookupInterrupted') };
    const stopped = (await update(entry.id, { page })) ?? { ...entry, page };
    await announce(stopped);
    return;
  }
  const event: InteractionEvent = {
    source: record.source,
    interactionId: record.interactionId,
    phase: PHASES.find((p) => p === entry.phase) ?? null,
    channel: record.channel,
    vars: {},
    raw: null,
    vendorType: 'resumed',
  };
  const ctx: RenderContext = { vars: contextVars(event, record.vars, config.settings), raw: null, settings: config.settings };
  const run = settle(entry, template, template.lookup, ctx).finally(() => inflight.delete(entry.id));
  inflight.set(entry.id, run);
  await logDiagnostic({ kind: 'action', key: entry.key, code: 'lookupResumed', args: [templateLabel(template)] });
  await run;
}

/** A template named as the agent typed it, by its id (its id when it has since gone). */
function chosenLabel(templateId: string): string {
  const template = currentConfig().templates.find((t) => t.id === templateId);
  return template ? templateLabel(template) : templateId;
}

/** The agent picked a match (on the waiting page, or in the popup with `navigate`). */
export async function chooseMatch(id: string, index: number, navigate: boolean): Promise<{ ok: true; url: string } | { ok: false; error: string }> {
  const entry = (await load())[id];
  const choice = entry?.page.status === 'ask' ? entry.page.choices?.[index] : undefined;
  if (!entry || !choice) return refusal('choiceGone');
  const vars = Object.fromEntries(choice.fields);
  // From now on the interaction's record is this one: a later phase reopens it, the popup stops offering the choice.
  const chosen = (await update(id, { vars, page: { status: 'open', who: entry.who, target: entry.target, url: choice.url } }))!;
  await interactionStore.mergeVars(entry.key, vars);
  await logDiagnostic({ kind: 'action', key: entry.key, code: 'lookupChosen', args: [chosenLabel(entry.templateId), String(index + 1), String(entry.page.choices?.length ?? 0)], detail: choice.url });
  // Picked on the waiting page itself: that page goes to the record (the same tab).
  if (!navigate) {
    await closeWhenDue(chosen);
    return { ok: true, url: choice.url };
  }
  // Picked in the popup: the tab is moved only while it still shows this lookup's chooser. One the
  // agent has used since, or the agent desktop beside a side panel, is left alone: the record opens
  // where the template's tab action would open it.
  if (await navigateIfWaiting(chosen, choice.url, true)) {
    await closeWhenDue(chosen);
    return { ok: true, url: choice.url };
  }
  const template = currentConfig().templates.find((t) => t.id === entry.templateId);
  if (template?.action.type !== 'tab') return { ok: true, url: choice.url };
  const opened = await openInTarget({
    url: choice.url,
    target: entry.target,
    action: template.action,
    agentWindowId: entry.panel ? entry.windowId : undefined,
    agentTabId: entry.panel ? entry.tabId : undefined,
    interactionKey: entry.key,
  });
  await tabPlaced(id, opened);
  return { ok: true, url: choice.url };
}

/** Open choices per interaction key, for the toolbar popup. */
export async function pendingChoices(): Promise<Map<string, { id: string; labels: string[] }>> {
  const out = new Map<string, { id: string; labels: string[] }>();
  for (const entry of Object.values(await load())) {
    if (entry.page.status === 'ask') {
      out.set(entry.key, { id: entry.id, labels: (entry.page.choices ?? []).map((c) => c.label) });
    }
  }
  return out;
}

/**
 * Before a later phase renders: waits for a lookup of the same interaction still in flight (its
 * deadline bounds the wait) when a matching template uses a lookup variable, then returns the
 * context with every variable the interaction's lookups found.
 */
export async function withLookupVars(ctx: RenderContext, recordKey: string, matched: Template[], config: Config): Promise<RenderContext> {
  const names = new Set(config.templates.flatMap((t) => Object.keys(t.lookup?.vars ?? {})));
  if (!names.size) return ctx;
  const waits = [...inflight.entries()].filter(([id]) => id.startsWith(`${recordKey}|`)).map(([, run]) => run);
  if (waits.length && matched.some((t) => !t.lookup && usesLookupVars(t, names))) await Promise.all(waits);
  const found: Vars = {};
  for (const entry of Object.values(await load())) if (entry.key === recordKey) Object.assign(found, entry.vars);
  return Object.keys(found).length ? lookupContext(ctx, found) : ctx;
}

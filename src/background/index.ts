// The service worker. Every listener is registered synchronously at top level (so a message that
// wakes the worker is never missed) and waits on one `ready` promise; work runs one job at a time
// so that two frames delivering the same event cannot race.
import browser from 'webextension-polyfill';
import './channel-labels';
import { channelLabel } from '../core/interaction-event';
import { KEEPALIVE_PORT, type CommandReply, type InteractionSummary, type PopupReply, type WorkerApi, type WorkerMessage } from '../core/worker-api';
import { refusal } from '../core/reply-codes';
import { linkTemplates, templateLabel, whyNothingOnDemand } from '../core/on-demand';
import { handleIgnored, trustOrigin } from './ignored-origins';
import { readStatus, scheduleBadge } from './status';
import { flushOutbox, OUTBOX_ALARM } from './actions/outbox';
import { forgetPendingClose } from './actions/close-on';
import { rememberCrmWindowBounds } from './actions/crm-window';
import { forgetNotification, openFromNotification } from './actions/notify';
import { applySidePanelFraming } from './actions/sidepanel-framing';
import { forgetTab, titleLoadedTab } from './actions/targets';
import { configForPages, confirmEmptyPolicy, undoLastSave, currentConfig, loadConfig, onConfigApplied, onStorageChanged, saveUserConfig, setAgentPaused } from './config-store';
import { POLICY_CONFIRM_ALARM } from './policy-store';
import { logDiagnostic, readDiagnostics } from './diagnostics';
import { sessionSnapshot, sessionWritten } from './session';
import { interactionStore } from './interaction-records';
import type { InteractionRecord } from '../core/interaction-state';
import { handleBridgeMessage, onDemandEvent, popOnDemand, renderContext } from './pipeline';
import { handleRescue } from './rescue';
import { matchTemplates, renderUrl } from '../core/templates';
import { testPop } from './test-pop';
import { chooseMatch, lookupState, pendingChoices, pruneLookups, resumeLookups } from './lookup';
import { signInForLookup, tryLookup } from './lookup-try';

onConfigApplied((config) => void applySidePanelFraming(config).catch((error: unknown) => console.error('Side panel framing rules not applied', error)));
// The session snapshot (interaction state, target tabs, log) is read alongside the configuration:
// one read each, in parallel, before the first message is looked at.
const ready = Promise.all([loadConfig(), sessionSnapshot()]).then(
  () => void (stats.readyMs = performance.now()),
  (error: unknown) => console.error('CRM Screenpop could not load its configuration', error),
);

/** What `npm run bench` reads from the worker: time to ready, and worker time spent on bridge messages. */
const stats = { evaluatedMs: performance.now(), readyMs: 0, bridgeMessages: 0, bridgeBusyMs: 0 };
(globalThis as { crmScreenpopStats?: typeof stats }).crmScreenpopStats = stats;

async function timed<T>(job: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await job();
  } finally {
    stats.bridgeMessages++;
    stats.bridgeBusyMs += performance.now() - started;
  }
}

let queue: Promise<unknown> = Promise.resolve();
/** Runs `job` after every job queued before it, once the worker is ready. */
function serial<T>(job: () => Promise<T>): Promise<T> {
  const run = queue.then(() => ready).then(job);
  queue = run.catch(() => undefined);
  // Whatever a job changed (an interaction, pause, a source's health) the badge shows next.
  void queue.then(() => scheduleBadge(currentConfig));
  return run;
}

type MessageSender = browser.Runtime.MessageSender;
type Handlers = {
  [K in keyof WorkerApi]: (message: WorkerApi[K]['message'], sender: MessageSender) => Promise<WorkerApi[K]['reply']>;
};
const done = async (work: Promise<unknown>): Promise<CommandReply> => {
  await work;
  return { ok: true };
};

const fromTab = (sender: MessageSender) => ({ frameUrl: sender.url, tabId: sender.tab?.id, windowId: sender.tab?.windowId });

const messageHandlers = {
  // The reply is the bridge's acknowledgement: sent once the actions ran and what fired is stored,
  // so that a worker dying before then gets the message again (docs/architecture.md).
  bridge: (message, sender) =>
    done(
      serial(() => timed(() => handleBridgeMessage(message, fromTab(sender))))
        .then((handled) => handled.settled)
        .then(sessionWritten),
    ),
  'bridge/dropped': (message) => done(logDropped(message)),
  rescue: (message, sender) => done(serial(() => handleRescue(message, fromTab(sender)))),
  'config/save': (message) => serial(() => saveUserConfig(message.config)),
  'config/get': () => serial(async () => configForPages()),
  'config/undo': () => serial(undoLastSave),
  'bridge/ignored': (message, sender) => done(serial(() => handleIgnored(message, sender.url))),
  'status/get': () => serial(() => readStatus(currentConfig())),
  'source/trust': (message) => serial(() => trustOrigin(message.sourceId, message.origin)),
  'interaction/pop': (message) =>
    serial(async (): Promise<PopupReply> => {
      const record = await interactionStore.get(message.key);
      if (!record) return { ok: false, code: 'popupGone', args: [] };
      const { outcome, results } = await popOnDemand(record, currentConfig());
      if (outcome.kind === 'noMatch') return { ok: false, ...whyNothingOnDemand(results, record.channel) };
      return { ok: outcome.kind === 'popped', code: `popupOutcome_${outcome.kind}`, args: [outcome.templates.join(', ')] };
    }),
  'interaction/link': (message) =>
    serial(async (): Promise<PopupReply> => {
      const record = await interactionStore.get(message.key);
      if (!record) return { ok: false, code: 'popupGone', args: [] };
      return linkFor(record);
    }),
  'interaction/list': () => serial(listInteractions),
  'diagnostics/get': () => serial(async () => ({ entries: await readDiagnostics(), policy: configForPages().policy })),
  'agent/pause': (message) => done(serial(() => setAgentPaused(message.paused))),
  'template/test': (message) => serial(() => testPop(message)),
  // Outside the queue: the waiting page must not wait behind the lookup it is waiting for.
  'lookup/state': async (message) => ({ ok: true, state: await ready.then(() => lookupState(message.id)) }),
  'lookup/choose': (message) => chooseMatch(message.id, message.index, message.navigate === true),
  'lookup/try': (message) => ready.then(() => tryLookup(message)),
  'lookup/signin': (message) => signInForLookup(message),
} satisfies Handlers;

/** "Copy link": the page the first template matching the on-demand event opens, nothing else. */
function linkFor(record: InteractionRecord): PopupReply {
  const config = currentConfig();
  const event = onDemandEvent(record);
  const ctx = renderContext(event, record, config);
  const results = matchTemplates(config.templates, event, ctx.vars);
  const templates = linkTemplates(results);
  if (!results.some((r) => r.matched)) return { ok: false, ...whyNothingOnDemand(results, record.channel) };
  if (!templates.length) return { ok: false, code: 'linkNoPage', args: [] };
  const template = templates[0]!;
  const rendered = renderUrl(template, ctx);
  if (!rendered.ok) return { ok: false, code: 'linkRefused', args: [templateLabel(template), rendered.reason] };
  return { ok: true, code: 'popupCopied', args: [templateLabel(template)], url: rendered.url };
}

async function listInteractions(): Promise<InteractionSummary[]> {
  const labels = currentConfig().settings.channelLabels;
  const choices = await pendingChoices();
  return (await interactionStore.list())
    .filter((record) => !record.forgotten && record.phase !== null)
    .map((record) => ({
      key: record.key,
      source: record.source,
      channel: record.channel,
      channelLabel: channelLabel(record.channel, labels),
      who: record.vars.ANI ?? record.vars.EMAIL ?? record.vars.CUID ?? '',
      phase: record.phase!,
      updatedAt: record.updatedAt,
      ...(choices.has(record.key) ? { choices: choices.get(record.key)! } : {}),
      ...(record.outcome ? { outcome: record.outcome } : {}),
    }));
}

/** What the bridge dropped since its last report (a low-rate summary, never one line per drop). */
async function logDropped(message: Extract<WorkerMessage, { kind: 'bridge/dropped' }>) {
  const shape = Math.max(0, Math.floor(Number(message.shape) || 0));
  const rate = Math.max(0, Math.floor(Number(message.rate) || 0));
  if (shape + rate === 0) return;
  await logDiagnostic({ kind: 'ignored', code: 'bridgeDropped', args: [String(message.sourceId).slice(0, 64), String(shape), String(rate)] });
}

const CONTENT_KINDS: ReadonlySet<WorkerMessage['kind']> = new Set(['bridge', 'rescue', 'bridge/dropped', 'bridge/ignored']);

function isWorkerMessage(message: unknown): message is WorkerMessage {
  return typeof message === 'object' && message !== null && (message as { kind?: unknown }).kind as string in messageHandlers;
}

browser.runtime.onMessage.addListener((message: unknown, sender: MessageSender) => {
  if (!isWorkerMessage(message)) return undefined;
  // Only our own pages may change settings; content scripts may only bridge and rescue.
  const fromContent = sender.tab !== undefined && !sender.url?.startsWith(browser.runtime.getURL(''));
  if (fromContent && !CONTENT_KINDS.has(message.kind)) return undefined;
  // The map pairs each kind with its handler; TypeScript cannot follow the pairing through the union.
  const handler = messageHandlers[message.kind] as (m: WorkerMessage, s: MessageSender) => Promise<unknown>;
  return handler(message, sender).then(
    (reply) => reply ?? { ok: true },
    (error: unknown) => refusal('failed', String(error)),
  );
});

// A source page holds this port open while it is open, so that the agent's pops are warm pops:
// every ping resets the worker's idle timer. Nothing to do here but listen.
chrome.runtime.onConnect.addListener((port) => {
  if (port.name !== KEEPALIVE_PORT) return;
  port.onMessage.addListener(() => undefined);
  // A source page opened or left: the badge's "nothing heard" warning follows it.
  void ready.then(() => scheduleBadge(currentConfig));
  port.onDisconnect.addListener(() => void ready.then(() => scheduleBadge(currentConfig)));
});

browser.storage.onChanged.addListener((changes, area) => {
  // The worker's own session writes (several a second under load) must not queue jobs before pops.
  if (area === 'session') return;
  void serial(() => onStorageChanged(changes, area));
});

browser.tabs.onRemoved.addListener((tabId) => {
  void serial(async () => {
    await forgetTab(tabId);
    await forgetPendingClose(tabId);
  });
});

chrome.windows.onBoundsChanged.addListener((window) => {
  if (window.id !== undefined) void serial(() => rememberCrmWindowBounds(window.id!));
});

const openNotified = (id: string) =>
  void serial(async () => {
    const opened = await openFromNotification(id);
    if (opened) await logDiagnostic({ kind: 'action', code: 'notificationOpened', args: [opened.target, opened.outcome] });
  });
chrome.notifications.onClicked.addListener(openNotified);
chrome.notifications.onButtonClicked.addListener((id) => openNotified(id));
chrome.notifications.onClosed.addListener((id) => void serial(() => forgetNotification(id)));

browser.tabs.onUpdated.addListener((tabId, change) => {
  // Only reads the registry: it need not wait in the queue, nor hold up a pop behind it.
  if (change.status === 'complete') void ready.then(() => titleLoadedTab(tabId));
});

browser.commands.onCommand.addListener((command) => {
  if (command !== 'pop-on-demand') return;
  void serial(async () => {
    const [latest] = (await interactionStore.list()).filter((r) => r.endedAt === null);
    if (latest) await popOnDemand(latest, currentConfig());
  });
});

const PRUNE_ALARM = 'prune-history';
// Webhooks waiting in the outbox are retried when the worker starts (browser start included) and
// when the outbox's alarm rings; after `ready`, since their credentials come from the
// configuration, but not in `serial`: a slow receiver must not hold up a pop.
const alarmHandlers: Record<string, () => void> = {
  [PRUNE_ALARM]: () =>
    void serial(async () => {
      await interactionStore.prune(currentConfig());
      await pruneLookups();
    }),
  [OUTBOX_ALARM]: () => void ready.then(flushOutbox),
  [POLICY_CONFIRM_ALARM]: () => void serial(confirmEmptyPolicy),
};
browser.alarms.onAlarm.addListener((alarm) => alarmHandlers[alarm.name]?.());
void browser.alarms.create(PRUNE_ALARM, { periodInMinutes: 1 });
browser.runtime.onStartup.addListener(() => void ready.then(flushOutbox));
// Behind the first pop: a worker woken by an event serves that event first.
setTimeout(() => void ready.then(flushOutbox), 1_000);
// Lookups the stopped worker was waiting for: their waiting pages must still become a page.
void ready.then(() => resumeLookups(currentConfig()));
// After a browser start the badge is blank: show the paused state or a warning from the start.
void ready.then(() => scheduleBadge(currentConfig));

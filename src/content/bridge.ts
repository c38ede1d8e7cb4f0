// The bridge: hears the agent web client's postMessage events on a configured source page and
// forwards the ones from trusted origins to the service worker. Tiny on purpose: no framework,
// no validation library — the worker validates everything again.
//
// Delivery (docs/architecture.md, "Delivery protocol"): each message stays queued here until the
// worker's reply acknowledges it, and is sent again, in order, when the worker died before
// replying. While the page is open a port keeps the worker warm.
import {
  BRIDGE_TABLE_KEY,
  KEEPALIVE_PORT,
  RESCUE_EVENT,
  RESCUE_HANDSHAKE_EVENT,
  RESCUE_READY_EVENT,
  type BridgeMessage,
  type BridgeRule,
  type IgnoredMessage,
  type RescueMessage,
} from '../core/worker-api';
import { matchesOrigin, matchesPage } from '../core/patterns';
import { mayBeEvent } from './shape';

/** Larger messages are dropped: no vendor event comes near it, a flood would. */
export const MAX_MESSAGE_CHARS = 256 * 1024;
const MAX_EARLY_MESSAGES = 100;
/** Messages waiting for the worker's acknowledgement; in a storm the oldest are dropped. */
const MAX_PENDING = 100;
const IN_FLIGHT = 16;
/** Longer than any pop may take (a lookup waits at most 10 s): then the message is sent again. */
const ACK_TIMEOUT_MS = 15_000;
/** Per source: messages forwarded per second, and the burst allowed above it. */
const RATE_PER_SECOND = 100;
const DROP_REPORT_MS = 10_000;
/** Under Chrome's 30 s idle limit; the port itself is renewed before its 5 min limit. */
const PING_MS = 20_000;
const PORT_RENEW_MS = 4 * 60_000;
/** An untrusted origin is reported to the worker at most this often (it only explains, never acts). */
const IGNORED_REPORT_MS = 10_000;

type Guarded = typeof globalThis & { __crmScreenpopBridge?: true };

function start(): void {
  const scope = globalThis as Guarded;
  // The worker also injects the bridge into tabs that were open before a source was configured.
  if (scope.__crmScreenpopBridge) return;
  scope.__crmScreenpopBridge = true;

  let rules: BridgeRule[] | null = null;
  const early: MessageEvent[] = [];
  const pending: Array<BridgeMessage | RescueMessage> = [];
  const inFlight = new Set<BridgeMessage | RescueMessage>();
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  const tokens = new Map<string, { left: number; at: number }>();
  const dropped = new Map<string, { shape: number; rate: number }>();
  let reportTimer: ReturnType<typeof setTimeout> | undefined;
  const reportedAt = new Map<string, number>();

  const onMessage = (event: MessageEvent) => {
    if (rules === null) {
      if (early.length < MAX_EARLY_MESSAGES) early.push(event);
      return;
    }
    handle(event);
  };

  const handle = (event: MessageEvent) => {
    if (!rules?.length || !postedByThisPage(event)) return;
    const origin = event.origin;
    const accepted = rules.filter((rule) =>
      rule.senders.length === 0 ? origin === location.origin : rule.senders.some((p) => matchesOrigin(p, origin)),
    );
    if (!accepted.length) return reportIgnored(origin, event.data);
    // Shape first, on the structured clone the page posted: junk costs no copy.
    const parsed = typeof event.data === 'string' ? readData(event.data) : (event.data as unknown);
    for (const rule of accepted) {
      if (parsed === undefined || !mayBeEvent(rule, parsed)) drop(rule.sourceId, 'shape');
      else if (!takeToken(rule.sourceId)) drop(rule.sourceId, 'rate');
      else {
        const data = typeof event.data === 'string' ? parsed : readData(parsed);
        if (data === undefined) drop(rule.sourceId, 'shape');
        else forward({ kind: 'bridge', sourceId: rule.sourceId, origin, data });
      }
    }
  };

  const reportIgnored = (origin: string, posted: unknown) => {
    const now = Date.now();
    if (now - (reportedAt.get(origin) ?? -Infinity) < IGNORED_REPORT_MS || reportedAt.size > 50) return;
    const data = readData(posted);
    if (data === undefined || !rules?.length) return;
    reportedAt.set(origin, now);
    const message: IgnoredMessage = { kind: 'bridge/ignored', sourceIds: rules.map((r) => r.sourceId), origin, data };
    // Only an explanation for the agent: never re-delivered, never waited for.
    if (chrome.runtime?.id) chrome.runtime.sendMessage(message).catch(() => undefined);
  };

  // Only the first hand-over counts: it comes at document_start, before any page script.
  let rescueChannel: Element | null = null;
  const onHandshake = (event: Event) => {
    if (rescueChannel || !(event instanceof MouseEvent) || !(event.relatedTarget instanceof Element)) return;
    rescueChannel = event.relatedTarget;
    rescueChannel.addEventListener(RESCUE_EVENT, onRescue);
    event.preventDefault();
  };

  const takeToken = (sourceId: string) => {
    const now = Date.now();
    const bucket = tokens.get(sourceId) ?? { left: RATE_PER_SECOND, at: now };
    bucket.left = Math.min(RATE_PER_SECOND, bucket.left + ((now - bucket.at) / 1000) * RATE_PER_SECOND);
    bucket.at = now;
    tokens.set(sourceId, bucket);
    if (bucket.left < 1) return false;
    bucket.left -= 1;
    return true;
  };

  const drop = (sourceId: string, why: 'shape' | 'rate') => {
    const counts = dropped.get(sourceId) ?? { shape: 0, rate: 0 };
    counts[why]++;
    dropped.set(sourceId, counts);
    // Reported at a low rate: a flood must not become a flood of reports.
    reportTimer ??= setTimeout(() => {
      reportTimer = undefined;
      for (const [id, { shape, rate }] of dropped) {
        chrome.runtime.sendMessage({ kind: 'bridge/dropped', sourceId: id, shape, rate }).catch(() => undefined);
      }
      dropped.clear();
    }, DROP_REPORT_MS);
  };

  const forward = (message: BridgeMessage | RescueMessage) => {
    pending.push(message);
    if (pending.length > MAX_PENDING) drop(pending.shift()!.sourceId, 'rate');
    pump();
  };

  /**
   * Sends in order, up to IN_FLIGHT unacknowledged at once (so that a storm reaches the worker's
   * per-target gate, where the newest pop wins); a message leaves the queue once acknowledged.
   * When the worker dies every unacknowledged message is sent again, oldest first.
   */
  const pump = () => {
    if (!chrome.runtime?.id) return teardown();
    if (retryTimer !== undefined) return;
    for (const message of pending) {
      if (inFlight.size >= IN_FLIGHT) return;
      if (inFlight.has(message)) continue;
      inFlight.add(message);
      // A reply that never comes (a worker killed at the wrong moment) counts as a failure too.
      Promise.race([
        chrome.runtime.sendMessage(message),
        new Promise((_, reject) => setTimeout(() => reject(new Error('no acknowledgement')), ACK_TIMEOUT_MS)),
      ])
        .then((reply) => {
          // The worker always replies with an object. Nothing (a worker stopped with the message
          // in hand closes the channel, and Chrome resolves with no reply) is no acknowledgement.
          if (!reply) throw new Error('no acknowledgement');
        })
        .then(
          () => {
            inFlight.delete(message);
            const at = pending.indexOf(message);
            if (at >= 0) pending.splice(at, 1);
            failures = 0;
            pump();
          },
          (error: unknown) => {
            inFlight.delete(message);
            if (String(error).includes('Extension context invalidated')) return teardown();
            // The worker died before acknowledging, or is starting: deliver again. It drops a
            // message whose actions already ran.
            message.redelivered = true;
            retryTimer ??= setTimeout(() => {
              retryTimer = undefined;
              pump();
            }, Math.min(1000, 50 * 2 ** failures++));
          },
        );
    }
  };

  let port: chrome.runtime.Port | undefined;
  let pingTimer: ReturnType<typeof setInterval> | undefined;
  const keepWarm = () => {
    if (port || !rules?.length || !chrome.runtime?.id) return;
    const opened = chrome.runtime.connect({ name: KEEPALIVE_PORT });
    port = opened;
    const closed = (delay: number) => {
      clearTimeout(renew);
      if (port !== opened) return;
      port = undefined;
      // A worker that stopped (crash, update) is woken again; anything unacknowledged goes again.
      setTimeout(() => {
        keepWarm();
        pump();
      }, delay);
    };
    // Our own disconnect() does not fire onDisconnect on this side.
    const renew = setTimeout(() => {
      opened.disconnect();
      closed(0);
    }, PORT_RENEW_MS);
    opened.onDisconnect.addListener(() => closed(1000));
    pingTimer ??= setInterval(() => {
      try {
        port?.postMessage('ping');
      } catch {
        port = undefined;
        keepWarm();
      }
    }, PING_MS);
  };

  const onRescue = (event: Event) => {
    if (!rules?.length || !(event instanceof CustomEvent) || typeof event.detail !== 'string') return;
    const detail = readData(event.detail) as { url?: unknown; target?: unknown } | undefined;
    if (typeof detail?.url !== 'string') return;
    const target = typeof detail.target === 'string' ? detail.target.slice(0, 200) : '';
    // An id for the worker to know a re-delivery (randomUUID is for secure contexts only).
    const id = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
    for (const rule of rules) forward({ kind: 'rescue', sourceId: rule.sourceId, url: detail.url, target, id: `${id}-${rule.sourceId}` });
  };

  const applyTable = (table: unknown) => {
    const all = Array.isArray(table) ? (table as BridgeRule[]) : [];
    rules = all.filter((rule) => rule.pages.some((page) => matchesPage(page, location.href)));
    keepWarm();
  };

  const onStorage = (changes: Record<string, chrome.storage.StorageChange>, area: string) => {
    if (area === 'local' && BRIDGE_TABLE_KEY in changes) applyTable(changes[BRIDGE_TABLE_KEY]?.newValue);
  };

  const teardown = () => {
    window.removeEventListener('message', onMessage);
    document.removeEventListener(RESCUE_HANDSHAKE_EVENT, onHandshake);
    rescueChannel?.removeEventListener(RESCUE_EVENT, onRescue);
    clearInterval(pingTimer);
    pending.length = 0;
    try {
      chrome.storage.onChanged.removeListener(onStorage);
    } catch {
      // The extension is gone: nothing left to detach from.
    }
  };

  window.addEventListener('message', onMessage);
  document.addEventListener(RESCUE_HANDSHAKE_EVENT, onHandshake);
  document.dispatchEvent(new CustomEvent(RESCUE_READY_EVENT));
  chrome.storage.onChanged.addListener(onStorage);
  chrome.storage.local.get(BRIDGE_TABLE_KEY).then(
    (stored) => {
      applyTable(stored[BRIDGE_TABLE_KEY]);
      early.splice(0).forEach(handle);
    },
    () => teardown(),
  );
}

/**
 * A page script or another extension can dispatch a MessageEvent with any origin and source, but
 * only a real postMessage is trusted; and only a window of this page (itself or a frame) counts as
 * a sender, not an opener or a popup that happens to share the vendor's origin.
 */
export function postedByThisPage(event: MessageEvent): boolean {
  return event.isTrusted && event.source !== null && isThisPageWindow(event.source, window, 0);
}

const MAX_FRAME_DEPTH = 6;

function isThisPageWindow(source: MessageEventSource, root: Window, depth: number): boolean {
  if (source === root) return true;
  if (depth >= MAX_FRAME_DEPTH) return false;
  // Cross-origin frames still expose `length` and indexed frames, so the walk needs no access rights.
  for (let i = 0; i < Math.min(root.length, 50); i++) {
    const frame = root[i];
    if (frame && isThisPageWindow(source, frame, depth + 1)) return true;
  }
  return false;
}

/** The vendor message as a plain object, or undefined when it is not one we could forward. */
export function readData(data: unknown): unknown {
  if (typeof data === 'string') {
    if (data.length > MAX_MESSAGE_CHARS) return undefined;
    try {
      const parsed: unknown = JSON.parse(data);
      return parsed !== null && typeof parsed === 'object' ? parsed : undefined;
    } catch {
      return undefined;
    }
  }
  if (data === null || typeof data !== 'object') return undefined;
  try {
    const json = JSON.stringify(data);
    return json.length <= MAX_MESSAGE_CHARS ? (JSON.parse(json) as unknown) : undefined;
  } catch {
    return undefined; // cyclic, or not JSON-able
  }
}

if (typeof chrome !== 'undefined' && chrome.runtime?.id) start();

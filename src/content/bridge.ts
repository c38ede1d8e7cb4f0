// The bridge: hears the agent web client's postMessage events on a configured source page and
// forwards the ones from trusted origins to the service worker. Tiny on purpose: no framework,
// no validation library — the worker validates everything again.
import {
  BRIDGE_TABLE_KEY,
  RESCUE_EVENT,
  RESCUE_HANDSHAKE_EVENT,
  RESCUE_READY_EVENT,
  type BridgeMessage,
  type BridgeRule,
  type IgnoredMessage,
  type RescueMessage,
} from '../core/worker-api';
import { matchesOrigin, matchesPage } from '../core/patterns';

/** Larger messages are dropped: no vendor event comes near it, a flood would. */
export const MAX_MESSAGE_CHARS = 256 * 1024;
const MAX_EARLY_MESSAGES = 100;
const SEND_ATTEMPTS = 6;
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
  let sending: Promise<void> = Promise.resolve();
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
    const data = readData(event.data);
    if (data === undefined) return;
    if (!accepted.length) return reportIgnored(origin, data);
    for (const rule of accepted) {
      const message: BridgeMessage = { kind: 'bridge', sourceId: rule.sourceId, origin, data };
      // One at a time, in order: RINGING must reach the worker before ESTABLISHED.
      sending = sending.then(() => send(message));
    }
  };

  const reportIgnored = (origin: string, data: unknown) => {
    const now = Date.now();
    if (now - (reportedAt.get(origin) ?? -Infinity) < IGNORED_REPORT_MS || reportedAt.size > 50) return;
    reportedAt.set(origin, now);
    const message: IgnoredMessage = { kind: 'bridge/ignored', sourceIds: rules!.map((r) => r.sourceId), origin, data };
    sending = sending.then(() => send(message));
  };

  // Only the first hand-over counts: it comes at document_start, before any page script.
  let rescueChannel: Element | null = null;
  const onHandshake = (event: Event) => {
    if (rescueChannel || !(event instanceof MouseEvent) || !(event.relatedTarget instanceof Element)) return;
    rescueChannel = event.relatedTarget;
    rescueChannel.addEventListener(RESCUE_EVENT, onRescue);
    event.preventDefault();
  };

  const onRescue = (event: Event) => {
    if (!rules?.length || !(event instanceof CustomEvent) || typeof event.detail !== 'string') return;
    const detail = readData(event.detail) as { url?: unknown; target?: unknown } | undefined;
    if (typeof detail?.url !== 'string') return;
    const target = typeof detail.target === 'string' ? detail.target.slice(0, 200) : '';
    for (const rule of rules) {
      const message: RescueMessage = { kind: 'rescue', sourceId: rule.sourceId, url: detail.url, target };
      sending = sending.then(() => send(message));
    }
  };

  const applyTable = (table: unknown) => {
    const all = Array.isArray(table) ? (table as BridgeRule[]) : [];
    rules = all.filter((rule) => rule.pages.some((page) => matchesPage(page, location.href)));
  };

  const onStorage = (changes: Record<string, chrome.storage.StorageChange>, area: string) => {
    if (area === 'local' && BRIDGE_TABLE_KEY in changes) applyTable(changes[BRIDGE_TABLE_KEY]?.newValue);
  };

  const teardown = () => {
    window.removeEventListener('message', onMessage);
    document.removeEventListener(RESCUE_HANDSHAKE_EVENT, onHandshake);
    rescueChannel?.removeEventListener(RESCUE_EVENT, onRescue);
    try {
      chrome.storage.onChanged.removeListener(onStorage);
    } catch {
      // The extension is gone: nothing left to detach from.
    }
  };

  const send = async (message: BridgeMessage | IgnoredMessage | RescueMessage) => {
    for (let attempt = 0; attempt < SEND_ATTEMPTS; attempt++) {
      if (!chrome.runtime?.id) return teardown();
      try {
        await chrome.runtime.sendMessage(message);
        return;
      } catch (error) {
        if (String(error).includes('Extension context invalidated')) return teardown();
        // The worker is starting or restarting: wait and deliver again. It drops duplicates.
        await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
      }
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

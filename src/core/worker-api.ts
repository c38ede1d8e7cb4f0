// Every runtime message the service worker understands and what it answers, in one place: the
// worker's handler map is typed against WorkerApi, and pages call it through one typed send().
import type { Config } from './config';
import type { DiagnosticCode } from './diagnostic-codes';
import type { Phase } from './interaction-event';
import type { Outcome } from './interaction-state';
import type { Notice } from './on-demand';
import type { Refusal } from './reply-codes';
import type { MatchWhy } from './templates';

/** Content script → worker: a vendor message heard on a source page. */
export interface BridgeMessage {
  kind: 'bridge';
  sourceId: string;
  /** Origin of the window that posted the message (already checked against `senders`). */
  origin: string;
  /** The vendor message: an object, or the parsed JSON string. */
  data: unknown;
  /** Sent again: the worker died before acknowledging it (its actions may have run). */
  redelivered?: true;
}

/** Content script → worker, at most every few seconds: what the bridge dropped and why. */
export interface BridgeDroppedMessage {
  kind: 'bridge/dropped';
  sourceId: string;
  /** Not the shape of an event of the source's adapter. */
  shape: number;
  /** Over the source's rate bound, or pushed out of a full queue. */
  rate: number;
}

/** Name of the port a source page holds open to keep the worker warm. */
export const KEEPALIVE_PORT = 'keepalive';

/**
 * Content script → worker: a message the bridge dropped because its origin is not trusted by the
 * sources of the page (at most one per origin every few seconds). The worker only checks whether
 * it looks like a vendor event, to tell the agent which origin to trust; it never acts on it.
 */
export interface IgnoredMessage {
  kind: 'bridge/ignored';
  sourceIds: string[];
  origin: string;
  data: unknown;
}

/** Content script → worker: a `window.open` that Chrome's popup blocker refused. */
export interface RescueMessage {
  kind: 'rescue';
  sourceId: string;
  url: string;
  target: string;
  /** Names this rescue across re-deliveries (the bridge's; absent from older bridges). */
  id?: string;
  /** Sent again after a worker death: this very rescue may already have opened its tab. */
  redelivered?: boolean;
}

/** Options page → worker: validate and store a configuration document. */
export interface SaveConfigMessage {
  kind: 'config/save';
  config: unknown;
}

/** Popup / shortcut → worker: pop an interaction on demand. */
export interface OnDemandMessage {
  kind: 'interaction/pop';
  key: string;
}

export interface CopyLinkMessage {
  kind: 'interaction/link';
  key: string;
}

export interface ListInteractionsMessage {
  kind: 'interaction/list';
}

export interface DiagnosticsMessage {
  kind: 'diagnostics/get';
}

/** The agent's own switch: honoured whatever the policy says (an admin cannot un-pause an agent). */
export interface PauseMessage {
  kind: 'agent/pause';
  paused: boolean;
}

/** Options page / popup → worker: the configuration as the pages show it. */
export interface GetConfigMessage {
  kind: 'config/get';
}

/** Options page → worker: put back the document the last save replaced. */
export interface UndoSaveMessage {
  kind: 'config/undo';
}

/** Popup → worker: the sources' health, the badge's reasons. */
export interface StatusMessage {
  kind: 'status/get';
}

/** Popup → worker: add an ignored origin to a source's trusted senders. */
export interface TrustOriginMessage {
  kind: 'source/trust';
  sourceId: string;
  origin: string;
}

/** Options page → worker: run one (unsaved) template for real on a sample Interaction event. */
export interface TestPopMessage {
  kind: 'template/test';
  template: unknown;
  event: unknown;
}

export type TestPopReply = { ok: true; outcome: string; url?: string; text?: string } | Refusal;

/** The waiting page of a lookup asks what to show. */
export interface LookupStateMessage {
  kind: 'lookup/state';
  id: string;
}

/** The agent picked a match (waiting page; popup with `navigate`, which moves the named tab). */
export interface LookupChooseMessage {
  kind: 'lookup/choose';
  id: string;
  index: number;
  navigate?: boolean;
}

/** Options page "Try it": runs an unsaved template's lookup against the real API. */
export interface LookupTryMessage {
  kind: 'lookup/try';
  template: unknown;
  vars: Record<string, string>;
}

/** Options page: sign in to the OAuth 2.0 server of a template's lookup. */
export interface LookupSignInMessage {
  kind: 'lookup/signin';
  template: unknown;
}

/** What a lookup's waiting page shows; `open`: it navigates to `url`. */
export interface LookupPageState {
  status: 'pending' | 'open' | 'ask' | 'nothing';
  /** The shortened number or address ("+39 333 …"). */
  who: string;
  target: string;
  url?: string;
  choices?: Array<{ label: string; fields: Array<[string, string]>; url: string }>;
  reason?: string;
}

/** Worker → pages (broadcast, not a WorkerApi request): a lookup settled. */
export interface LookupUpdate {
  kind: 'lookup/update';
  id: string;
  state: LookupPageState;
}

export type LookupStateReply = { ok: true; state: LookupPageState | null };

export type LookupTryReply =
  | { ok: true; status?: number; response: string; matches: Array<{ label: string; vars: Record<string, string> }>; outcome: string; url?: string; reason?: string }
  | Refusal;

/** Any message the worker understands. */
export type WorkerMessage = WorkerApi[WorkerKind]['message'];

export type SaveConfigReply = { ok: true } | Refusal;

export type LinkReply = { ok: true; url: string } | Refusal;

/** The plain answer of a command: done, or why not (the pages translate it: src/options/refusal-text.ts). */
export type CommandReply = { ok: true } | Refusal;


/** What an admin's policy does to this agent's extension, as the pages show it. */
export interface PolicyInfo {
  /** A policy configuration is in force. */
  managed: boolean;
  locked: boolean;
  allowUserTemplates: boolean;
  /** Why the admin's document was rejected (the last valid one stays in force). */
  error: string | null;
}

export interface ConfigReply {
  /** The agent's own document (what the options page edits). */
  user: Config;
  /** The admin's document, when a policy sets one. */
  managed: Config | null;
  policy: PolicyInfo;
  /** The agent's pause switch, or the document's `settings.paused`. */
  paused: boolean;
  /** "Undo last save" has something to put back. */
  canUndo: boolean;
}

export interface DiagnosticsReply {
  entries: DiagnosticEntry[];
  policy: PolicyInfo;
}

/** Each message kind with the reply the worker gives it. */
export interface WorkerApi {
  bridge: { message: BridgeMessage; reply: CommandReply };
  'bridge/dropped': { message: BridgeDroppedMessage; reply: CommandReply };
  rescue: { message: RescueMessage; reply: CommandReply };
  'config/save': { message: SaveConfigMessage; reply: SaveConfigReply };
  'config/get': { message: GetConfigMessage; reply: ConfigReply };
  'config/undo': { message: UndoSaveMessage; reply: SaveConfigReply };
  'bridge/ignored': { message: IgnoredMessage; reply: CommandReply };
  'status/get': { message: StatusMessage; reply: StatusReply };
  'source/trust': { message: TrustOriginMessage; reply: SaveConfigReply };
  'interaction/pop': { message: OnDemandMessage; reply: PopupReply };
  'interaction/link': { message: CopyLinkMessage; reply: PopupReply };
  'interaction/list': { message: ListInteractionsMessage; reply: InteractionSummary[] };
  'diagnostics/get': { message: DiagnosticsMessage; reply: DiagnosticsReply };
  'agent/pause': { message: PauseMessage; reply: CommandReply };
  'template/test': { message: TestPopMessage; reply: TestPopReply };
  'lookup/state': { message: LookupStateMessage; reply: LookupStateReply };
  'lookup/choose': { message: LookupChooseMessage; reply: LinkReply };
  'lookup/try': { message: LookupTryMessage; reply: LookupTryReply };
  'lookup/signin': { message: LookupSignInMessage; reply: CommandReply };
}

export type WorkerKind = keyof WorkerApi;
export type WorkerReply<K extends WorkerKind> = WorkerApi[K]['reply'];

/** An interaction as the toolbar popup lists it. */
export interface InteractionSummary {
  /** `source/interactionId`. */
  key: string;
  source: string;
  channel: string;
  channelLabel: string;
  /** Number or address of the customer, when known. */
  who: string;
  phase: Phase;
  updatedAt: number;
  /** A lookup found several matches and waits for the agent's choice. */
  choices?: { id: string; labels: string[] };
  /** What the extension did for it; absent: nothing fired yet. */
  outcome?: Outcome;
}

/** "Open CRM" / "Copy link" replies: what happened, as a message the popup translates. */
export type PopupReply = Notice & { ok: boolean; url?: string };

/** What the worker knows of a source's life (session storage). */
export interface SourceHealth {
  /** Last trusted message, to the minute. */
  heardAt?: number;
  /** The last origin whose vendor-looking messages were ignored, and the page that heard them. */
  ignored?: { origin: string; pageOrigin: string; at: number; loggedAt: number };
}

/**
 * connected: its page is open and was heard from; waiting: open, nothing heard yet;
 * notOpen: no tab shows its page; ignored: messages from `origin` were dropped as untrusted.
 */
export type SourceState = 'connected' | 'waiting' | 'notOpen' | 'ignored';

export interface SourceStatus {
  id: string;
  adapter: string;
  state: SourceState;
  origin?: string;
}

export interface StatusReply {
  paused: boolean;
  sources: SourceStatus[];
}

export type DiagnosticKind = 'event' | 'ignored' | 'match' | 'action' | 'refused' | 'error' | 'config';

/** One line of the diagnostics log. Personal data lives only in `detail`, which is redacted. */
export interface DiagnosticEntry {
  at: number;
  kind: DiagnosticKind;
  /** Interaction key, when the entry belongs to one. */
  key?: string;
  /** Short human summary, free of personal data (English; exports and support read it). */
  summary: string;
  /** What the summary says, for the options page to show in the agent's language. */
  code?: DiagnosticCode;
  args?: string[];
  /** Why each template did not match (no personal data: phases, channels, queues), always shown. */
  reasons?: Array<{ template: string; why: MatchWhy }>;
  /** Rendered URLs, payloads: removed `historyMinutes` after the interaction ended. */
  detail?: string;
}

/** Storage key of the table the bridge reads to know where to listen (no personal data). */
export const BRIDGE_TABLE_KEY = 'bridgeTable';

export interface BridgeRule {
  sourceId: string;
  /** The source's adapter: the bridge drops what cannot be one of its events. */
  adapter?: string;
  /** generic sources: the path of the event type, which every event of the source carries. */
  typePath?: string;
  pages: string[];
  senders: string[];
}

/**
 * DOM event by which the page-world popup rescue hands a refused window.open to the bridge. It is
 * dispatched on a detached node only the two of them hold, never on the document.
 */
export const RESCUE_EVENT = 'crm-screenpop:rescue';
/** Page world → bridge, at document_start: a MouseEvent whose relatedTarget is that node. */
export const RESCUE_HANDSHAKE_EVENT = 'crm-screenpop:rescue-handshake';
/** Bridge → page world: "I am listening now", for when the bridge starts second. */
export const RESCUE_READY_EVENT = 'crm-screenpop:rescue-ready';

// Every key the extension stores, where, and of what type — one place to look before adding one.
// Local storage (on disk) holds no personal data; session storage (memory, gone with the browser)
// holds everything that may carry a phone number or an address. The webhook outbox is IndexedDB
// (src/background/actions/outbox.ts); the admin's policy is managed storage (read only).
import browser from 'webextension-polyfill';
import type { BridgeRule, DiagnosticEntry, SourceHealth } from '../core/worker-api';
import type { InteractionRecord } from '../core/interaction-state';
import * as session from './session';
import type { PolicyCache } from '../core/policy';
import type { LookupTable } from './lookup';
import type { TokenTable } from './oauth';
import type { RememberedBounds, TargetTab } from '../core/placement';
import type { PendingClose } from './actions/close-on';
import type { CrmWindow } from './actions/crm-window';
import type { KeptNotification } from './actions/notify';
import type { Config } from '../core/config';
import { upgradeStoredState } from '../core/storage-upgrades';

/** The agent's own switches: theirs under any policy. */
export interface AgentState {
  paused: boolean;
}

export const NO_AGENT_STATE: AgentState = { paused: false };

export interface LocalArea {
  /** The agent's configuration document, as saved (validated on every read too). */
  config: unknown;
  /** The last valid agent document: a bad write to `config` cannot take the product down. */
  lastValidConfig: unknown;
  /** The agent's document before their last save, for "Undo last save" (checked when it was saved). */
  previousConfig: Config | null;
  /** Where the bridge listens (no personal data: read by the content script). */
  bridgeTable: BridgeRule[];
  agent: AgentState;
  /** Version of the stored state's shape; upgraded at install and update. */
  storageVersion: number;
  /** OAuth 2.0 tokens of lookups (per token URL and client id): never logged, exported or shown. */
  oauthTokens: TokenTable;
  /** Where the agent last left the CRM window (bounds only: no personal data). */
  crmWindowBounds: RememberedBounds;
  /** The admin's last valid policy: applies at browser start until Chrome publishes managed storage. */
  lastValidPolicy: PolicyCache;
}

/**
 * Written behind the actions, batched (src/background/session.ts): one small key per interaction
 * and per chunk of the log, so that no write grows with the number of interactions or the log.
 */
export interface SessionArea {
  /** One interaction: phases fired, variables (see docs/architecture.md, "Delivery protocol"). */
  [interaction: `ix:${string}`]: InteractionRecord;
  /** Per source, the interaction the agent last focused. */
  ixFocused: Record<string, string>;
  /** The diagnostics log, in chunks of 20 lines, oldest first by number. */
  [chunk: `diag:${number}`]: DiagnosticEntry[];
  /** Lookups (search, then pop) per interaction and template: their outcome and the matches' names. */
  lookups: LookupTable;
  /**
   * Named CRM tabs the extension opened (target name → tab), so they are reused. A list of
   * entries, never an object keyed by name: a name like `__proto__` must stay a name.
   */
  tabTargets: [string, TargetTab][];
  /** The dedicated CRM window (placement "window") while it is open. */
  crmWindow: CrmWindow | null;
  /** CRM tabs to close when their interaction ends (`closeOn`): origins only, no URL. */
  closeOnTabs: PendingClose[];
  /** Tab id → the interaction whose page it shows (null: a rescue); who may close it. */
  tabOwners: [number, string | null][];
  /** Notification id → its interaction and what a click opens (personal data; cleared with its interaction). */
  notifications: [string, KeptNotification][];
  /** Policy rejections already reported to settings.reportUrl in this browser session (url + error). */
  policyReported: string[];
  /** Per agent desktop tab id, the times of its recent popup rescues (the rate limit). */
  rescueTimes: Record<string, number[]>;
  /** Ids of rescues (newest last, bounded): admitted ones count once; a re-delivery of a done one is dropped. */
  rescueIds: { admitted: string[]; done: string[] };
  /** Per source: when it was last heard, which origin's messages it last ignored. */
  sourceHealth: Record<string, SourceHealth>;
}

export type LocalKey = keyof LocalArea;
export type SessionKey = keyof SessionArea;

export async function readLocal<K extends LocalKey>(key: K): Promise<LocalArea[K] | undefined> {
  const stored = await browser.storage.local.get(key);
  return stored[key] as LocalArea[K] | undefined;
}

/** Several keys in one read: what is stored of each (a key never written is absent). */
export async function readLocalKeys<K extends LocalKey>(keys: readonly K[]): Promise<Partial<Pick<LocalArea, K>>> {
  return (await browser.storage.local.get([...keys])) as Partial<Pick<LocalArea, K>>;
}

export async function writeLocal(values: Partial<LocalArea>): Promise<void> {
  await browser.storage.local.set(values);
}

export async function removeLocal(...keys: LocalKey[]): Promise<void> {
  await browser.storage.local.remove(keys);
}

/**
 * Runs the stored-state upgrades (src/core/storage-upgrades.ts, which write only keys named here)
 * on what was read at install or update, stores their changes, and returns the upgraded values.
 */
export async function upgradeLocal<K extends LocalKey>(stored: Partial<Pick<LocalArea, K>>): Promise<Partial<Pick<LocalArea, K>>> {
  const changes = upgradeStoredState(stored) as Partial<LocalArea>;
  if (!Object.keys(changes).length) return stored;
  await writeLocal(changes);
  return { ...stored, ...changes };
}

export async function readSession<K extends SessionKey>(key: K, fallback: SessionArea[K]): Promise<SessionArea[K]> {
  return session.readSession(key, fallback);
}

export async function writeSession(values: Partial<SessionArea>): Promise<void> {
  await session.writeSession(values);
}

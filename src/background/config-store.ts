// The configuration in force: the user's document (chrome.storage.local `config`) merged with the
// admin's (chrome.storage.managed). An invalid document is rejected whole and the last valid one
// stays in force; every change applies at once.
import browser from 'webextension-polyfill';
import type { Config } from '../core/config';
import { EMPTY_CONFIG } from '../core/config-defaults';
import { CONFIG_VERSION } from '../core/config-upgrade';
import { refusal } from '../core/reply-codes';
import { validateConfig } from './offscreen';
import type { ConfigReply, SaveConfigReply } from '../core/worker-api';
import { publishBridge } from './bridge-registration';
import { NO_AGENT_STATE, readLocalKeys, removeLocal, upgradeLocal, writeLocal, type AgentState } from './storage';
import { logDiagnostic } from './diagnostics';
import { effectiveConfig, NO_POLICY, type Policy } from '../core/policy';
import { loadPolicy, readManaged } from './policy-store';
import { browserLocale, withCountry } from '../core/locale-country';

let userConfig: Config = EMPTY_CONFIG;
/** The document before the last save, for "Undo last save" (null: nothing to undo). */
let previousConfig: Config | null = null;
let agent: AgentState = NO_AGENT_STATE;
let policy: Policy = NO_POLICY;
let current: Config = EMPTY_CONFIG;
let applyListeners: Array<(config: Config) => void> = [];

export function currentConfig(): Config {
  return current;
}

/** The agent's own document, without the admin's: what a change made from the popup edits. */
export function currentUserConfig(): Config {
  return userConfig;
}

export function currentPolicy(): Policy {
  return policy;
}

export function onConfigApplied(listener: (config: Config) => void): void {
  applyListeners = [...applyListeners, listener];
}

/**
 * At worker start: one read of local storage and one of managed storage. The stored document is
 * trusted without a check when it is the one checked when it was written (the usual case), so the
 * first pop waits for no schema; the bridge's registration persists across worker restarts and is
 * refreshed behind the first pop.
 */
export async function loadConfig(): Promise<void> {
  const [read, managed] = await Promise.all([
    readLocalKeys(['config', 'lastValidConfig', 'agent', 'storageVersion', 'previousConfig', 'lastValidPolicy']),
    readManaged(),
  ]);
  const stored = await upgradeLocal(read);
  userConfig = await acceptUserDocument(stored.config, stored.lastValidConfig);
  agent = { ...NO_AGENT_STATE, ...stored.agent };
  // Checked when it was saved, and again by the save that puts it back.
  previousConfig = stored.previousConfig ?? null;
  policy = await loadPolicy(NO_POLICY, false, { managed, cached: stored.lastValidPolicy ?? null });
  current = effective();
  setTimeout(() => void apply().catch((error: unknown) => console.error('CRM Screenpop: bridge registration', error)), 0);
}

/** The policy alarm: managed storage read empty a minute ago; drop the cached policy if it still is. */
export async function confirmEmptyPolicy(): Promise<void> {
  policy = await loadPolicy(policy, true);
  await apply();
}

/** The options page's save: validate the whole document, then store it. */
export async function saveUserConfig(input: unknown): Promise<SaveConfigReply> {
  if (policy.config && policy.locked) {
    return refusal('locked');
  }
  const parsed = await validateConfig(input);
  if (!parsed.ok) return parsed;
  if (JSON.stringify(parsed.config) !== JSON.stringify(userConfig)) previousConfig = userConfig;
  await writeLocal({ config: parsed.config, lastValidConfig: parsed.config, previousConfig });
  userConfig = parsed.config;
  await apply();
  return { ok: true };
}

/** Puts back the document the last save replaced; once (undoing the undo is a new save). */
export async function undoLastSave(): Promise<SaveConfigReply> {
  const previous = previousConfig;
  if (!previous) return refusal('nothingToUndo');
  const saved = await saveUserConfig(previous);
  if (!saved.ok) return saved;
  previousConfig = null;
  await removeLocal('previousConfig');
  return saved;
}

/** The pages' view: the agent's document, the admin's, and what the policy does. */
export function configForPages(): ConfigReply {
  return {
    user: userConfig,
    managed: policy.config,
    policy: { managed: policy.config !== null, locked: policy.locked, allowUserTemplates: policy.allowUserTemplates, error: policy.error },
    paused: current.settings.paused,
    canUndo: previousConfig !== null && !(policy.config && policy.locked),
  };
}

/** The agent's pause: their own state, so no policy setting can override it. */
export async function setAgentPaused(paused: boolean): Promise<void> {
  agent = { ...agent, paused };
  await writeLocal({ agent });
  await apply();
}

/** chrome.storage.onChanged: someone (options page, an admin script, a test) wrote the document. */
export async function onStorageChanged(changes: Record<string, { newValue?: unknown }>, area: string): Promise<void> {
  if (area === 'managed') {
    policy = await loadPolicy(policy);
    await apply();
    return;
  }
  if (area === 'local' && 'agent' in changes) {
    agent = { ...NO_AGENT_STATE, ...(changes.agent?.newValue as Partial<AgentState> | undefined) };
    await apply();
  }
  if (area !== 'local' || !('config' in changes)) return;
  const next = changes.config?.newValue;
  if (next === undefined) {
    userConfig = EMPTY_CONFIG;
  } else {
    // The worker's own save: already checked and in force.
    if (JSON.stringify(next) === JSON.stringify(userConfig)) return;
    const parsed = await validateConfig(next);
    if (!parsed.ok) {
      await logDiagnostic({ kind: 'config', code: 'configRejected', args: [parsed.error] });
      return;
    }
    if (JSON.stringify(parsed.config) === JSON.stringify(userConfig)) return;
    userConfig = parsed.config;
    await writeLocal({ lastValidConfig: parsed.config });
  }
  await apply();
}

async function acceptUserDocument(stored: unknown, lastValid: unknown): Promise<Config> {
  if (stored === undefined) return EMPTY_CONFIG;
  // Every write of a valid document writes lastValidConfig with it: equal, it was checked.
  const checked = (stored as { version?: unknown }).version === CONFIG_VERSION && JSON.stringify(stored) === JSON.stringify(lastValid);
  if (checked) return stored as Config;
  const parsed = await validateConfig(stored);
  if (parsed.ok) return parsed.config;
  await logDiagnostic({ kind: 'config', code: 'storedConfigRejected', args: [parsed.error] });
  if (lastValid === undefined) return EMPTY_CONFIG;
  const fallback = await validateConfig(lastValid);
  return fallback.ok ? fallback.config : EMPTY_CONFIG;
}

function effective(): Config {
  const merged = withCountry(effectiveConfig(userConfig, policy), browserLocale(browser.i18n.getUILanguage(), browser.i18n.getMessage('locale')));
  return agent.paused ? { ...merged, settings: { ...merged.settings, paused: true } } : merged;
}

async function apply(): Promise<void> {
  current = effective();
  await publishBridge(current);
  for (const listener of applyListeners) listener(current);
}

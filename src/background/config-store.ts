// The configuration in force: the user's document (chrome.storage.local `config`) merged with the
// admin's (chrome.storage.managed). An invalid document is rejected whole and the last valid one
// stays in force; every change applies at once.
import browser from 'webextension-polyfill';
import { EMPTY_CONFIG, parseConfig, type Config } from '../core/config';
import type { ConfigReply, SaveConfigReply } from '../core/worker-api';
import { publishBridge } from './bridge-registration';
import { upgradeStoredState } from '../core/storage-upgrades';
import { NO_AGENT_STATE, writeLocal, type AgentState } from './storage';
import { logDiagnostic } from './diagnostics';
import { effectiveConfig, NO_POLICY, type Policy } from '../core/policy';
import { loadPolicy } from './policy-store';
import { browserLocale, withCountry } from '../core/locale-country';

export const CONFIG_KEY = 'config';
/** The last valid user document, so that a bad write to `config` cannot take the product down. */
const LAST_VALID_KEY = 'lastValidConfig';

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

export async function loadConfig(): Promise<void> {
  let stored = await browser.storage.local.get([CONFIG_KEY, LAST_VALID_KEY, 'agent', 'storageVersion', 'previousConfig']);
  const upgrade = upgradeStoredState(stored);
  if (Object.keys(upgrade).length) {
    await browser.storage.local.set(upgrade);
    stored = { ...stored, ...upgrade };
  }
  userConfig = await acceptUserDocument(stored[CONFIG_KEY], stored[LAST_VALID_KEY]);
  agent = { ...NO_AGENT_STATE, ...(stored.agent as Partial<AgentState> | undefined) };
  const previous = stored.previousConfig === undefined ? null : parseConfig(stored.previousConfig);
  previousConfig = previous?.ok ? previous.config : null;
  policy = await loadPolicy(NO_POLICY);
  await apply();
}

/** The policy alarm: managed storage read empty a minute ago; drop the cached policy if it still is. */
export async function confirmEmptyPolicy(): Promise<void> {
  policy = await loadPolicy(policy, true);
  await apply();
}

/** The options page's save: validate the whole document, then store it. */
export async function saveUserConfig(input: unknown): Promise<SaveConfigReply> {
  if (policy.config && policy.locked) {
    return { ok: false, error: 'The configuration is managed by your administrator and locked.' };
  }
  const parsed = parseConfig(input);
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
  if (!previous) return { ok: false, error: 'Nothing to undo.' };
  const saved = await saveUserConfig(previous);
  if (!saved.ok) return saved;
  previousConfig = null;
  await browser.storage.local.remove('previousConfig');
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
  if (area !== 'local' || !(CONFIG_KEY in changes)) return;
  const next = changes[CONFIG_KEY]?.newValue;
  if (next === undefined) {
    userConfig = EMPTY_CONFIG;
  } else {
    const parsed = parseConfig(next);
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
  const parsed = parseConfig(stored);
  if (parsed.ok) return parsed.config;
  await logDiagnostic({ kind: 'config', summary: `Stored configuration rejected: ${parsed.error}` });
  const fallback = parseConfig(lastValid);
  return fallback.ok ? fallback.config : EMPTY_CONFIG;
}

async function apply(): Promise<void> {
  const effective = withCountry(effectiveConfig(userConfig, policy), browserLocale(browser.i18n.getUILanguage(), browser.i18n.getMessage('locale')));
  current = agent.paused ? { ...effective, settings: { ...effective.settings, paused: true } } : effective;
  await publishBridge(current);
  for (const listener of applyListeners) listener(current);
}

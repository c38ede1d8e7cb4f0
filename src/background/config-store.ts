// The configuration in force: the user's document (chrome.storage.local `config`) merged with the
// admin's (chrome.storage.managed). An invalid document is rejected whole and the last valid one
// stays in force; every change applies at once.
import browser from 'webextension-polyfill';
import { EMPTY_CONFIG, parseConfig, type Config } from '../core/config';
import type { SaveConfigReply } from '../core/worker-api';
import { publishBridge } from './bridge-registration';
import { logDiagnostic } from './diagnostics';
import { effectiveConfig, NO_POLICY, readPolicy, type Policy } from '../core/policy';

export const CONFIG_KEY = 'config';
/** The last valid user document, so that a bad write to `config` cannot take the product down. */
const LAST_VALID_KEY = 'lastValidConfig';

let userConfig: Config = EMPTY_CONFIG;
let policy: Policy = NO_POLICY;
let current: Config = EMPTY_CONFIG;
let applyListeners: Array<(config: Config) => void> = [];

export function currentConfig(): Config {
  return current;
}

export function currentPolicy(): Policy {
  return policy;
}

export function onConfigApplied(listener: (config: Config) => void): void {
  applyListeners = [...applyListeners, listener];
}

export async function loadConfig(): Promise<void> {
  const stored = await browser.storage.local.get([CONFIG_KEY, LAST_VALID_KEY]);
  userConfig = await acceptUserDocument(stored[CONFIG_KEY], stored[LAST_VALID_KEY]);
  policy = await loadPolicy(NO_POLICY);
  await apply();
}

/** The options page's save: validate the whole document, then store it. */
export async function saveUserConfig(input: unknown): Promise<SaveConfigReply> {
  if (policy.config && policy.locked) {
    return { ok: false, error: 'The configuration is managed by your administrator and locked.' };
  }
  const parsed = parseConfig(input);
  if (!parsed.ok) return parsed;
  await browser.storage.local.set({ [CONFIG_KEY]: parsed.config, [LAST_VALID_KEY]: parsed.config });
  userConfig = parsed.config;
  await apply();
  return { ok: true };
}

/** chrome.storage.onChanged: someone (options page, an admin script, a test) wrote the document. */
export async function onStorageChanged(changes: Record<string, { newValue?: unknown }>, area: string): Promise<void> {
  if (area === 'managed') {
    policy = await loadPolicy(policy);
    await apply();
    return;
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
    await browser.storage.local.set({ [LAST_VALID_KEY]: parsed.config });
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

async function loadPolicy(previous: Policy): Promise<Policy> {
  let managed: Record<string, unknown> = {};
  try {
    managed = await browser.storage.managed.get();
  } catch {
    // No managed storage on this platform: no policy.
  }
  const next = readPolicy(managed);
  if (next.error) {
    await logDiagnostic({ kind: 'config', summary: next.error });
    // The admin's last valid document stays in force.
    return { ...next, config: previous.config };
  }
  return next;
}

async function apply(): Promise<void> {
  current = effectiveConfig(userConfig, policy);
  await publishBridge(current);
  for (const listener of applyListeners) listener(current);
}

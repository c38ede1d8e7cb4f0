// Managed policy: read once, cached by the config store, re-applied on change. Pure merge here.
import { parseConfig, type Config } from './config';

export interface Policy {
  /** The admin's configuration document, when one is set and valid. */
  config: Config | null;
  /** Options page read-only (default: true when a policy config is present). */
  locked: boolean;
  /** User templates run after the policy's. */
  allowUserTemplates: boolean;
  /** Why the policy's document was rejected, naming the field. */
  error: string | null;
}

export const NO_POLICY: Policy = { config: null, locked: false, allowUserTemplates: false, error: null };

/** The policy keys of chrome.storage.managed → Policy. `config` may be an object or a JSON string. */
export function readPolicy(managed: Record<string, unknown>): Policy {
  const raw = managed.config;
  let config: Config | null = null;
  let error: string | null = null;
  if (raw !== undefined && raw !== null && raw !== '') {
    const parsed = parseConfig(raw);
    if (parsed.ok) config = parsed.config;
    else error = `Policy configuration rejected: ${parsed.error}`;
  }
  const present = raw !== undefined;
  return {
    config,
    locked: typeof managed.locked === 'boolean' ? managed.locked : present,
    allowUserTemplates: managed.allowUserTemplates === true,
    error,
  };
}

/** What runs: the policy's document when there is one (plus user templates when allowed), else the user's. */
export function effectiveConfig(user: Config, policy: Policy): Config {
  if (!policy.config) return user;
  if (!policy.allowUserTemplates) return policy.config;
  const policyIds = new Set(policy.config.templates.map((t) => t.id));
  return {
    ...policy.config,
    templates: [...policy.config.templates, ...user.templates.filter((t) => !policyIds.has(t.id))],
  };
}

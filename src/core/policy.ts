// Managed policy: read once, cached by the config store, re-applied on change. Pure decisions here.
import type { Config, ConfigResult } from './config';

/** The document check (`parseConfig`), passed in: the service worker runs it elsewhere (offscreen). */
export type CheckDocument = (raw: unknown) => ConfigResult;

export interface Policy {
  /** The admin's configuration document, when one is set and valid. */
  config: Config | null;
  /** Options page read-only (default: true when a policy config is present). */
  locked: boolean;
  /** User templates run after the policy's. */
  allowUserTemplates: boolean;
  /** Why the policy's document was rejected, naming the field. */
  error: string | null;
  /** The last valid policy, applied from the cache because Chrome has not (or not validly) published one. */
  fromCache: boolean;
}

export const NO_POLICY: Policy = { config: null, locked: false, allowUserTemplates: false, error: null, fromCache: false };

/** The policy keys of chrome.storage.managed → Policy. `config` may be an object or a JSON string. */
export function readPolicy(managed: Record<string, unknown>, check: CheckDocument): Policy {
  const raw = managed.config;
  let config: Config | null = null;
  let error: string | null = null;
  if (raw !== undefined && raw !== null && raw !== '') {
    const parsed = check(raw);
    if (parsed.ok) config = parsed.config;
    else error = `Policy configuration rejected: ${parsed.error}`;
  }
  const present = raw !== undefined;
  return {
    config,
    locked: typeof managed.locked === 'boolean' ? managed.locked : present,
    allowUserTemplates: managed.allowUserTemplates === true,
    error,
    fromCache: false,
  };
}

/** The last valid policy, kept in chrome.storage.local so that it applies from the first second. */
export interface PolicyCache {
  config: Config;
  locked: boolean;
  allowUserTemplates: boolean;
  /** When Chrome first published it (ms). */
  at: number;
  /** The document as Chrome published it (JSON text): unchanged, it need not be checked again. */
  source?: string;
}

/** The text a published document is compared by. */
export function policySource(raw: unknown): string {
  return typeof raw === 'string' ? raw : JSON.stringify(raw) ?? '';
}

/**
 * Why a policy is rejected when Chrome publishes its other keys (`locked`, `allowUserTemplates`)
 * but no `config`: Chrome drops a value that does not fit managed_schema.json, and only that key.
 */
export const CONFIG_MISSING = "Policy configuration rejected: the policy's config is missing or was refused by Chrome's schema check";

/** Whether managed storage holds any key of ours besides `config` (the policy itself arrived). */
function hasOtherPolicyKeys(managed: Record<string, unknown>): boolean {
  return Object.keys(managed).some((key) => key !== 'config' && managed[key] !== undefined);
}

export interface PolicyDecision {
  policy: Policy;
  /** What to keep for the next start: a new cache, null to drop it, undefined to leave it as it is. */
  cache?: PolicyCache | null;
  /** Managed storage read empty while a policy is cached: confirm later before dropping it. */
  confirmLater: boolean;
  /** The policy Chrome published was rejected (diagnostics, the admin's report). */
  rejected: string | null;
}

/**
 * The policy in force after a read of chrome.storage.managed. Chrome publishes managed storage a
 * few seconds after a browser start, and a policy file being rewritten can read empty for a
 * moment: an empty read never drops a cached policy unless `emptyConfirmed` (a later read, still
 * empty). A rejected policy keeps the last valid one.
 */
export function decidePolicy(
  managed: Record<string, unknown>,
  cached: PolicyCache | null,
  check: CheckDocument,
  { emptyConfirmed = false, now = Date.now() }: { emptyConfirmed?: boolean; now?: number } = {},
): PolicyDecision {
  const fromCache = (c: PolicyCache, error: string | null): Policy => ({
    config: c.config,
    locked: c.locked,
    allowUserTemplates: c.allowUserTemplates,
    error,
    fromCache: true,
  });
  const read = readPolicy(managed, check);
  // No document: Chrome has not published it yet (nothing of the policy is there), or dropped it
  // as not fitting the schema (the policy's other keys are there).
  if (managed.config === undefined) {
    // The rest of the policy is there, its document is not: Chrome refused it. Rejected, as an
    // invalid document is: the last valid policy stays, however often it is read again.
    if (hasOtherPolicyKeys(managed)) {
      const policy = cached ? fromCache(cached, CONFIG_MISSING) : { ...read, error: CONFIG_MISSING };
      return { policy, confirmLater: false, rejected: CONFIG_MISSING };
    }
    if (!cached) return { policy: read, confirmLater: false, rejected: null };
    if (emptyConfirmed) return { policy: read, cache: null, confirmLater: false, rejected: null };
    return { policy: fromCache(cached, null), confirmLater: true, rejected: null };
  }
  if (read.error) {
    const policy = cached ? fromCache(cached, read.error) : { ...read, fromCache: false };
    return { policy, confirmLater: false, rejected: read.error };
  }
  const source = policySource(managed.config);
  const same = cached && cached.source === source && cached.locked === read.locked && cached.allowUserTemplates === read.allowUserTemplates;
  // Unchanged: nothing to write (undefined keeps the cache as it is).
  const cache = read.config
    ? same
      ? undefined
      : { config: read.config, locked: read.locked, allowUserTemplates: read.allowUserTemplates, at: now, source }
    : null;
  return { policy: read, cache, confirmLater: false, rejected: null };
}

/** A rejected policy's own `settings.reportUrl`, when it names one, so a first broken policy still reports. */
export function rejectedReportUrl(managed: Record<string, unknown>): string | null {
  let raw = managed.config;
  if (typeof raw === 'string') {
    try {
      raw = JSON.parse(raw);
    } catch {
      return null;
    }
  }
  const url = (raw as { settings?: { reportUrl?: unknown } } | null)?.settings?.reportUrl;
  return typeof url === 'string' && /^https?:\/\/[^/]+/i.test(url) ? url : null;
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

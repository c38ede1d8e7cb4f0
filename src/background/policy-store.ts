// The admin's policy from the first second after a browser start: Chrome publishes managed storage
// a few seconds late, so the last valid policy is kept in chrome.storage.local and applies until
// then. An empty read is confirmed a minute later before the policy is dropped (a policy file being
// rewritten reads empty for a moment); a rejected policy keeps the last valid one and is reported.
import browser from 'webextension-polyfill';
import type { ConfigResult } from '../core/config';
import { decidePolicy, NO_POLICY, policySource, rejectedReportUrl, type Policy, type PolicyCache } from '../core/policy';
import { validateConfig } from './offscreen';
import { logDiagnostic } from './diagnostics';
import { reportPolicyRejection } from './policy-report';
import { readLocal, removeLocal, writeLocal } from './storage';

export const POLICY_CONFIRM_ALARM = 'policy-confirm-empty';
const CONFIRM_AFTER_MINUTES = 1;

export async function readManaged(): Promise<Record<string, unknown>> {
  try {
    return await browser.storage.managed.get();
  } catch {
    // No managed storage on this platform: no policy.
    return {};
  }
}

async function readCache(): Promise<PolicyCache | null> {
  return (await readLocal('lastValidPolicy')) ?? null;
}

/**
 * Reads managed storage and decides the policy in force; `emptyConfirmed`: the confirming read.
 * `read`: managed storage and the cache, when the caller read them already (the worker's start).
 */
export async function loadPolicy(
  previous: Policy = NO_POLICY,
  emptyConfirmed = false,
  read?: { managed: Record<string, unknown>; cached: PolicyCache | null },
): Promise<Policy> {
  const { managed, cached } = read ?? { managed: await readManaged(), cached: await readCache() };
  // The document Chrome published is checked once (offscreen, where the validation library is):
  // unchanged since, its checked form in the cache applies without a check.
  const raw = managed.config;
  const present = raw !== undefined && raw !== null && raw !== '';
  const unchanged = present && cached !== null && cached.source === policySource(raw);
  const checked: ConfigResult = !present
    ? { ok: false, error: 'no document' }
    : unchanged
      ? { ok: true, config: cached.config }
      : await validateConfig(raw);
  const decision = decidePolicy(managed, cached, () => checked, { emptyConfirmed });
  if (decision.cache) await writeLocal({ lastValidPolicy: decision.cache });
  if (decision.cache === null && cached) {
    await removeLocal('lastValidPolicy');
    if (emptyConfirmed) await logDiagnostic({ kind: 'config', code: 'policyRemoved' });
  }
  if (decision.confirmLater) {
    await browser.alarms.create(POLICY_CONFIRM_ALARM, { delayInMinutes: CONFIRM_AFTER_MINUTES });
    if (!previous.fromCache && cached) {
      await logDiagnostic({ kind: 'config', code: 'policyFromCache', args: [new Date(cached.at).toISOString()] });
    }
  }
  if (decision.rejected) {
    const kept = decision.policy.config !== null;
    if (previous.error !== decision.rejected) {
      await logDiagnostic({ kind: 'config', code: kept ? 'policyRejected' : 'policyRejectedNone', args: [decision.rejected] });
    }
    const url = cached?.config.settings.reportUrl ?? rejectedReportUrl(managed);
    if (url) await reportPolicyRejection(url, decision.rejected, kept ? cached : null);
  }
  return decision.policy;
}

// The admin's policy from the first second after a browser start: Chrome publishes managed storage
// a few seconds late, so the last valid policy is kept in chrome.storage.local and applies until
// then. An empty read is confirmed a minute later before the policy is dropped (a policy file being
// rewritten reads empty for a moment); a rejected policy keeps the last valid one and is reported.
import browser from 'webextension-polyfill';
import { decidePolicy, NO_POLICY, rejectedReportUrl, type Policy, type PolicyCache } from '../core/policy';
import { logDiagnostic } from './diagnostics';
import { reportPolicyRejection } from './policy-report';
import { readLocal, writeLocal } from './storage';

export const POLICY_CONFIRM_ALARM = 'policy-confirm-empty';
const CONFIRM_AFTER_MINUTES = 1;

async function readManaged(): Promise<Record<string, unknown>> {
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

/** Reads managed storage and decides the policy in force; `emptyConfirmed`: the confirming read. */
export async function loadPolicy(previous: Policy = NO_POLICY, emptyConfirmed = false): Promise<Policy> {
  const [managed, cached] = await Promise.all([readManaged(), readCache()]);
  const decision = decidePolicy(managed, cached, { emptyConfirmed });
  if (decision.cache) await writeLocal({ lastValidPolicy: decision.cache });
  if (decision.cache === null && cached) {
    await browser.storage.local.remove('lastValidPolicy');
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

// One small JSON report to the admin's `settings.reportUrl` per policy rejection and per browser
// start, so a fleet-wide problem shows without visiting agents. Which rejections were reported is
// kept in session storage: cleared when the browser starts, never repeated on a worker wake-up.
import browser from 'webextension-polyfill';
import type { PolicyCache } from '../core/policy';
import { logDiagnostic } from './diagnostics';
import { readSession, writeSession } from './storage';

const TIMEOUT_MS = 10_000;

export interface PolicyReport {
  type: 'crm-screenpop/policy-rejected';
  extensionId: string;
  version: string;
  /** Why, naming the field (no personal data: the policy is the admin's own document). */
  error: string;
  /** What runs instead. */
  inForce: 'last-valid-policy' | 'no-policy';
  lastValidAt: string | null;
  at: string;
}

export async function reportPolicyRejection(url: string, error: string, lastValid: PolicyCache | null): Promise<void> {
  const reported = await readSession('policyReported', []);
  const key = `${url}\n${error}`;
  if (reported.includes(key)) return;
  await writeSession({ policyReported: [...reported, key].slice(-20) });
  const report: PolicyReport = {
    type: 'crm-screenpop/policy-rejected',
    extensionId: browser.runtime.id,
    version: browser.runtime.getManifest().version,
    error,
    inForce: lastValid ? 'last-valid-policy' : 'no-policy',
    lastValidAt: lastValid ? new Date(lastValid.at).toISOString() : null,
    at: new Date().toISOString(),
  };
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(report),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await logDiagnostic({ kind: 'config', code: 'policyReported', args: [url, String(response.status)] });
  } catch (failure) {
    await logDiagnostic({ kind: 'config', code: 'policyReportFailed', args: [url, String(failure)] });
  }
}

// Machine policy for a test: Chromium reads /etc/chromium/policies/managed (root only, as on these
// machines and in CI). A suite that cannot write there says so instead of passing silently.
import { accessSync, constants, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { EXTENSION_ID } from './browser';

export const POLICY_DIR = '/etc/chromium/policies/managed';

/** Why policy tests cannot run here, or null when they can (printed once per suite). */
export function policySkipReason(): string | null {
  if (process.platform !== 'linux') return `machine policy tests write ${POLICY_DIR}, which only Linux Chromium reads`;
  try {
    mkdirSync(POLICY_DIR, { recursive: true });
    accessSync(POLICY_DIR, constants.W_OK);
    return null;
  } catch (error) {
    return `cannot write ${POLICY_DIR} (${(error as Error).message}); run as root to test policy`;
  }
}

export function skipUnlessPolicy(suite: string): boolean {
  const reason = policySkipReason();
  if (reason) console.warn(`SKIPPED ${suite}: ${reason}`);
  return reason !== null;
}

/** Writes this extension's policy keys under `name`; returns the function that removes them. */
export function writePolicy(name: string, keys: Record<string, unknown>): () => void {
  const file = `${POLICY_DIR}/${name}.json`;
  writeFileSync(file, JSON.stringify({ '3rdparty': { extensions: { [EXTENSION_ID]: keys } } }));
  return () => rmSync(file, { force: true });
}

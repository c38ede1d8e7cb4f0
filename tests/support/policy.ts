// Machine policy for a test, written where the browser the tests drive reads it (Linux: Chromium
// /etc/chromium/policies/managed, Google Chrome /etc/opt/chrome/…, Edge /etc/opt/edge/…; root only,
// as on these machines and in CI). A suite that cannot write there says why instead of passing.
import { accessSync, constants, mkdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { EXTENSION_ID } from './browser';
import { findChrome } from './chrome-path';

export type PolicyFolder = { dir: string; reason?: undefined } | { dir?: undefined; reason: string };

/**
 * The managed policy folder the browser at `executable` reads on `platform`, or why the suites
 * cannot write one there (macOS and Windows take policy from profiles and the registry, not files).
 */
export function policyFolderOf(executable: string, platform: NodeJS.Platform = process.platform): PolicyFolder {
  if (platform !== 'linux') {
    return { reason: `machine policy tests write a policy file, which only Linux browsers read (this is ${platform}; ${executable} takes policy from the ${platform === 'darwin' ? 'configuration profiles' : 'registry'})` };
  }
  const file = executable.toLowerCase();
  if (/edge/.test(file)) return { dir: '/etc/opt/edge/policies/managed' };
  if (/chromium/.test(file)) return { dir: '/etc/chromium/policies/managed' };
  if (/chrome[-_]for[-_]testing|chrome-linux64/.test(file)) return { dir: '/etc/opt/chrome_for_testing/policies/managed' };
  if (/google[-/]chrome|\/opt\/google\/chrome\/|(^|\/)chrome$/.test(file)) return { dir: '/etc/opt/chrome/policies/managed' };
  return { reason: `cannot tell which policy folder ${executable} reads (neither Chromium, Google Chrome nor Edge by its path)` };
}

/** The browser the tests drive, followed through its links (/usr/bin/google-chrome → /opt/google/chrome/…). */
function browserPolicyFolder(): PolicyFolder {
  let executable: string;
  try {
    executable = findChrome();
  } catch (error) {
    return { reason: (error as Error).message };
  }
  let real = executable;
  try {
    real = realpathSync(executable);
  } catch {
    // Named by CHROME_PATH and found: the name is what there is.
  }
  const byName = policyFolderOf(executable);
  const byTarget = policyFolderOf(real);
  return byName.dir || !byTarget.dir ? byName : byTarget;
}

const FOLDER = browserPolicyFolder();

/** Where the policy files go (empty where the suites skip: nothing is written then). */
export const POLICY_DIR = FOLDER.dir ?? '';

/** Why policy tests cannot run here, or null when they can (printed once per suite). */
export function policySkipReason(): string | null {
  if (FOLDER.reason) return FOLDER.reason;
  try {
    mkdirSync(POLICY_DIR, { recursive: true });
    accessSync(POLICY_DIR, constants.W_OK);
    return null;
  } catch (error) {
    return `cannot write ${POLICY_DIR} (${(error as Error).message}); run as root to test policy`;
  }
}

/** Whether to skip `suite`; when it does, it says why on the console. */
export function skipUnlessPolicy(suite: string): boolean {
  const reason = policySkipReason();
  if (reason) console.warn(`SKIPPED ${suite}: ${reason}`);
  return reason !== null;
}

/** Writes this extension's policy keys under `name`; returns the function that removes them. */
export function writePolicy(name: string, keys: Record<string, unknown>, extensionId = EXTENSION_ID): () => void {
  const file = `${POLICY_DIR}/${name}.json`;
  writeFileSync(file, JSON.stringify({ '3rdparty': { extensions: { [extensionId]: keys } } }));
  return () => rmSync(file, { force: true });
}

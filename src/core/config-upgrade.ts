// The configuration document carries `version`. A document written for an older version is
// upgraded here, step by step, before it is validated; one written by a newer extension is
// refused with a clear message rather than half understood.
export const CONFIG_VERSION = 1;

type Upgrade = (doc: Record<string, unknown>) => Record<string, unknown>;

/** `CONFIG_UPGRADES[n]` turns a version n-1 document into version n. */
export const CONFIG_UPGRADES: Record<number, Upgrade> = {};

import { issueEnglish, type ValidationIssue } from './validation-codes';

export type UpgradeResult = { ok: true; doc: unknown } | { ok: false; error: string; issues: ValidationIssue[] };

function refuse(code: 'versionTooNew' | 'noUpgrade', ...args: string[]): UpgradeResult {
  const issue: ValidationIssue = { path: 'version', message: { code, args } };
  return { ok: false, error: issueEnglish(issue), issues: [issue] };
}

export function upgradeConfigDocument(input: unknown, upgrades = CONFIG_UPGRADES, latest = CONFIG_VERSION): UpgradeResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { ok: true, doc: input };
  let doc = input as Record<string, unknown>;
  const version = doc.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return { ok: true, doc };
  if (version > latest) {
    return refuse('versionTooNew', String(version), String(latest));
  }
  for (let next = version + 1; next <= latest; next++) {
    const upgrade = upgrades[next];
    if (!upgrade) return refuse('noUpgrade', String(next - 1), String(next));
    doc = { ...upgrade(doc), version: next };
  }
  return { ok: true, doc };
}

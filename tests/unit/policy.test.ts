import { describe, expect, it } from 'vitest';
import { parseConfig, type Config } from '../../src/core/config';
import { CONFIG_MISSING, decidePolicy, rejectedReportUrl, type PolicyCache } from '../../src/core/policy';

function doc(input: unknown): Config {
  const parsed = parseConfig(input);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.config;
}

const adminDoc = {
  version: 1,
  sources: [{ id: 'ad', adapter: 'agentdesktop', pages: ['https://agent.example.com/*'] }],
  templates: [{ id: 'voice', url: 'https://crm.example.com/search?ani={ANI}' }],
  settings: { reportUrl: 'https://it.example.com/screenpop-report' },
};
const cached: PolicyCache = { config: doc(adminDoc), locked: true, allowUserTemplates: true, at: 1_700_000_000_000 };
const invalidDoc = { version: 1, templates: [{ id: 'voice', url: 'ftp://crm.example.com/' }] };

describe('the policy at start, before and after Chrome publishes managed storage', () => {
  it('applies the cached policy while managed storage is still empty, and asks to confirm later', () => {
    const d = decidePolicy({}, cached, parseConfig);
    expect(d.policy.config?.sources[0]?.id).toBe('ad');
    expect(d.policy).toMatchObject({ locked: true, allowUserTemplates: true, fromCache: true, error: null });
    expect(d.confirmLater).toBe(true);
    expect(d.cache).toBeUndefined();
  });

  it('drops the cached policy only when a later read confirms it is gone', () => {
    const d = decidePolicy({}, cached, parseConfig, { emptyConfirmed: true });
    expect(d.policy.config).toBeNull();
    expect(d.cache).toBeNull();
    expect(d.confirmLater).toBe(false);
  });

  it('with nothing cached and nothing published there is no policy and nothing to confirm', () => {
    const d = decidePolicy({}, null, parseConfig);
    expect(d.policy.config).toBeNull();
    expect(d.confirmLater).toBe(false);
  });

  it('caches a valid published policy with its flags', () => {
    const d = decidePolicy({ config: adminDoc, allowUserTemplates: true }, null, parseConfig, { now: 42 });
    expect(d.policy).toMatchObject({ locked: true, allowUserTemplates: true, fromCache: false, error: null });
    expect(d.cache).toMatchObject({ locked: true, allowUserTemplates: true, at: 42 });
    expect(d.cache?.config.templates[0]?.id).toBe('voice');
  });

  it('keeps the last valid policy when the published one is invalid, and says why naming the field', () => {
    const d = decidePolicy({ config: invalidDoc }, cached, parseConfig);
    expect(d.policy.config?.templates[0]?.url).toBe('https://crm.example.com/search?ani={ANI}');
    expect(d.policy.error).toMatch(/templates\[0\]\.url/);
    expect(d.rejected).toMatch(/templates\[0\]\.url/);
    expect(d.cache).toBeUndefined();
  });

  it('an invalid first policy leaves no policy in force, but still reports', () => {
    const d = decidePolicy({ config: invalidDoc }, null, parseConfig);
    expect(d.policy.config).toBeNull();
    expect(d.rejected).toMatch(/templates\[0\]\.url/);
  });

  it('a policy that is gone whole (no key of ours published) keeps the cache until a later read confirms it', () => {
    const d = decidePolicy({}, cached, parseConfig);
    expect(d.policy.config?.sources[0]?.id).toBe('ad');
    expect(d.rejected).toBeNull();
    const confirmed = decidePolicy({}, cached, parseConfig, { emptyConfirmed: true });
    expect(confirmed.policy.config).toBeNull();
    expect(confirmed.cache).toBeNull();
  });
});

describe("a policy whose config Chrome refused (schema mismatch) while its other keys arrived", () => {
  // Chrome drops a key that does not fit managed_schema.json and publishes the others: the worker
  // sees `locked` and `allowUserTemplates` but no `config`.
  const refused = { locked: true, allowUserTemplates: true };

  it('keeps the last valid policy, even after the confirming read, and reports a rejection', () => {
    for (const emptyConfirmed of [false, true]) {
      const d = decidePolicy(refused, cached, parseConfig, { emptyConfirmed });
      expect(d.policy.config?.sources[0]?.id).toBe('ad');
      expect(d.policy.fromCache).toBe(true);
      expect(d.cache).toBeUndefined();
      expect(d.confirmLater).toBe(false);
      expect(d.rejected).toBe(CONFIG_MISSING);
      expect(d.policy.error).toBe(CONFIG_MISSING);
    }
    expect(CONFIG_MISSING).toMatch(/the policy's config is missing or was refused by Chrome's schema check/);
  });

  it('with nothing cached: no policy in force, and still a rejection to report', () => {
    const d = decidePolicy({ locked: false }, null, parseConfig);
    expect(d.policy.config).toBeNull();
    expect(d.rejected).toBe(CONFIG_MISSING);
    expect(d.confirmLater).toBe(false);
  });
});

describe('settings.reportUrl', () => {
  it('is part of the settings schema and must be http(s)', () => {
    expect(doc(adminDoc).settings.reportUrl).toBe('https://it.example.com/screenpop-report');
    const bad = parseConfig({ version: 1, settings: { reportUrl: 'mailto:it@example.com' } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatch(/settings\.reportUrl/);
  });

  it('is read from a rejected document so a first broken policy still reports', () => {
    expect(rejectedReportUrl({ config: { ...invalidDoc, settings: { reportUrl: 'https://it.example.com/r' } } })).toBe(
      'https://it.example.com/r',
    );
    expect(rejectedReportUrl({ config: JSON.stringify({ settings: { reportUrl: 'https://it.example.com/r' } }) })).toBe(
      'https://it.example.com/r',
    );
    expect(rejectedReportUrl({ config: { settings: { reportUrl: 'javascript:alert(1)' } } })).toBeNull();
    expect(rejectedReportUrl({ config: '{' })).toBeNull();
  });
});

describe('an unchanged published policy is not written again', () => {
  it('keeps the cache (first publication time included) when Chrome publishes the document it was made from', () => {
    const first = decidePolicy({ config: JSON.stringify(adminDoc), locked: true, allowUserTemplates: true }, null, parseConfig, { now: 1 });
    expect(first.cache?.source).toBe(JSON.stringify(adminDoc));
    const again = decidePolicy({ config: JSON.stringify(adminDoc), locked: true, allowUserTemplates: true }, first.cache!, parseConfig);
    expect(again.cache).toBeUndefined();
    expect(again.policy.config?.sources[0]?.id).toBe('ad');
  });

  it('writes a new cache when the document or a switch changed', () => {
    const first = decidePolicy({ config: adminDoc, locked: true }, null, parseConfig, { now: 1 });
    expect(decidePolicy({ config: adminDoc, locked: false }, first.cache!, parseConfig).cache?.locked).toBe(false);
    const changed = { ...adminDoc, settings: { reportUrl: 'https://it.example.com/other' } };
    expect(decidePolicy({ config: changed, locked: true }, first.cache!, parseConfig).cache?.config.settings.reportUrl).toBe('https://it.example.com/other');
  });
});

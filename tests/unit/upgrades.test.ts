// Stored state and configuration documents written by an older version keep working.
import { describe, expect, it } from 'vitest';
import { CONFIG_VERSION, upgradeConfigDocument } from '../../src/core/config-upgrade';
import { parseConfig } from '../../src/core/config';
import { STORAGE_VERSION, upgradeStoredState } from '../../src/core/storage-upgrades';

describe('stored state', () => {
  it('a pause saved in the agent document (version 1) becomes the agent\'s own pause', () => {
    const config = { version: 1, templates: [], settings: { paused: true, historyMinutes: 5 } };
    expect(upgradeStoredState({ config })).toEqual({
      agent: { paused: true },
      config: { version: 1, templates: [], settings: { historyMinutes: 5 } },
      storageVersion: STORAGE_VERSION,
    });
  });

  it('state without a pause only gets its version; current state is left alone', () => {
    expect(upgradeStoredState({ config: { version: 1, settings: {} } })).toEqual({ storageVersion: STORAGE_VERSION });
    expect(upgradeStoredState({})).toEqual({ storageVersion: STORAGE_VERSION });
    expect(upgradeStoredState({ storageVersion: STORAGE_VERSION, config: { settings: { paused: true } } })).toEqual({});
  });
});

describe('configuration document version', () => {
  it('a document from a newer extension is refused with what to do', () => {
    const result = parseConfig({ version: CONFIG_VERSION + 1 });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/^version: .*Update CRM Screenpop/);
  });

  it('older documents go through each upgrade in turn', () => {
    const upgrades = {
      2: (doc: Record<string, unknown>) => ({ ...doc, renamed: doc.old, old: undefined }),
      3: (doc: Record<string, unknown>) => ({ ...doc, added: true }),
    };
    expect(upgradeConfigDocument({ version: 1, old: 'x' }, upgrades, 3)).toEqual({
      ok: true,
      doc: { version: 3, renamed: 'x', old: undefined, added: true },
    });
    expect(upgradeConfigDocument({ version: 1 }, {}, 2)).toEqual({
      ok: false,
      error: 'version: no upgrade from version 1 to 2',
      issues: [{ path: 'version', message: { code: 'noUpgrade', args: ['1', '2'] } }],
    });
  });

  it('the current version parses as it is', () => {
    expect(parseConfig({ version: CONFIG_VERSION }).ok).toBe(true);
  });
});

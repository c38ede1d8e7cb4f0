import { describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../src/core/config';
import { configDiff, isEmptyDiff } from '../../src/core/config-diff';

const doc = (patch: object) => ConfigSchema.parse({ version: 1, ...patch });
const tpl = (id: string, name = '', url = 'https://crm.example.com/') => ({ id, name, url });
const src = (id: string) => ({ id, adapter: 'ccai', pages: ['https://crm.example.com/*'] });

describe('configDiff', () => {
  it('names what an import adds, changes and removes', () => {
    const before = doc({ sources: [src('ccai')], templates: [tpl('a', 'Calls'), tpl('b', 'Chats')] });
    const after = doc({ sources: [src('ccai'), src('ad')], templates: [tpl('a', 'Calls', 'https://crm.example.com/v2'), tpl('c')], settings: { defaultCountry: 'IT' } });
    expect(configDiff(before, after)).toEqual({
      added: [{ kind: 'source', label: 'ad' }, { kind: 'template', label: 'c' }],
      changed: [{ kind: 'template', label: 'Calls' }, { kind: 'settings', label: '' }],
      removed: [{ kind: 'template', label: 'Chats' }],
    });
  });

  it('the same document, or one differing only by the pause, changes nothing', () => {
    const before = doc({ templates: [tpl('a')] });
    expect(isEmptyDiff(configDiff(before, doc({ templates: [tpl('a')], settings: { paused: true } })))).toBe(true);
  });
});

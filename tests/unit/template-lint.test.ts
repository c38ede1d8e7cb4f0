// The editor's warnings: typos that would otherwise pass as matches, and templates that cannot fire.
import { describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../src/core/config';
import { cannotFire, knownVariables, lintText } from '../../src/core/template-lint';

const config = ConfigSchema.parse({ version: 1, sources: [{ id: 'ccai', adapter: 'ccai', pages: ['https://crm.example.com/*'] }] });
const known = knownVariables(config);

describe('template lint', () => {
  it('knows the variables the configured vendor gives', () => {
    expect(known).toEqual(expect.arrayContaining(['ANI', 'CHAT_ID', 'QUEUE_PATH', 'CHANNEL_LABEL', 'PHASE', 'EMAIL']));
  });

  it.each([
    ['https://crm.example.com/?p={PHONE}', [{ code: 'unknownVar', args: ['PHONE'] }]],
    ['https://crm.example.com/?p={ANI|e164', [{ code: 'unbalanced', args: [] }]],
    ['https://crm.example.com/?p={ТЕЛЕФОН}', [{ code: 'nonLatin', args: ['{ТЕЛЕФОН}'] }]],
    ['https://crm.example.com/?p={ANI|e165}', [{ code: 'unknownFilter', args: ['e165'] }]],
    ['https://crm.example.com/?p={ani|e164}&c={raw.data.chat_id}', []],
  ])('%s', (text, warnings) => {
    expect(lintText(text, known)).toEqual(warnings);
  });

  it('names templates that cannot fire: no source, a URL that is refused', () => {
    const doc = ConfigSchema.parse({
      version: 1,
      templates: [
        { id: 'a', name: 'Empty URL', url: 'https://' },
        { id: 'b', url: 'https://other.example.com/x' },
      ],
      settings: { allowedUrlPrefixes: ['https://crm.example.com/'] },
    });
    expect(cannotFire(doc, (t) => t.name || t.id).map((c) => [c.template, c.code])).toEqual([
      ['Empty URL', 'noSource'],
      ['Empty URL', 'urlRefused'],
      ['b', 'noSource'],
      ['b', 'urlRefused'],
    ]);
  });
});

// The editor's warnings: typos that would otherwise pass as matches, and templates that cannot fire.
import { describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../src/core/config';
import { cannotFire, insertPlaceholder, knownVariables, laterPhaseVars, lintText, withLookupVars } from '../../src/core/template-lint';

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

  it('a lookup\'s variables are known to the fields that render after its match only', () => {
    const lookup = ConfigSchema.parse({
      version: 1,
      templates: [{ id: 't', url: 'https://crm.example.com/{ACCOUNT_ID}', lookup: { request: { url: 'https://crm.example.com/api' }, vars: { ACCOUNT_ID: 'id' } } }],
    }).templates[0]!.lookup;
    expect(lintText('{ACCOUNT_ID}', withLookupVars(known, lookup))).toEqual([]);
    expect(lintText('{ACCOUNT_ID}', withLookupVars(known, undefined))).toEqual([{ code: 'unknownVar', args: ['ACCOUNT_ID'] }]);
    expect(withLookupVars(known, lookup)).toEqual([...known, 'ACCOUNT_ID'].sort());
  });

  it("another template's lookup variables are known (later phases keep them), not the template's own", () => {
    const doc = ConfigSchema.parse({
      version: 1,
      templates: [
        { id: 'pop', url: 'https://crm.example.com/{ACCOUNT_ID}', lookup: { request: { url: 'https://crm.example.com/api' }, vars: { ACCOUNT_ID: 'id' } } },
        { id: 'ended', url: 'https://crm.example.com/hook', params: [{ name: 'account', value: '{ACCOUNT_ID}' }], action: { type: 'webhook' } },
      ],
    });
    expect(laterPhaseVars(doc.templates, 1)).toEqual(['ACCOUNT_ID']);
    expect(laterPhaseVars(doc.templates, 0)).toEqual([]);
  });
});

describe('inserting a picked variable', () => {
  it.each([
    // text, selection, result, caret after
    ['https://crm.example.com/x?p=&q=1', [28, 28], 'https://crm.example.com/x?p={ANI}&q=1', 33],
    ['', [0, 0], '{ANI}', 5],
    ['abc', [3, 3], 'abc{ANI}', 8],
    ['a OLD b', [2, 5], 'a {ANI} b', 7],
    // A caret inside a placeholder puts the new one after it, never nested.
    ['p={EMAIL}&q', [5, 5], 'p={EMAIL}{ANI}&q', 14],
    ['p={EMAIL}&q', [3, 3], 'p={EMAIL}{ANI}&q', 14],
    ['p={EMAIL}&q', [8, 8], 'p={EMAIL}{ANI}&q', 14],
    // Before the brace and after it are outside.
    ['p={EMAIL}&q', [2, 2], 'p={ANI}{EMAIL}&q', 7],
    ['p={EMAIL}&q', [9, 9], 'p={EMAIL}{ANI}&q', 14],
    // An unclosed brace: nothing to step over.
    ['p={ANI|e164', [11, 11], 'p={ANI|e164{ANI}', 16],
    // A selection that leaves the placeholder is replaced as typed.
    ['p={EMAIL}&q', [4, 11], 'p={E{ANI}', 9],
  ] as const)('%s at %j', (text, [start, end], result, caret) => {
    expect(insertPlaceholder(text, start, end, 'ANI')).toEqual({ text: result, caret });
  });
});

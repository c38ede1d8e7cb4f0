// Validation messages travel as codes: the worker's replies stay English, the pages say them in
// en, it and ru with the same arguments.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/core/config';
import { issueEnglish, readIssueLine, VALIDATION_MESSAGES, type ValidationCode } from '../../src/core/validation-codes';
import { validate } from '../../src/options/draft';

const locale = (lang: string) =>
  JSON.parse(readFileSync(path.resolve(import.meta.dirname, `../../public/_locales/${lang}/messages.json`), 'utf8')) as Record<string, { message: string }>;
const placeholders = (text: string) => [...new Set(text.match(/\$[1-9]/g) ?? [])].sort();

describe('validation messages', () => {
  it.each(['en', 'it', 'ru'])('%s has every code with the same placeholders', (lang) => {
    const messages = locale(lang);
    for (const code of Object.keys(VALIDATION_MESSAGES) as ValidationCode[]) {
      const message = messages[`val_${code}`]?.message;
      expect(message, `val_${code} in ${lang}`).toBeTypeOf('string');
      expect(placeholders(message!), `val_${code} in ${lang}`).toEqual(placeholders(VALIDATION_MESSAGES[code]));
    }
  });

  it('the worker\'s reply is English, with the field path for support', () => {
    const result = parseConfig({ version: 1, sources: [{ id: 's', adapter: 'ccai', pages: ['crm.example.com'] }] });
    expect(result).toEqual({
      ok: false,
      error: 'sources[0].pages[0]: must be a Chrome match pattern like "https://crm.example.com/*" (http or https)',
      // …and the same problem as a code, for the page to say in the agent's language.
      issues: [{ path: 'sources[0].pages[0]', message: { code: 'pagePattern', args: [] } }],
    });
  });

  it('the page words each message with its translator, arguments included', () => {
    const errors = validate(
      { version: 1, templates: [{ id: 'a', url: 'https://x.example' }, { id: 'a', action: { type: 'webhook' } }] },
      (m) => `${m.code}(${m.args.join(',')})`,
    );
    expect(errors).toEqual({ 'templates[1].url': 'urlRequired(webhook)', 'templates[1].id': 'duplicateId(a)' });
  });

  it('zod\'s own checks have codes too', () => {
    const errors = validate({ version: 1, templates: [{ id: 'a', url: 'https://x.example', name: 'n'.repeat(201) }], settings: { historyMinutes: 'x' } }, (m) => m.code);
    expect(errors).toEqual({ 'templates[0].name': 'tooLong', 'settings.historyMinutes': 'wrongType' });
  });

  it('an English line in the log reads back as its field and code (all but free text)', () => {
    for (const code of Object.keys(VALIDATION_MESSAGES) as ValidationCode[]) {
      if (code === 'text') continue;
      const args = placeholders(VALIDATION_MESSAGES[code]).map((_, i) => `a${i}: b`);
      for (const path of ['templates[0].lookup.request.url', 'settings.allowedUrlPrefixes[2]', '']) {
        const issue = { path, message: { code, args } };
        expect(readIssueLine(issueEnglish(issue)), `${code} at "${path}"`).toEqual(issue);
      }
    }
    expect(readIssueLine('settings: unknown key "colour"')).toBeNull();
  });
});


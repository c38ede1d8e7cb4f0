// Every diagnostics line the worker writes by code, and every refusal it replies with, reads in
// en, it and ru, with the same $1…$n.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_MESSAGES, formatDiagnostic, type DiagnosticCode } from '../../src/core/diagnostic-codes';
import { refusal, REPLY_MESSAGES, templateRefusal, type ReplyCode } from '../../src/core/reply-codes';

const locale = (lang: string) =>
  JSON.parse(readFileSync(path.resolve(import.meta.dirname, `../../public/_locales/${lang}/messages.json`), 'utf8')) as Record<string, { message: string }>;
const placeholders = (text: string) => [...new Set(text.match(/\$[1-9]/g) ?? [])].sort();
const codes = Object.keys(DIAGNOSTIC_MESSAGES) as DiagnosticCode[];

describe('diagnostic messages', () => {
  it.each(['en', 'it', 'ru'])('%s has every code with the same placeholders', (lang) => {
    const messages = locale(lang);
    for (const code of codes) {
      const message = messages[`diagMsg_${code}`]?.message;
      expect(message, `diagMsg_${code} in ${lang}`).toBeTypeOf('string');
      expect(placeholders(message!), `diagMsg_${code} in ${lang}`).toEqual(placeholders(DIAGNOSTIC_MESSAGES[code]));
    }
  });

  it('the English locale says exactly what the worker stores', () => {
    const messages = locale('en');
    for (const code of codes) expect(messages[`diagMsg_${code}`]?.message).toBe(DIAGNOSTIC_MESSAGES[code]);
  });

  it('formats arguments in one pass', () => {
    expect(formatDiagnostic('tabReused', ['wa', 'CRM WhatsApp', ''])).toBe('wa: tab "CRM WhatsApp" reused');
    expect(formatDiagnostic('urlRefused', ['wa', 'costs $2'])).toBe('wa: URL refused: costs $2');
  });
});

describe('worker refusals', () => {
  const replyCodes = Object.keys(REPLY_MESSAGES) as ReplyCode[];

  it.each(['en', 'it', 'ru'])('%s has every refusal with the same placeholders', (lang) => {
    const messages = locale(lang);
    for (const code of replyCodes) {
      const message = messages[`reply_${code}`]?.message;
      expect(message, `reply_${code} in ${lang}`).toBeTypeOf('string');
      expect(placeholders(message!), `reply_${code} in ${lang}`).toEqual(placeholders(REPLY_MESSAGES[code]));
    }
  });

  it('Italian and Russian are translations, not copies of the English', () => {
    const [en, it, ru] = ['en', 'it', 'ru'].map(locale);
    const keys = [...codes.map((c) => `diagMsg_${c}`), ...replyCodes.map((c) => `reply_${c}`)].filter((k) => !/^[\s$\d:()"→,.]*$/.test(en![k]!.message));
    for (const key of keys) {
      expect(it![key]!.message, key).not.toBe(en![key]!.message);
      expect(ru![key]!.message, key).not.toBe(en![key]!.message);
    }
  });

  it('the English locale says exactly what the worker replies', () => {
    const messages = locale('en');
    for (const code of replyCodes) expect(messages[`reply_${code}`]?.message).toBe(REPLY_MESSAGES[code]);
    expect(refusal('failed', 'TypeError: x')).toEqual({ ok: false, error: 'Failed: TypeError: x', code: 'failed', args: ['TypeError: x'] });
  });

  it('a refused template keeps its first problem as a code and in English', () => {
    const issue = { path: 'url', message: { code: 'urlScheme' as const, args: [] } };
    expect(templateRefusal([issue])).toEqual({ ok: false, error: 'url: must start with http:// or https://', issues: [issue] });
    expect(templateRefusal([])).toMatchObject({ ok: false, code: 'notTemplate' });
  });
});

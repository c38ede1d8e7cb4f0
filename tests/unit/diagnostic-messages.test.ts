// Every diagnostics line the worker writes by code reads in en, it and ru, with the same $1…$n.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_MESSAGES, formatDiagnostic, type DiagnosticCode } from '../../src/core/diagnostic-codes';

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

// What the pages say when the worker refuses, in Italian: chrome.i18n is stood in for by the
// Italian locale file, with Chrome's $1…$9 substitution.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { parseConfig } from '../../src/core/config';
import { refusal, type Refusal } from '../../src/core/reply-codes';
import { documentProblems, localizedArgs } from '../../src/options/diagnostic-text';
import { namesOf, refusalText, templateRefusalText } from '../../src/options/refusal-text';

const italian = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../public/_locales/it/messages.json'), 'utf8')) as Record<string, { message: string }>;

beforeAll(() => {
  vi.stubGlobal('chrome', {
    i18n: {
      getMessage: (key: string, subs?: string | string[]) => {
        const list = subs === undefined ? [] : Array.isArray(subs) ? subs : [subs];
        return (italian[key]?.message ?? '').replace(/\$([1-9])/g, (_, n: string) => list[Number(n) - 1] ?? '');
      },
    },
  });
});

const refused = (input: unknown): Refusal => {
  const result = parseConfig(input);
  if (result.ok) throw new Error('expected a refusal');
  return result;
};

describe('worker refusals in Italian', () => {
  it('a known refusal by its code', () => {
    expect(refusalText(refusal('locked'))).toBe("La configurazione è gestita dall'amministratore ed è bloccata.");
    expect(refusalText(refusal('nothingToUndo'))).toBe("Non c'è nulla da annullare.");
    expect(refusalText(refusal('notInteractionEvent'))).toBe("L'evento di esempio non è un evento Interaction.");
  });

  it("a refused document by the template's name and the field's label", () => {
    const doc = { version: 1, templates: [{ id: 'wa', name: 'WhatsApp → CRM', url: 'crm.example.com' }] };
    expect(refusalText(refused(doc), namesOf(doc))).toBe('Modello “WhatsApp → CRM” › URL del CRM: deve iniziare con http:// o https://');
    // A file too broken to name its templates still says which field, by number.
    expect(refusalText(refused(doc))).toBe('Modello “1” › URL del CRM: deve iniziare con http:// o https://');
  });

  it('a file that is not JSON, and one from a newer extension', () => {
    expect(refusalText(refused('{ nope'))).toMatch(/^Il documento non è un JSON valido: /);
    expect(refusalText(refused({ version: 99 }))).toBe(
      'version: questo documento è stato scritto per la versione 99 della configurazione; questa estensione comprende fino alla 1. Aggiorna CRM Screenpop.',
    );
  });

  it("a template's own problem is named as that template's field", () => {
    const template = { id: 'hook', name: 'Avviso', url: 'https://x.example', params: [] } as never;
    const reply: Refusal = { ok: false, error: 'url: must start with http:// or https://', issues: [{ path: 'url', message: { code: 'urlScheme', args: [] } }] };
    expect(templateRefusalText(reply, template)).toBe('Modello “Avviso” › URL del CRM: deve iniziare con http:// o https://');
  });

  it("an engine reason is translated; a vendor adapter's stays as it came", () => {
    expect(refusalText({ ok: false, error: 'https://evil.example is outside settings.allowedUrlPrefixes' })).toBe(
      'https://evil.example è fuori dai Prefissi URL ammessi (Impostazioni)',
    );
    expect(refusalText({ ok: false, error: 'HTTP 503' })).toBe('HTTP 503');
  });

  it('a diagnostics line whose argument is a reason reads all in Italian', () => {
    expect(localizedArgs('nothingCopied', ['Chiusura', 'there is neither text nor URL to copy'])).toEqual(['Chiusura', "non c'è né testo né URL da copiare"]);
    expect(localizedArgs('rescueRefused', ['the scheme "data:" is not allowed: only http: and https: URLs are opened'])).toEqual([
      'lo schema "data:" non è ammesso: si aprono solo URL http: e https:',
    ]);
  });

  it("a refused document in the log: the agent's by labels, the admin's by path, both in Italian", () => {
    const doc = { version: 1, templates: [{ id: 'wa', url: 'ftp://crm.example.com' }], settings: { historyMinutes: 'x', colour: 1 } };
    const english = refused(doc).error;
    expect(english.split('\n')).toHaveLength(3);
    expect(documentProblems(english)).toBe(
      ['Modello “1” › URL del CRM: deve iniziare con http:// o https://', 'Impostazioni › Dimentica i dettagli dopo: ha il tipo sbagliato', english.split('\n')[2]].join('; '),
    );
    expect(documentProblems(`Policy configuration rejected: ${english.split('\n')[0]}`, false)).toBe('templates[0].url: deve iniziare con http:// o https://');
    expect(localizedArgs('storedConfigRejected', [english])[0]).toMatch(/^Modello “1” › URL del CRM: deve iniziare/);
  });
});

// What the pages say when the worker refuses, in Italian: chrome.i18n is stood in for by the
// Italian locale file, with Chrome's $1…$9 substitution.
import { beforeAll, describe, expect, it } from 'vitest';
import { stubI18n } from '../support/i18n';
import { parseConfig, SettingsSchema } from '../../src/core/config';
import { refusal, type Refusal } from '../../src/core/reply-codes';
import { reasonText } from '../../src/core/reason-codes';
import { decide as decideLookup } from '../../src/core/lookup';
import { decide as decideDelivery, MAX_ATTEMPTS } from '../../src/core/outbox-policy';
import { documentProblems, localizedArgs } from '../../src/options/diagnostic-text';
import { namesOf, refusalText, templateRefusalText } from '../../src/options/refusal-text';

beforeAll(() => stubI18n('it'));

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

  it("an engine reason is translated; what the network said itself stays as it came", () => {
    expect(refusalText({ ok: false, error: 'https://evil.example is outside settings.allowedUrlPrefixes' })).toBe(
      'https://evil.example è fuori dai Prefissi URL ammessi (Impostazioni)',
    );
    expect(refusalText({ ok: false, error: 'HTTP 503' })).toBe('errore HTTP 503');
    expect(refusalText({ ok: false, error: 'net::ERR_CONNECTION_REFUSED' })).toBe('net::ERR_CONNECTION_REFUSED');
  });

  it('a lookup, webhook or sign-in reason reads in Italian, with the reasons inside it', () => {
    const decided = decideLookup(
      { id: 'v', url: 'https://crm.example.com/c/{ACCOUNT_ID}', params: [] } as never,
      { request: {}, results: 'items', vars: { ACCOUNT_ID: 'id' }, multipleMatches: 'first' } as never,
      { ok: false, reason: reasonText('noAnswerWithin', '3000') },
      { vars: {}, raw: null, settings: SettingsSchema.parse({}) },
    );
    expect(decided.kind).toBe('fallback');
    const nothing = reasonText('noFallbackUrl', (decided as { reason: string }).reason);
    expect(localizedArgs('lookupNothing', ['voce', nothing])[1]).toBe('nessuna risposta entro 3000 ms; nulla è impostato in "In caso di timeout o errore: apri"');
    expect(localizedArgs('lookupFailed', ['voce', '3012', reasonText('requestUrlRefused', reasonText('urlOutsidePrefixes', 'https://evil.example'))])[2]).toBe(
      'URL della richiesta rifiutato: https://evil.example è fuori dai Prefissi URL ammessi (Impostazioni)',
    );
    const outbox = decideDelivery({ attempts: MAX_ATTEMPTS - 1 } as never, { status: 500 }, 0);
    expect(outbox.kind).toBe('failed');
    expect(localizedArgs('webhookFailed', ['chiusura', (outbox as { reason: string }).reason])[1]).toBe('errore HTTP 500, dopo 10 tentativi');
    expect(localizedArgs('webhookRetry', ['chiusura', '2', reasonText('networkError', 'Failed to fetch'), '4'])[2]).toBe('errore di rete (Failed to fetch)');
    expect(localizedArgs('testPopWebhookFailed', ['Avviso', reasonText('receiverRedirect')])[1]).toBe('il destinatario ha risposto con un reindirizzamento, che non viene seguito');
    expect(refusalText({ ok: false, error: reasonText('codeRefused') })).toBe("l'endpoint dei token ha rifiutato il codice di autorizzazione");
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

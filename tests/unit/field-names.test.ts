// The save summary and the worker's refusals name a template's nested fields by the labels the
// editors show (in Italian here: chrome.i18n stood in for by the Italian locale file), never by
// their JSON path.
import { beforeAll, describe, expect, it } from 'vitest';
import { stubI18n } from '../support/i18n';
import { parseConfig, type Config } from '../../src/core/config';
import { fieldName } from '../../src/options/field-names';
import { namesOf, refusalText } from '../../src/options/refusal-text';

beforeAll(() => stubI18n('it'));

const DOC = {
  version: 1,
  templates: [
    {
      id: 'look',
      name: 'Ricerca',
      url: 'https://crm.example.com/c/{ACCOUNT_ID}',
      params: [{ name: 'src', value: 'cti' }],
      lookup: {
        request: {
          method: 'POST',
          url: 'https://crm.example.com/api',
          params: [{ name: 'x', value: '1' }, { name: 'phone', value: '{ANI|e164}' }],
          container: { type: 'map', name: 'q' },
          auth: { type: 'oauth2', authorizeUrl: 'https://id.example.com/a', tokenUrl: 'https://id.example.com/t', clientId: 'c' },
        },
        vars: { ACCOUNT_ID: 'id' },
        noMatchUrl: 'https://crm.example.com/new',
        fallbackUrl: 'https://crm.example.com/search',
      },
    },
    {
      id: 'hook',
      name: 'Avviso',
      url: 'https://hooks.example.com/x',
      params: [{ name: 'phone', value: '{ANI}' }],
      action: { type: 'webhook', method: 'POST', container: { type: 'array', name: 'rows' }, auth: { type: 'header', name: 'X-Key', value: 's' } },
    },
    { id: 'win', name: 'Finestra', url: 'https://crm.example.com/w', action: { type: 'tab', placement: 'window', window: { width: 800 }, closeOn: ['ended'] } },
    { id: 'note', name: 'Notifica', url: 'https://crm.example.com/n', action: { type: 'notify', title: 'T', message: 'M' } },
    { id: 'get', name: 'Webhook GET', url: 'https://hooks.example.com/g', params: [{ name: 'id', value: '{ANI}' }], action: { type: 'webhook', method: 'GET' } },
  ],
};

function config(): Config {
  const parsed = parseConfig(DOC);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.config;
}

describe('nested template fields by their labels, in Italian', () => {
  it.each([
    ['templates[0].lookup', 'Modello “Ricerca” › Cerca prima il cliente'],
    ['templates[0].lookup.request.url', 'Modello “Ricerca” › URL dell\'API di ricerca'],
    ['templates[0].lookup.request.method', 'Modello “Ricerca” › Cerca prima il cliente › Metodo'],
    ['templates[0].lookup.request.timeoutMs', 'Modello “Ricerca” › Cerca prima il cliente › Timeout'],
    ['templates[0].lookup.request.body', 'Modello “Ricerca” › Cerca prima il cliente › Corpo'],
    ['templates[0].lookup.request.container.name', 'Modello “Ricerca” › Cerca prima il cliente › Nome del contenitore'],
    ['templates[0].lookup.request.params', 'Modello “Ricerca” › Parametri di ricerca'],
    ['templates[0].lookup.request.params[1].value', 'Modello “Ricerca” › Parametri di ricerca › phone › Valore'],
    ['templates[0].lookup.request.params[0].name', 'Modello “Ricerca” › Parametri di ricerca › x › Nome'],
    ['templates[0].lookup.request.params[7].name', 'Modello “Ricerca” › Parametri di ricerca › 8 › Nome'],
    ['templates[0].lookup.request.auth.tokenUrl', 'Modello “Ricerca” › Cerca prima il cliente › Autenticazione › URL del token'],
    ['templates[0].lookup.request.auth.clientId', 'Modello “Ricerca” › Cerca prima il cliente › Autenticazione › ID client'],
    ['templates[0].lookup.results', 'Modello “Ricerca” › Dove sono i risultati nella risposta'],
    ['templates[0].lookup.vars', 'Modello “Ricerca” › Variabili da ogni risultato'],
    ['templates[0].lookup.vars.bad key', 'Modello “Ricerca” › Variabili da ogni risultato'],
    ['templates[0].lookup.label', 'Modello “Ricerca” › Nome mostrato nella scelta'],
    ['templates[0].lookup.multipleMatches', 'Modello “Ricerca” › Se più contatti corrispondono'],
    ['templates[0].lookup.noMatchUrl', 'Modello “Ricerca” › Se nulla corrisponde: apri'],
    ['templates[0].lookup.fallbackUrl', 'Modello “Ricerca” › In caso di timeout o errore: apri'],
    ['templates[0].params[0].value', 'Modello “Ricerca” › Parametri › src › Valore'],
    ['templates[1].params[0].name', 'Modello “Avviso” › Corpo del webhook › phone › Nome'],
    ['templates[1].params', 'Modello “Avviso” › Corpo del webhook'],
    ['templates[1].action.method', 'Modello “Avviso” › Azione › Metodo'],
    ['templates[1].action.body', 'Modello “Avviso” › Azione › Corpo'],
    ['templates[1].action.container.name', 'Modello “Avviso” › Azione › Nome del contenitore'],
    ['templates[1].action.auth.name', 'Modello “Avviso” › Azione › Autenticazione › Nome dell\'intestazione'],
    ['templates[1].action.auth.value', 'Modello “Avviso” › Azione › Autenticazione › Valore dell\'intestazione'],
    ['templates[1].action.timeoutMs', 'Modello “Avviso” › Azione › Timeout'],
    ['templates[2].action.window.width', 'Modello “Finestra” › Posizione della finestra CRM › Larghezza'],
    ['templates[2].action.window.state', 'Modello “Finestra” › Posizione della finestra CRM › Stato'],
    ['templates[2].action.closeOn[0]', 'Modello “Finestra” › Chiudi la scheda quando'],
    ['templates[2].action.target', 'Modello “Finestra” › Nome della scheda'],
    ['templates[3].action.title', 'Modello “Notifica” › Titolo della notifica'],
    ['templates[3].action.message', 'Modello “Notifica” › Testo della notifica'],
    ['templates[4].params[0].value', 'Modello “Webhook GET” › Parametri › id › Valore'],
  ])('%s', (where, named) => {
    expect(fieldName(where, config())).toBe(named);
  });

  it('a refused file names its parameters as typed, or by number when they have no name', () => {
    const doc = structuredClone(DOC) as typeof DOC & { templates: Array<Record<string, unknown>> };
    const lookup = doc.templates[0]!.lookup as { request: { params: Array<{ name: string; value: string }> }; fallbackUrl: string };
    lookup.request.params[0]!.name = '';
    lookup.fallbackUrl = 'crm.example.com/search';
    (doc.templates[1]!.params as Array<{ value: string }>)[0]!.value = 'x'.repeat(2001);
    const parsed = parseConfig(doc);
    if (parsed.ok) throw new Error('expected a refusal');
    expect(refusalText(parsed, namesOf(doc)).split('\n').map((line) => line.slice(0, line.indexOf(':', line.indexOf('›'))))).toEqual([
      'Modello “Ricerca” › Parametri di ricerca › 1 › Nome',
      'Modello “Ricerca” › In caso di timeout o errore',
      'Modello “Avviso” › Corpo del webhook › phone › Valore',
    ]);
  });
});

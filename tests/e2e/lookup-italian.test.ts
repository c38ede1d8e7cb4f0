// An Italian agent whose CRM lookup finds nothing to open reads why, in Italian, on the waiting
// page and in diagnostics — the reasons the network and the API gave included.
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXTENSION_ID, tabsAt } from '../support/browser';
import { startCrmApi, type CrmApi } from '../support/crm-api';
import { emitOn, openDesktop, useWorld } from '../support/world';

let api: CrmApi;
let desktop: Page;

beforeAll(async () => {
  api = await startCrmApi();
});
afterAll(async () => api?.close());

const world = useWorld(
  (sites) => ({
    version: 1,
    sources: [{ id: 'sp', adapter: 'screenpop', pages: [`${sites.desktopOrigin}/desktop/agentdesktop.html*`] }],
    templates: [
      {
        id: 'voice-record',
        name: 'Scheda cliente',
        when: { phases: ['ringing'], channels: ['voice'] },
        // Neither a new-contact page nor a fallback page: when the CRM says no, nothing opens.
        lookup: { request: { method: 'GET', url: `${api.origin}/api/contacts`, params: [{ name: 'phone', value: '{ANI|e164}' }], timeoutMs: 1500 }, results: 'data.items', vars: { ACCOUNT_ID: 'id' } },
        url: `${sites.otherOrigin}/crm/contacts/{ACCOUNT_ID}`,
        action: { type: 'tab', target: 'CRM {INTERACTION_ID}' },
      },
    ],
    settings: {},
  }),
  { lang: 'it' },
);

beforeAll(async () => {
  desktop = await openDesktop(world, 'agentdesktop.html');
});

const waitingPage = (call: string) => `chrome-extension://${EXTENSION_ID}/src/lookup/index.html?id=${encodeURIComponent(`sp/${call}|voice-record`)}`;

async function why(call: string, ani: string): Promise<string> {
  await emitOn(desktop, { screenpop: 1, phase: 'ringing', interactionId: call, channel: 'voice', vars: { ANI: ani } });
  const [page] = await tabsAt(world.ext, waitingPage(call));
  await page!.waitForSelector('#lookup-why');
  expect(await page!.$eval('#lookup-status', (el) => el.textContent)).toBe('La ricerca nel CRM non ha trovato nulla da aprire per questa interazione.');
  const text = await page!.$eval('#lookup-why', (el) => el.textContent ?? '');
  await page!.close();
  return text;
}

describe('a lookup that opens nothing, in Italian', () => {
  it('HTTP 500 and no fallback page: the waiting page and diagnostics say so, naming the field by its label', async () => {
    api.answers.set('+393332000001', { status: 500, body: { error: 'boom' } });
    expect(await why('call-it-1', '+393332000001')).toBe('Perché: errore HTTP 500; nulla è impostato in "In caso di timeout o errore: apri"');
    const page = await world.ext.browser.newPage();
    await page.goto(`${world.ext.optionsUrl}#diagnostics`);
    await page.waitForFunction(() => (document.querySelector('#diagnostics-log')?.textContent ?? '').includes('nulla aperto'));
    const lines = await page.$$eval('#diagnostics-log li .summary', (els) => els.map((el) => el.textContent ?? ''));
    expect(lines.some((line) => /^Scheda cliente: ricerca non riuscita dopo \d+ ms: errore HTTP 500$/.test(line))).toBe(true);
    expect(lines).toContain('Scheda cliente: nulla aperto (errore HTTP 500; nulla è impostato in "In caso di timeout o errore: apri")');
    expect(lines.join('\n')).not.toMatch(/no fallbackUrl|lookup failed/);
    await page.close();
  });

  it('no match and no new-contact page: the waiting page says which field would have opened one', async () => {
    expect(await why('call-it-2', '+393332000002')).toBe('Perché: nessun risultato, e nulla è impostato in "Se nulla corrisponde: apri"');
  });
});

// A Russian agent reads the lookup's lines in diagnostics with Russian plurals (1 совпадение,
// 3 совпадения, 5 совпадений) and the rule that chose the record in words, not "first" (#13).
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/browser';
import { contacts, startCrmApi, type CrmApi } from '../support/crm-api';
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
        id: 'card',
        name: 'Карточка',
        when: { phases: ['ringing'], channels: ['voice'] },
        lookup: {
          request: { method: 'GET', url: `${api.origin}/api/contacts`, params: [{ name: 'phone', value: '{ANI|e164}' }], timeoutMs: 3000 },
          results: 'data.items',
          vars: { ACCOUNT_ID: 'id' },
          multipleMatches: 'first',
        },
        url: `${sites.otherOrigin}/crm/contacts/{ACCOUNT_ID}`,
        action: { type: 'tab', target: 'CRM {INTERACTION_ID}', focus: false },
      },
    ],
    settings: {},
  }),
  { lang: 'ru' },
);

beforeAll(async () => {
  desktop = await openDesktop(world, 'agentdesktop.html');
});

const people = (n: number) => contacts(...Array.from({ length: n }, (_, i) => ({ id: `C-${n}-${i}`, name: `Клиент ${i}` })));

async function lookupLines(call: string, ani: string, found: number): Promise<string[]> {
  api.answers.set(ani, people(found));
  await emitOn(desktop, { screenpop: 1, phase: 'ringing', interactionId: call, channel: 'voice', vars: { ANI: ani } });
  await waitFor(() => world.sites.received.find((r) => r.path === `/crm/contacts/C-${found}-0`), `the record of ${call}`);
  const page = await world.ext.browser.newPage();
  await page.goto(`${world.ext.optionsUrl}#diagnostics`);
  const lines = await waitFor(async () => {
    const all = await page.$$eval('#diagnostics-log li .summary', (els) => els.map((el) => el.textContent ?? '')).catch(() => [] as string[]);
    return all.some((line) => line.includes(`CRM ${call}`)) ? all : undefined;
  }, `the diagnostics of ${call}`);
  await page.close();
  return lines;
}

describe('lookup lines in Russian', () => {
  it('one, few and many matches, each in its plural form; the rule in words', async () => {
    const one = await lookupLines('call-ru-1', '+79161000001', 1);
    expect(one.some((line) => /^Карточка: поиск ответил HTTP 200 за \d+ мс, 1 совпадение$/.test(line))).toBe(true);
    expect(one).toContain('Карточка: карточка открыта во вкладке «CRM call-ru-1» (1 совпадение, единственное)');

    const few = await lookupLines('call-ru-3', '+79161000003', 3);
    expect(few.some((line) => /^Карточка: поиск ответил HTTP 200 за \d+ мс, 3 совпадения$/.test(line))).toBe(true);
    expect(few).toContain('Карточка: карточка открыта во вкладке «CRM call-ru-3» (3 совпадения, открыто первое)');

    const many = await lookupLines('call-ru-5', '+79161000005', 5);
    expect(many).toContain('Карточка: карточка открыта во вкладке «CRM call-ru-5» (5 совпадений, открыто первое)');
    expect(many.join('\n')).not.toMatch(/match|first|single|rule/);
  });
});

// An Italian agent with no channel labels configured (#13): the CRM tab of a call is "CRM Voce",
// not "CRM Voice"; the diagnostics say so in Italian; a wildcard over a public suffix is refused
// in Italian.
import { beforeAll, describe, expect, it } from 'vitest';
import { pagesAt, waitFor } from '../support/browser';
import { emitOn, openDesktop, useWorld } from '../support/world';

const world = useWorld(
  (sites) => ({
    version: 1,
    sources: [{ id: 'ad', adapter: 'agentdesktop', pages: [`${sites.desktopOrigin}/desktop/agentdesktop.html*`] }],
    templates: [{ id: 'chiamate', when: { phases: ['ringing'], channels: ['voice'] }, url: `${sites.otherOrigin}/crm/phone?ani={ANI}`, action: { type: 'tab', focus: false } }],
    settings: {},
  }),
  { lang: 'it' },
);

beforeAll(async () => {
  const desk = await openDesktop(world, 'agentdesktop.html');
  await emitOn(desk, { event: 'RINGING', id: 'ct7-u-1', uuid: 'u-1', type: 'inbound', media_type: 'telephony', ani: '+390612345678', queue: 'Vendite' });
});

describe('Italian channel names', () => {
  it('a call opens the tab "CRM Voce"', async () => {
    const { ext, sites } = world;
    const voice = await waitFor(async () => {
      for (const page of await pagesAt(ext, `${sites.otherOrigin}/crm/phone`)) if ((await page.title()) === 'CRM Voce') return page;
      return undefined;
    }, 'a tab titled "CRM Voce"');
    expect(voice).toBeTruthy();
  });

  it('the diagnostics name the tab as it opened, in Italian', async () => {
    const page = await world.ext.browser.newPage();
    await page.goto(`${world.ext.optionsUrl}#diagnostics`);
    const text = await waitFor(async () => {
      const log = await page.$eval('#diagnostics-log', (el) => el.textContent ?? '').catch(() => '');
      return log.includes('chiamate: scheda "CRM Voce" aperta') ? log : undefined;
    }, 'the line of the opened tab');
    expect(text).toContain('squillo');
    await page.close();
  });

  it('a wildcard over a public suffix is refused in Italian', async () => {
    const page = await world.ext.browser.newPage();
    await page.goto(`${world.ext.optionsUrl}#sources`);
    const field = await page.waitForSelector('#f-settings-allowedUrlPrefixes');
    await field!.click();
    await page.keyboard.type('https://*.com/');
    const error = await page.waitForSelector('.field-error[data-field="settings.allowedUrlPrefixes"]');
    expect(await error!.evaluate((el) => el.textContent)).toBe('"*.com" copre un intero suffisso pubblico: indica un dominio registrabile, come "*.example.com"');
    await page.close();
  });
});

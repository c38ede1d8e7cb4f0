// An Italian agent imports a file: the page says, in Italian, what it will add and remove and
// asks first; cancelling changes nothing; after importing, the last save can be undone.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/browser';
import { useWorld } from '../support/world';

const world = useWorld(
  () => ({
    version: 1,
    sources: [{ id: 'ccai', adapter: 'ccai', pages: ['https://crm.example.com/*'] }],
    templates: [{ id: 'old', name: 'Vecchio CRM', url: 'https://crm.example.com/old' }],
  }),
  { lang: 'it' },
);

let page: Page;
const file = path.join(tmpdir(), `crm-screenpop-import-it-${process.pid}.json`);
const templateNames = async () =>
  ((await page.evaluate(() => chrome.runtime.sendMessage({ kind: 'config/get' }))) as { user: { templates: Array<{ name: string }> } }).user.templates.map((t) => t.name);

beforeAll(async () => {
  page = await world.ext.browser.newPage();
  await page.goto(`${world.ext.optionsUrl}#transfer`);
  writeFileSync(
    file,
    JSON.stringify({
      version: 1,
      sources: [{ id: 'ccai', adapter: 'ccai', pages: ['https://crm.example.com/*'] }],
      templates: [{ id: 'new', name: 'Nuovo CRM', url: 'https://crm.example.com/new' }],
    }),
  );
});

describe('import and undo (Italian)', () => {
  it('asks first, saying what the file adds and removes; cancel changes nothing', async () => {
    const input = (await page.waitForSelector('#import-file')) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(file);
    const ask = await page.waitForSelector('#import-confirm');
    expect(await ask!.evaluate((el) => el.querySelector('p')?.textContent)).toBe(`Importare “${path.basename(file)}” farà questo:`);
    expect(await ask!.evaluate((el) => [...el.querySelectorAll('li')].map((li) => li.textContent))).toEqual([
      'aggiungere il modello “Nuovo CRM”',
      'rimuovere il modello “Vecchio CRM”',
    ]);
    await page.click('#import-cancel');
    expect(await page.$('#import-confirm')).toBeNull();
    expect(await templateNames()).toEqual(['Vecchio CRM']);
  });

  it('imports when confirmed, and "Annulla l\'ultimo salvataggio" puts the previous configuration back', async () => {
    const input = (await page.$('#import-file')) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(file);
    await page.waitForSelector('#import-confirm');
    await page.click('#import-apply');
    await waitFor(async () => (await templateNames()).includes('Nuovo CRM'), 'the import');
    const undo = await page.waitForSelector('#import-undo');
    expect(await undo!.evaluate((el) => el.textContent)).toBe("Annulla l'ultimo salvataggio");
    await undo!.click();
    await waitFor(async () => (await templateNames()).join() === 'Vecchio CRM', 'the undo');
    await waitFor(
      async () => (await page.$eval('#import-status', (el) => el.textContent).catch(() => '')) === 'Ultimo salvataggio annullato: è di nuovo in uso la configurazione precedente.',
      'the undone status',
    );
  });
});

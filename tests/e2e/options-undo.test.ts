// A Russian agent changes the CRM URL on the options page, saves, and sees the next call pop the
// new page; "Отменить последнее сохранение" puts the configuration before it back — on the page,
// in storage, and in what the next call opens.
import type { Page } from 'puppeteer-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { pagesAt, waitFor } from '../support/browser';
import { emitOn, openDesktop, useWorld } from '../support/world';

const world = useWorld(
  (sites) => ({
    version: 1,
    sources: [{ id: 'sp', adapter: 'screenpop', pages: [`${sites.desktopOrigin}/desktop/agentdesktop.html*`] }],
    templates: [
      {
        id: 'voice',
        name: 'Звонок',
        when: { phases: ['ringing'], channels: ['voice'] },
        url: `${sites.otherOrigin}/crm/old?ani={ANI}`,
        action: { type: 'tab', target: 'CRM {INTERACTION_ID}', focus: false },
      },
    ],
  }),
  { lang: 'ru' },
);

let options: Page;
let desktop: Page;

const storedUrl = async () =>
  ((await options.evaluate(() => chrome.runtime.sendMessage({ kind: 'config/get' }))) as { user: { templates: Array<{ url?: string }> } }).user.templates[0]?.url;
const urlField = '#f-templates-0-url';

async function ring(call: string, ani: string): Promise<string> {
  await emitOn(desktop, { screenpop: 1, phase: 'ringing', interactionId: call, channel: 'voice', vars: { ANI: ani } });
  const tab = await waitFor(async () => (await pagesAt(world.ext, `${world.sites.otherOrigin}/crm/`)).find((p) => p.url().endsWith(`ani=${ani}`)), `the pop for ${call}`);
  const url = tab.url();
  await tab.close();
  return url;
}

beforeAll(async () => {
  desktop = await openDesktop(world, 'agentdesktop.html');
  options = await world.ext.browser.newPage();
  await options.goto(world.ext.optionsUrl);
  await options.waitForSelector('details[data-template="voice"]');
  if (!(await options.$('details[data-template="voice"][open]'))) await options.click('details[data-template="voice"] summary');
});

describe('undo after a normal Save (Russian)', () => {
  it('saves a change, undoes it: the page, storage and the next pop are back to the previous configuration', async () => {
    const oldUrl = `${world.sites.otherOrigin}/crm/old?ani={ANI}`;
    const newUrl = `${world.sites.otherOrigin}/crm/new?ani={ANI}`;
    await options.focus(urlField);
    await options.$eval(urlField, (el) => (el as HTMLInputElement).select());
    await options.keyboard.press('Backspace');
    await options.type(urlField, newUrl);
    await options.click('#save-config');
    await waitFor(async () => (await storedUrl()) === newUrl, 'the save');
    expect(await ring('call-ru-1', '111')).toBe(`${world.sites.otherOrigin}/crm/new?ani=111`);

    const undo = await options.waitForSelector('#undo-save', { timeout: 5_000 });
    expect(await undo!.evaluate((el) => el.textContent)).toBe('Отменить последнее сохранение');
    await undo!.click();
    await waitFor(async () => (await storedUrl()) === oldUrl, 'the undo');
    await waitFor(
      async () => (await options.$eval('#save-status', (el) => el.textContent).catch(() => '')) === 'Последнее сохранение отменено: снова действует прежняя конфигурация.',
      'the undone status',
    );
    expect(await options.$eval(urlField, (el) => (el as HTMLInputElement).value)).toBe(oldUrl);
    // Undo happens once: undoing the undo would be a new save.
    expect(await options.$('#undo-save')).toBeNull();
    expect(await ring('call-ru-2', '222')).toBe(`${world.sites.otherOrigin}/crm/old?ani=222`);
  });
});

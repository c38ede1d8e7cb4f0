// A Russian agent sets up, through the options page only, what the configuration reference
// promises: a lookup that POSTs a JSON body (wrapped in a container, as a webhook can be); the CRM
// origins the side panel may frame, completed from what was typed, a mistake named by the field's
// label, and host access listed for them.
import type { Page } from 'puppeteer-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/browser';
import { useWorld } from '../support/world';

const world = useWorld(
  () => ({
    version: 1,
    sources: [{ id: 'ccai', adapter: 'ccai', pages: ['https://crm.example.com/*'] }],
    templates: [{ id: 'crm', name: 'Карточка клиента', url: 'https://crm.example.com/contact/{ACCOUNT_ID}' }],
  }),
  { lang: 'ru' },
);

let page: Page;

const LABEL = 'CRM, которые боковая панель может показать, хотя они запрещают встраивание (по адресу сайта в строке)';
// A wildcard over a whole public suffix is refused with its own message, naming what to write instead.
const ORIGIN_MESSAGE = '«*.com» охватывает целый публичный суффикс: укажите регистрируемый домен, например «*.example.com»';

type Stored = { templates: Array<{ id: string; url?: string; lookup?: { request: Record<string, unknown> } }>; settings: Record<string, unknown> };
const stored = async () => ((await page.evaluate(() => chrome.runtime.sendMessage({ kind: 'config/get' }))) as { user: Stored }).user;
const labelOf = (id: string) => page.$eval(`label[for="${id}"]`, (el) => el.textContent);

async function replaceText(selector: string, text: string) {
  await page.focus(selector);
  await page.$eval(selector, (el) => (el as HTMLInputElement | HTMLTextAreaElement).select());
  await page.keyboard.press('Backspace');
  await page.type(selector, text);
}

async function save() {
  await page.click('#save-config');
  await page.waitForSelector('#save-status');
}

beforeAll(async () => {
  page = await world.ext.browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  await page.goto(world.ext.optionsUrl);
  await page.waitForSelector('details[data-template="crm"]');
});

describe('the options page edits what the reference documents (Russian)', () => {
  it('a lookup that POSTs its search as a JSON body inside a container: set in the editor, saved as such', async () => {
    if (!(await page.$('details[data-template="crm"][open]'))) await page.click('details[data-template="crm"] summary');
    await page.click('#f-templates-0-lookup-enabled');
    await replaceText('#f-templates-0-lookup-request-url', 'https://crm.example.com/api/search');
    await page.select('#f-templates-0-lookup-request-method', 'POST');
    const body = await page.waitForSelector('#f-templates-0-lookup-request-body', { timeout: 5_000 });
    expect(await labelOf('f-templates-0-lookup-request-body')).toBe('Тело');
    // Form first, then back to JSON: the choice is the agent's, not the default left alone.
    await page.select('#f-templates-0-lookup-request-body', 'form');
    await page.select('#f-templates-0-lookup-request-body', 'json');
    expect(await body!.evaluate((el) => (el as HTMLSelectElement).value)).toBe('json');
    expect(await labelOf('f-templates-0-lookup-request-container-type')).toBe('Контейнер');
    await page.select('#f-templates-0-lookup-request-container-type', 'map');
    await replaceText('#f-templates-0-lookup-request-container-name', 'query');
    // The search parameters keep their variable picker.
    expect(await page.$('#f-templates-0-lookup-request-params-0-value-vars')).not.toBeNull();
    await save();
    await waitFor(async () => (await stored()).templates[0]?.lookup?.request.method === 'POST', 'the saved lookup');
    const request = (await stored()).templates[0]!.lookup!.request;
    expect(request).toMatchObject({
      method: 'POST',
      url: 'https://crm.example.com/api/search',
      body: 'json',
      container: { type: 'map', name: 'query' },
      params: [{ name: 'phone', value: '{ANI|e164}', enabled: true }],
    });
  });

  it('the side panel\'s CRM origins: a list field under Settings, a mistake named by its label, host access listed', async () => {
    await page.goto(`${world.ext.optionsUrl}#sources`);
    const field = '#f-settings-sidePanelOrigins';
    await page.waitForSelector(field, { timeout: 5_000 });
    expect(await labelOf('f-settings-sidePanelOrigins')).toBe(LABEL);
    await page.type(field, 'crm.example.com/app\nhttps://*.com');
    await page.click('#settings-heading');
    // A typed address becomes its origin when the agent leaves the field.
    await waitFor(async () => (await page.$eval(field, (el) => (el as HTMLTextAreaElement).value)) === 'https://crm.example.com\nhttps://*.com', 'the completed origin');
    await save();
    const summary = await page.$$eval('#save-status li', (els) => els.map((el) => el.textContent));
    expect(summary).toEqual([`Настройки › ${LABEL.replace(/\s*\(.*\)$/, '')}: ${ORIGIN_MESSAGE}`]);
    expect(await page.$eval(`${field}-err`, (el) => el.textContent)).toBe(ORIGIN_MESSAGE);
    expect((await stored()).settings.sidePanelOrigins).toBeUndefined();

    await replaceText(field, 'https://crm.example.com\nhttps://*.example.net');
    await save();
    await waitFor(async () => JSON.stringify((await stored()).settings.sidePanelOrigins) === '["https://crm.example.com","https://*.example.net"]', 'the saved origins');
    const access = await page.$$eval('#host-access code', (els) => els.map((el) => el.textContent));
    expect(access).toContain('https://*.example.net/*');
  });
});

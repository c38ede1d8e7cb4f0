// The template editor helps an agent who never saw JSON (English and Russian): it warns about
// placeholders that would silently fail, inserts variables, shows the template on a sample event,
// completes a bare site into a page pattern, and after saving says what cannot fire and what next.
import type { Page } from 'puppeteer-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/browser';
import { useWorld, type World } from '../support/world';

const TEXT = {
  en: {
    unknown: '{PHONE} is not a variable your agent desktop sends: it will be empty. Pick one from “Insert a variable”.',
    unbalanced: 'A brace is not closed: write placeholders as {NAME} or {NAME|filter}, or they go into the URL as text.',
    nonLatin: '{ТЕЛЕФОН}: variable names are written in Latin letters (e.g. {ANI}); this goes into the URL as text.',
    sample: 'On the sample “New_Chat — WhatsApp (+39 333 …)” it opens: https://crm.example.com/x?p=%2B393331234567',
    refused: '“Other site” will be refused',
    next: 'Next: take a chat or a call; if nothing opens, the toolbar menu and Diagnostics say why.',
  },
  ru: {
    unknown: '{PHONE} — не переменная вашего рабочего места оператора: она будет пустой. Выберите переменную в списке «Вставить переменную».',
    unbalanced: 'Фигурная скобка не закрыта: пишите подстановки как {ИМЯ} или {ИМЯ|фильтр}, иначе они попадут в URL как текст.',
    nonLatin: '{ТЕЛЕФОН}: имена переменных пишутся латиницей (напр. {ANI}); это попадёт в URL как текст.',
    sample: 'На примере «New_Chat — WhatsApp (+39 333 …)» откроется: https://crm.example.com/x?p=%2B393331234567',
    refused: '«Other site» будет отклонён',
    next: 'Дальше: примите чат или звонок; если ничего не откроется, меню расширения и «Диагностика» объяснят почему.',
  },
} as const;

async function replaceText(page: Page, selector: string, text: string) {
  await page.click(selector, { count: 3 });
  await page.keyboard.press('Backspace');
  await page.type(selector, text);
}

const warnings = (page: Page) =>
  page.$$eval('details[data-template="wa"] .template-warnings li', (els) => els.map((el) => el.textContent));

describe.each(['en', 'ru'] as const)('template editor (%s)', (lang) => {
  const text = TEXT[lang];
  const world: World = useWorld(
    () => ({
      version: 1,
      sources: [{ id: 'ccai', adapter: 'ccai', pages: ['https://crm.example.com/*'] }],
      templates: [
        { id: 'wa', name: 'WhatsApp', url: 'https://crm.example.com/x' },
        { id: 'other', name: 'Other site', url: 'https://elsewhere.example.org/x' },
      ],
      settings: { allowedUrlPrefixes: ['https://crm.example.com/'] },
    }),
    { lang },
  );
  let page: Page;

  beforeAll(async () => {
    page = await world.ext.browser.newPage();
    await page.setViewport({ width: 400, height: 900 });
    await page.goto(world.ext.optionsUrl);
    await page.waitForSelector('details[data-template="wa"]');
    if (!(await page.$('details[data-template="wa"][open]'))) await page.click('details[data-template="wa"] summary');
  });

  it('warns about an unknown variable, an unclosed brace and a non-Latin placeholder', async () => {
    await replaceText(page, '#f-templates-0-url', 'https://crm.example.com/x?p={PHONE}');
    await waitFor(async () => (await warnings(page)).includes(text.unknown), 'the unknown-variable warning');
    await replaceText(page, '#f-templates-0-url', 'https://crm.example.com/x?p={ANI|e164');
    await waitFor(async () => (await warnings(page)).includes(text.unbalanced), 'the unbalanced warning');
    await replaceText(page, '#f-templates-0-url', 'https://crm.example.com/x?p={ТЕЛЕФОН}');
    await waitFor(async () => (await warnings(page)).includes(text.nonLatin), 'the non-Latin warning');
  });

  it('the variable picker inserts a placeholder, and the editor shows the template on a sample event', async () => {
    await replaceText(page, '#f-templates-0-url', 'https://crm.example.com/x?p=');
    await page.select('#f-templates-0-url-vars', 'ANI');
    await waitFor(async () => (await page.$eval('#f-templates-0-url', (el) => (el as HTMLInputElement).value)) === 'https://crm.example.com/x?p={ANI}', 'the inserted variable');
    expect(await warnings(page)).toEqual([]);
    const sample = await page.$eval('details[data-template="wa"] .template-sample', (el) => el.textContent);
    expect(sample).toBe(text.sample);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  });

  it('saving says which template cannot fire and what to do next', async () => {
    await page.click('#save-config');
    const status = await page.waitForSelector('#save-status');
    await waitFor(async () => ((await status!.evaluate((el) => el.textContent)) ?? '').includes(text.next), 'the next step');
    const details = await page.$$eval('#save-status li', (els) => els.map((el) => el.textContent ?? ''));
    expect(details).toHaveLength(1);
    expect(details[0]).toContain(text.refused);
  });

  it('"Add a source" does not greet the agent with an error before they typed anything', async () => {
    await page.click('nav a[href="#sources"]');
    await page.waitForSelector('#add-source');
    // At 400 px the sticky save bar may cover the button: click it the way the keyboard would.
    await page.$eval('#add-source', (el) => (el as HTMLButtonElement).click());
    await page.waitForSelector('#f-sources-1-pages');
    expect(await page.$('.field-error[data-field="sources[1].pages"]')).toBeNull();
    await page.$eval('fieldset[data-source="source-1"] .danger', (el) => (el as HTMLButtonElement).click());
  });

  it('a bare site typed as a page becomes a page pattern', async () => {
    await replaceText(page, '#f-sources-0-pages', 'https://desk.example.com');
    await page.click('#f-sources-0-senders');
    await waitFor(async () => (await page.$eval('#f-sources-0-pages', (el) => (el as HTMLTextAreaElement).value)) === 'https://desk.example.com/*', 'the completed pattern');
  });
});

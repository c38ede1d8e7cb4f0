// The template editor helps an agent who never saw JSON (English and Russian): beside every field
// that takes placeholders it warns about those that would silently fail (naming the field) and
// inserts variables at the caret, by mouse or keyboard; it shows the template on a sample event,
// completes a bare site into a page pattern, and after saving says what cannot fire and what next.
import type { Page } from 'puppeteer-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { screenshotPath, waitFor } from '../support/browser';
import { useWorld, type World } from '../support/world';
import { axeViolations } from './options-support';

const TEXT = {
  en: {
    url: 'In “CRM URL”: ',
    body: 'In “Webhook body › phone”: ',
    clipboard: 'In “Text to copy”: ',
    unknown: '{PHONE} is not a variable your agent desktop sends: it will be empty. Pick one from “Insert a variable”.',
    unbalanced: 'A brace is not closed: write placeholders as {NAME} or {NAME|filter}, or they stay as plain text.',
    nonLatin: '{ТЕЛЕФОН}: variable names are written in Latin letters (e.g. {ANI}); this stays as plain text.',
    picker: 'Insert a variable into “Search parameters › who”',
    sample: 'On the sample “New_Chat — WhatsApp (+39 333 …)” it opens: https://crm.example.com/x?p=%2B393331234567',
    refused: '“Other site” will be refused',
    next: 'Next: take a chat or a call; if nothing opens, the toolbar menu and Diagnostics say why.',
  },
  ru: {
    url: 'Поле «URL CRM»: ',
    body: 'Поле «Тело вебхука › phone»: ',
    clipboard: 'Поле «Текст для копирования»: ',
    unknown: '{PHONE} — не переменная вашего рабочего места оператора: она будет пустой. Выберите переменную в списке «Вставить переменную».',
    unbalanced: 'Фигурная скобка не закрыта: пишите подстановки как {ИМЯ} или {ИМЯ|фильтр}, иначе они останутся обычным текстом.',
    nonLatin: '{ТЕЛЕФОН}: имена переменных пишутся латиницей (напр. {ANI}); это останется обычным текстом.',
    picker: 'Вставить переменную в поле «Параметры поиска › who»',
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

const valueOf = (page: Page, selector: string) => page.$eval(selector, (el) => (el as HTMLInputElement).value);
const focused = (page: Page) => page.evaluate(() => document.activeElement?.id);

/** Puts the caret `fromEnd` characters before the end of the field, with the keyboard. */
async function caretAt(page: Page, selector: string, fromEnd: number) {
  await page.focus(selector);
  await page.keyboard.press('End');
  for (let i = 0; i < fromEnd; i++) await page.keyboard.press('ArrowLeft');
}

/** Moves a focused, closed picker onto `name` with the arrow keys (each press is a change in Chrome). */
async function arrowTo(page: Page, picker: string, name: string) {
  const index = await page.$eval(picker, (el, n) => [...(el as HTMLSelectElement).options].findIndex((o) => o.value === n), name);
  expect(index).toBeGreaterThan(0);
  for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
  await waitFor(async () => (await valueOf(page, picker)) === name, `${name} chosen in ${picker}`);
}

/** Opens a template's card. */
async function open(page: Page, id: string) {
  if (!(await page.$(`details[data-template="${id}"][open]`))) await page.click(`details[data-template="${id}"] summary`);
}

describe.each(['en', 'ru'] as const)('template editor (%s)', (lang) => {
  const text = TEXT[lang];
  const world: World = useWorld(
    () => ({
      version: 1,
      sources: [{ id: 'ccai', adapter: 'ccai', pages: ['https://crm.example.com/*'] }],
      templates: [
        { id: 'wa', name: 'WhatsApp', url: 'https://crm.example.com/x' },
        { id: 'other', name: 'Other site', url: 'https://elsewhere.example.org/x' },
        { id: 'hook', name: 'Webhook', url: 'https://crm.example.com/hook', params: [{ name: 'phone', value: 'tel:/mobile' }], action: { type: 'webhook' } },
        {
          id: 'look',
          name: 'Lookup',
          url: 'https://crm.example.com/contact/{ACCOUNT_ID}',
          lookup: { request: { url: 'https://crm.example.com/api/contacts', params: [{ name: 'who', value: '=DEFAULT_VALUE(, {EMAIL})' }] }, vars: { ACCOUNT_ID: 'id' } },
        },
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
    await open(page, 'wa');
  });

  it('warns about an unknown variable, an unclosed brace and a non-Latin placeholder', async () => {
    await replaceText(page, '#f-templates-0-url', 'https://crm.example.com/x?p={PHONE}');
    await waitFor(async () => (await warnings(page)).includes(text.url + text.unknown), 'the unknown-variable warning');
    await replaceText(page, '#f-templates-0-url', 'https://crm.example.com/x?p={ANI|e164');
    await waitFor(async () => (await warnings(page)).includes(text.url + text.unbalanced), 'the unbalanced warning');
    await replaceText(page, '#f-templates-0-url', 'https://crm.example.com/x?p={ТЕЛЕФОН}');
    await waitFor(async () => (await warnings(page)).includes(text.url + text.nonLatin), 'the non-Latin warning');
  });

  it('a variable picked with the mouse goes in at the caret, and the editor shows the template on a sample event', async () => {
    await replaceText(page, '#f-templates-0-url', 'https://crm.example.com/x?p=&c=1');
    await caretAt(page, '#f-templates-0-url', '&c=1'.length);
    // What a click on the list does before the choice (puppeteer cannot click into Chrome's popup).
    await page.$eval('#f-templates-0-url-vars', (el) => el.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true })));
    await page.select('#f-templates-0-url-vars', 'ANI');
    await waitFor(async () => (await valueOf(page, '#f-templates-0-url')) === 'https://crm.example.com/x?p={ANI}&c=1', 'the inserted variable');
    expect(await focused(page)).toBe('f-templates-0-url');
    expect(await valueOf(page, '#f-templates-0-url-vars')).toBe('');
    expect(await warnings(page)).toEqual([]);
    await replaceText(page, '#f-templates-0-url', 'https://crm.example.com/x?p={ANI}');
    const sample = await waitFor(async () => {
      const shown = await page.$eval('details[data-template="wa"] .template-sample', (el) => el.textContent);
      return shown === text.sample && shown;
    }, 'the sample');
    expect(sample).toBe(text.sample);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  });

  it('a typo in a webhook body field is named with that field', async () => {
    await open(page, 'hook');
    const field = '#f-templates-2-params-0-value';
    await replaceText(page, field, '{PHONE}');
    const shown = await waitFor(
      async () => (await page.$$eval(`${field}-lint li`, (els) => els.map((el) => el.textContent))).find((w) => w?.includes('{PHONE}')),
      'the warning under the body field',
    );
    expect(shown).toBe(text.body + text.unknown);
    expect(await page.$eval(field, (el) => el.getAttribute('aria-describedby'))).toContain('f-templates-2-params-0-value-lint');
    // The URL's own warnings say nothing about the body.
    expect(await page.$$eval('#f-templates-2-url-lint li', (els) => els.length)).toBe(0);
    await replaceText(page, field, 'tel:/mobile');
    await waitFor(async () => (await page.$$(`${field}-lint li`)).length === 0, 'the warning gone');
  });

  it('by keyboard, variables go in at the caret of a webhook body field and a lookup parameter, and are saved there', async () => {
    const body = '#f-templates-2-params-0-value';
    await caretAt(page, body, '/mobile'.length);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('f-templates-2-params-0-value-vars');
    await arrowTo(page, `${body}-vars`, 'ANI');
    // Browsing the list with the arrows types nothing: the Insert button commits.
    expect(await valueOf(page, body)).toBe('tel:/mobile');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('f-templates-2-params-0-value-insert');
    await page.keyboard.press('Enter');
    await waitFor(async () => (await valueOf(page, body)) === 'tel:{ANI}/mobile', 'ANI in the body field');
    expect(await focused(page)).toBe('f-templates-2-params-0-value');
    expect(await page.$eval(body, (el) => (el as HTMLInputElement).selectionStart)).toBe('tel:{ANI}'.length);

    await open(page, 'look');
    const param = '#f-templates-3-lookup-request-params-0-value';
    await caretAt(page, param, ', {EMAIL})'.length);
    await page.keyboard.press('Tab');
    expect(await page.$eval(`${param}-vars`, (el) => el.getAttribute('aria-label'))).toBe(text.picker);
    await arrowTo(page, `${param}-vars`, 'CHAT_ID');
    await page.keyboard.press('Enter');
    await waitFor(async () => (await valueOf(page, param)) === '=DEFAULT_VALUE({CHAT_ID}, {EMAIL})', 'CHAT_ID in the lookup parameter');
    expect(await focused(page)).toBe('f-templates-3-lookup-request-params-0-value');

    await page.$eval('#save-config', (el) => (el as HTMLButtonElement).click());
    await waitFor(async () => ((await page.$eval('#save-status', (el) => el.textContent).catch(() => '')) ?? '').includes(text.next), 'saved');
    const stored = (await page.evaluate(() => chrome.runtime.sendMessage({ kind: 'config/get' }))) as {
      user: { templates: Array<{ id: string; params: Array<{ value: string }>; lookup?: { request: { params: Array<{ value: string }> } } }> };
    };
    const byId = new Map(stored.user.templates.map((t) => [t.id, t]));
    expect(byId.get('hook')?.params[0]?.value).toBe('tel:{ANI}/mobile');
    expect(byId.get('look')?.lookup?.request.params[0]?.value).toBe('=DEFAULT_VALUE({CHAT_ID}, {EMAIL})');
  });

  it('every picker is labelled with its field, controls it, and fits at 400 px', async () => {
    for (const id of ['wa', 'other', 'hook', 'look']) await open(page, id);
    const pickers = await page.$$eval('.var-picker select', (els) =>
      els.map((el) => ({ label: el.getAttribute('aria-label') ?? '', field: document.getElementById(el.getAttribute('aria-controls') ?? '')?.tagName })),
    );
    // wa: URL, tab name; other: the same; hook: URL, body field; look: URL, tab name, request URL and
    // parameter, chooser label, no-match and fallback URLs.
    expect(pickers.length).toBe(13);
    expect(pickers.filter((p) => p.field !== 'INPUT')).toEqual([]);
    expect(new Set(pickers.map((p) => p.label)).size).toBeGreaterThanOrEqual(8);
    expect(await axeViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    // Nor past the box it is in (a parameter row's picker once overflowed its fieldset, not the page).
    const sticking = await page.$$eval('.var-picker button', (els) =>
      els.filter((el) => el.getBoundingClientRect().right > (el.closest('fieldset, details')?.getBoundingClientRect().right ?? Infinity)).map((el) => el.id),
    );
    expect(sticking).toEqual([]);
    await page.$eval('#f-templates-2-url', (el) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: screenshotPath(`template-fields-400-${lang}.png`) });
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

  it('the clipboard text and the notification title have their own picker and warnings', async () => {
    await page.click('nav a[href="#templates"]');
    await page.waitForSelector('details[data-template="other"]');
    await open(page, 'other');
    await page.select('#f-templates-1-action-type', 'clipboard');
    const text2 = '#f-templates-1-action-text';
    await replaceText(page, text2, 'Call {PHONE}');
    const shown = await waitFor(async () => (await page.$$eval(`${text2}-lint li`, (els) => els.map((el) => el.textContent)))[0], 'the clipboard warning');
    expect(shown).toBe(text.clipboard + text.unknown);
    await page.select('#f-templates-1-action-type', 'notify');
    const title = '#f-templates-1-action-title';
    await page.type(title, 'Missed call from ');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('f-templates-1-action-title-vars');
    await arrowTo(page, `${title}-vars`, 'ANI');
    await page.keyboard.press('Enter');
    await waitFor(async () => (await valueOf(page, title)) === 'Missed call from {ANI}', 'ANI in the title');
  });
});

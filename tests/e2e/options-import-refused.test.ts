// A Russian agent imports a file through the options page, or saves from the JSON view. When the worker refuses the document,
// the page says so in Russian, offers no undo, and the configuration in force stays the one the
// agent had; an import that the worker takes gets the same after-save report as Save (templates
// that cannot fire, what to do next).
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/browser';
import { useWorld } from '../support/world';

const world = useWorld(
  () => ({
    version: 1,
    sources: [{ id: 'ccai', adapter: 'ccai', pages: ['https://crm.example.com/*'] }],
    templates: [{ id: 'old', name: 'Старая CRM', url: 'https://crm.example.com/old' }],
  }),
  { lang: 'ru' },
);

let page: Page;
const refusedFile = path.join(tmpdir(), `crm-screenpop-import-ru-refused-${process.pid}.json`);
const idleFile = path.join(tmpdir(), `crm-screenpop-import-ru-idle-${process.pid}.json`);

const templateNames = async () =>
  ((await page.evaluate(() => chrome.runtime.sendMessage({ kind: 'config/get' }))) as { user: { templates: Array<{ name: string }> } }).user.templates.map((t) => t.name);
const status = () => page.$eval('#import-status', (el) => ({ text: el.textContent ?? '', role: el.getAttribute('role') })).catch(() => null);

async function importFile(file: string) {
  const input = (await page.waitForSelector('#import-file')) as ElementHandle<HTMLInputElement>;
  await input.uploadFile(file);
  await page.waitForSelector('#import-confirm');
}

/** The worker's check of a document (in its offscreen document) gets no answer while this holds. */
async function offscreenSilent(silent: boolean) {
  const worker = await world.ext.worker();
  await worker.evaluate((on: boolean) => {
    const g = globalThis as unknown as { realSend?: typeof chrome.runtime.sendMessage };
    g.realSend ??= chrome.runtime.sendMessage.bind(chrome.runtime);
    const real = g.realSend;
    chrome.runtime.sendMessage = (on
      ? (message: { kind?: string }) => (message?.kind === 'offscreen/validate' ? Promise.resolve(undefined) : real(message))
      : real) as typeof chrome.runtime.sendMessage;
  }, silent);
}

beforeAll(async () => {
  page = await world.ext.browser.newPage();
  await page.goto(`${world.ext.optionsUrl}#transfer`);
  writeFileSync(
    refusedFile,
    JSON.stringify({
      version: 1,
      sources: [{ id: 'ccai', adapter: 'ccai', pages: ['https://crm.example.com/*'] }],
      templates: [{ id: 'new', name: 'Новая CRM', url: 'https://crm.example.com/new' }],
    }),
  );
  // A template and no agent desktop: it can never fire.
  writeFileSync(idleFile, JSON.stringify({ version: 1, templates: [{ id: 'lonely', name: 'Одинокая CRM', url: 'https://crm.example.com/lonely' }] }));
});

afterAll(async () => {
  await offscreenSilent(false).catch(() => undefined);
});

describe('import through the options page (Russian)', () => {
  it('a document the worker refuses: the page says why in Russian, no undo, the configuration in force is kept', async () => {
    await importFile(refusedFile);
    await offscreenSilent(true);
    try {
      await page.click('#import-apply');
      await waitFor(async () => (await status())?.role === 'alert', 'the refusal');
    } finally {
      await offscreenSilent(false);
    }
    expect((await status())!.text).toBe('Не импортировано, ничего не изменилось: Не удалось проверить документ: фоновый (offscreen) документ не ответил.');
    expect(await page.$('#import-undo')).toBeNull();
    expect(await templateNames()).toEqual(['Старая CRM']);
    // The page still edits what is in force.
    await page.goto(`${world.ext.optionsUrl}#templates`);
    await page.waitForSelector('details[data-template="old"]');
    expect(await page.$('details[data-template="new"]')).toBeNull();
  });

  it('an accepted import reports, as Save does, the templates that cannot fire and what to do next', async () => {
    await page.goto(`${world.ext.optionsUrl}#transfer`);
    await importFile(idleFile);
    await page.click('#import-apply');
    await waitFor(async () => (await templateNames()).join() === 'Одинокая CRM', 'the import');
    await waitFor(async () => !!(await status())?.text.includes('импортирован'), 'the import status');
    const shown = (await status())!;
    expect(shown.text).toContain(`Файл ${path.basename(idleFile)} импортирован и сохранён.`);
    expect(shown.text).toContain('Дальше: примите чат или звонок; если ничего не откроется, меню расширения и «Диагностика» объяснят почему.');
    const details = await page.$$eval('#import-status li', (els) => els.map((el) => el.textContent));
    expect(details).toEqual([
      '«Одинокая CRM» никогда не сработает: не настроено ни одно рабочее место оператора (источник). Добавьте его в «Источники и настройки».',
    ]);
    expect(await page.$('#import-undo')).not.toBeNull();
  });

  it('a save from the JSON view reports the same: saved, what to do next, the templates that cannot fire', async () => {
    await page.goto(`${world.ext.optionsUrl}#json`);
    const area = await page.waitForSelector('#config-json');
    const doc = { version: 1, templates: [{ id: 'alone', name: 'Ещё одна CRM', url: 'https://crm.example.com/alone' }] };
    await area!.evaluate((el, text) => {
      (el as HTMLTextAreaElement).value = text;
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }, JSON.stringify(doc));
    await page.click('#save');
    await waitFor(async () => (await templateNames()).join() === 'Ещё одна CRM', 'the save');
    const shown = await waitFor(() => page.$eval('#status', (el) => ({ text: el.querySelector('p')?.textContent ?? '', role: el.getAttribute('role') })).catch(() => null), 'the status');
    expect(shown.text).toBe('Сохранено. Действует сразу. Дальше: примите чат или звонок; если ничего не откроется, меню расширения и «Диагностика» объяснят почему.');
    expect(shown.role).toBe('alert');
    expect(await page.$$eval('#status li', (els) => els.map((el) => el.textContent))).toEqual([
      '«Ещё одна CRM» никогда не сработает: не настроено ни одно рабочее место оператора (источник). Добавьте его в «Источники и настройки».',
    ]);
  });
});

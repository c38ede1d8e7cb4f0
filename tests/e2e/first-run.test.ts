// An agent who never saw JSON: the options page on an empty configuration guides them (English and
// Russian) — agent desktop, its address, the CRM page — previews the pop on the vendor's sample
// event, saves, says what to do next; the desktop then shows as "connected" and a call pops.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { screenshotPath, waitFor, type ExtensionBrowser } from '../support/browser';
import type { FakeSites } from '../support/fake-sites';
import { emitOn, openDesktop, useWorld, type World } from '../support/world';
import { axeViolations } from './options-support';

const ESTABLISHED = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, '../../src/core/samples/payloads/agentdesktop/telephony_established.json'), 'utf8'),
) as Record<string, unknown>;

const TEXT = {
  en: {
    heading: 'Set up CRM Screenpop in three answers',
    invalid: 'This is not a web address: type it like crm.example.com or https://crm.example.com/search.',
    done: 'Saved: it works from now on. Next:',
    connected: 'connected',
    templateName: 'CRM: customer card',
  },
  ru: {
    heading: 'Настройка CRM Screenpop: три ответа',
    invalid: 'Это не веб-адрес: введите его в виде crm.example.com или https://crm.example.com/search.',
    done: 'Сохранено: работает сразу. Дальше:',
    connected: 'подключено',
    templateName: 'CRM: карточка клиента',
  },
} as const;

async function typeInto(page: Page, selector: string, text: string) {
  await page.click(selector, { count: 3 });
  await page.keyboard.press('Backspace');
  await page.type(selector, text);
}

describe.each(['en', 'ru'] as const)('first-run guide (%s)', (lang) => {
  const text = TEXT[lang];
  const world: World = useWorld(() => ({ version: 1 }), { lang });
  let ext: ExtensionBrowser;
  let sites: FakeSites;
  let options: Page;

  beforeAll(async () => {
    ({ ext, sites } = world);
    options = await ext.browser.newPage();
    await options.setViewport({ width: 400, height: 900 });
    await options.goto(ext.optionsUrl);
  });

  it('an empty configuration opens on the guide, in the agent\'s language', async () => {
    const heading = await options.waitForSelector('#guide-heading');
    expect(await heading!.evaluate((el) => el.textContent)).toBe(text.heading);
    expect(await options.$eval('#guide-create', (el) => (el as HTMLButtonElement).disabled)).toBe(true);
    expect(await axeViolations(options)).toEqual([]);
  });

  it('an address that is not one is named as such; a bare site is completed', async () => {
    await options.click('input[name="guide-vendor"][value="agentdesktop"]');
    await typeInto(options, '#f-guide-desktop', 'hello');
    const error = await options.waitForSelector('[data-field="guide.desktop"]');
    expect(await error!.evaluate((el) => el.textContent)).toBe(text.invalid);
  });

  it('previews the pop on the vendor\'s sample event, then saves a working source and template', async () => {
    await typeInto(options, '#f-guide-desktop', `${sites.desktopOrigin}/desktop/agentdesktop.html`);
    await typeInto(options, '#f-guide-crm', `${sites.otherOrigin}/crm/guide`);
    const shown = await options.waitForSelector('#guide-preview');
    expect(await shown!.evaluate((el) => el.textContent)).toBe(`${sites.otherOrigin}/crm/guide?phone=%2B390212345678`);
    expect(await options.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    if (lang === 'en') await options.screenshot({ path: screenshotPath('first-run.png'), fullPage: true });
    await options.click('#guide-create');
    const done = await options.waitForSelector('#guide-done');
    expect(await done!.evaluate((el) => el.querySelector('p')?.textContent)).toBe(text.done);
    const stored = await options.evaluate(() => chrome.runtime.sendMessage({ kind: 'config/get' })) as {
      user: { sources: unknown[]; templates: Array<{ name: string }> };
    };
    expect(stored.user.sources).toEqual([
      { id: 'agentdesktop', adapter: 'agentdesktop', pages: [`${sites.desktopOrigin}/*`], senders: [sites.desktopOrigin] },
    ]);
    expect(stored.user.templates.map((t) => t.name)).toEqual([text.templateName]);
  });

  it('the agent takes a call: the CRM opens with the customer, and the popup says "connected"', async () => {
    const desktop = await openDesktop(world, 'agentdesktop.html');
    await emitOn(desktop, ESTABLISHED);
    const request = await waitFor(() => sites.received.find((r) => r.path === '/crm/guide'), 'the pop');
    expect(request.query).toEqual({ phone: '+390212345678' });
    const popup = await ext.browser.newPage();
    await popup.goto(`chrome-extension://${ext.extensionId}/src/popup/index.html`);
    const state = await popup.waitForSelector('li[data-source="agentdesktop"][data-state="connected"] .source-state');
    expect(await state!.evaluate((el) => el.textContent)).toBe(text.connected);
  });
});

// The options page as an agent uses it: no JSON, only fields — in real Chromium, against dist/.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ElementHandle, Frame, Page } from 'puppeteer-core';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pagesAt, screenshotPath, waitFor, type ExtensionBrowser } from '../support/browser';
import type { FakeSites } from '../support/fake-sites';
import { openCcaiDesktop, postFromAdapter, useWorld } from '../support/world';
import { axeViolations, whatsappChat } from './options-support';

let ext: ExtensionBrowser;
let sites: FakeSites;
let options: Page;
let adapter: Frame;

const crm = (p: string) => sites.received.filter((r) => r.path === p);

// What an admin or a colleague set up before: the CCAI source and one voice template.
const world = useWorld((sites) => ({
  version: 1,
  sources: [{ id: 'ccai', adapter: 'ccai', pages: [`${sites.desktopOrigin}/desktop/ccai.html*`], senders: [sites.otherOrigin] }],
  templates: [{ id: 'voice', name: 'Calls', when: { phases: ['answered'], channels: ['voice'] }, url: `${sites.otherOrigin}/crm/voice?ani={ANI}` }],
  settings: { defaultCountry: 'IT' },
}));

beforeAll(async () => {
  ({ ext, sites } = world);
  ({ adapter } = await openCcaiDesktop(world));
  options = await ext.browser.newPage();
  await options.setViewport({ width: 1000, height: 900 });
  options.on('pageerror', (error) => console.error('options page:', error));
  await options.goto(ext.optionsUrl);
  await options.waitForSelector('#add-template');
});

beforeEach(async () => {
  // A pop brings the CRM tab to the front; a background page does not render.
  await options.bringToFront();
});

const post = (payload: unknown) => postFromAdapter(adapter, payload);

async function replaceText(selector: string, text: string): Promise<void> {
  await options.click(selector, { count: 3 });
  await options.keyboard.press('Backspace');
  await options.type(selector, text);
}

async function openSection(name: string): Promise<void> {
  await options.click(`nav a[href="#${name}"]`);
  await options.waitForSelector(`nav a[href="#${name}"][aria-current="page"]`);
}

const statusText = () => options.$eval('#save-status', (el) => el.textContent ?? '').catch(() => '');

describe('an agent who never saw JSON', () => {
  it('configures a WhatsApp template, previews it on a real CCAI payload, saves it and sees it pop', async () => {
    await options.click('#add-template');
    // templates[1]: the one just added, opened, its name field focused.
    await options.waitForSelector('#f-templates-1-name');
    expect(await options.evaluate(() => document.activeElement?.id)).toBe('f-templates-1-name');
    await options.keyboard.type('WhatsApp → CRM');
    await options.click('#f-templates-1-when-channels-whatsapp');
    await replaceText('#f-templates-1-url', `${sites.otherOrigin}/crm/wa?phone={ANI|e164}`);
    await options.click('details[data-template="template-1"] .params button');
    await options.type('#f-templates-1-params-0-name', 'order');
    await options.type('#f-templates-1-params-0-value', '=DEFAULT_VALUE({ORDER_ID}, none)');

    await openSection('preview');
    expect(await options.$eval('#preview-sample', (el) => (el as HTMLSelectElement).value)).toBe('ccai-whatsapp');
    const row = await options.waitForSelector('.preview-rows li[data-template="template-1"]');
    expect(await row!.evaluate((el) => el.className)).toBe('match');
    const url = await row!.$eval('.out', (el) => el.textContent);
    expect(url).toMatch(new RegExp(`^${sites.otherOrigin}/crm/wa\\?phone=%2B393331234567`));
    // The voice template says why it stays closed.
    expect(await options.$eval('.preview-rows li[data-template="voice"] .why', (el) => el.textContent)).toContain('channel WhatsApp is not among its channels (Voice)');
    await options.screenshot({ path: screenshotPath('options.png') });

    await options.click('#save-config');
    await waitFor(async () => (await statusText()).includes('Saved'), 'the saved status');

    await post(whatsappChat(88001));
    const request = await waitFor(() => crm('/crm/wa')[0], 'the WhatsApp pop');
    expect(request.query.phone).toBe('+393331234567');
    await waitFor(async () => (await pagesAt(ext, `${sites.otherOrigin}/crm/wa`)).length === 1, 'one CRM tab');
  });

  it('an invalid URL is named inline, nothing is saved, and the old configuration keeps working', async () => {
    await openSection('templates');
    if (!(await options.$('details[data-template="template-1"][open]'))) await options.click('details[data-template="template-1"] summary');
    await replaceText('#f-templates-1-url', 'javascript:alert(1)');
    const inline = await options.waitForSelector('.field-error[data-field="templates[1].url"]');
    expect(await inline!.evaluate((el) => el.textContent)).toBe('must start with http:// or https://');
    expect(await options.$eval('#f-templates-1-url', (el) => el.getAttribute('aria-invalid'))).toBe('true');
    await options.click('#save-config');
    await waitFor(async () => (await statusText()).includes('Not saved'), 'the refusal');
    // Where, in the agent's words: the template's name and the field's label, not a JSON path.
    expect(await statusText()).toContain('Not saved: 1 field needs fixing.');
    expect(await statusText()).toContain('Template “WhatsApp → CRM” › CRM URL: must start with http:// or https://');
    // The field the agent must fix has the focus.
    expect(await options.evaluate(() => document.activeElement?.id)).toBe('f-templates-1-url');

    await post(whatsappChat(88002));
    await waitFor(() => crm('/crm/wa').find((r) => r.query.phone === '+393331234567'), 'the pop with the old configuration');
    await options.bringToFront();
    await options.click('#discard');
  });

  it('imports a configuration file; a broken file is refused naming the field, and changes nothing', async () => {
    await openSection('transfer');
    const file = path.join(tmpdir(), `crm-screenpop-import-${process.pid}.json`);
    const doc = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../examples/ccai.json'), 'utf8'));
    doc.templates[1].url = 'ftp://nope';
    writeFileSync(file, JSON.stringify(doc));
    const input = (await options.$('#import-file')) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(file);
    // Where, in the agent's words: the file's own template name and the field's label, not templates[1].url.
    const refusal = 'Not imported, nothing changed: Template “IVR / PSTN / SMS: search by phone number” › CRM URL: must start with http:// or https://';
    await waitFor(async () => (await options.$eval('#import-status', (el) => el.textContent).catch(() => '')) === refusal, 'the refusal');

    doc.settings = {};
    doc.sources = [{ id: 'ccai', adapter: 'ccai', pages: [`${sites.desktopOrigin}/desktop/ccai.html*`], senders: [sites.otherOrigin] }];
    doc.templates = [
      { id: 'imported', when: { phases: ['answered', 'on_demand'], channels: ['whatsapp'] }, url: `${sites.otherOrigin}/crm/imported?phone={ANI}&phase={PHASE}` },
    ];
    writeFileSync(file, JSON.stringify(doc));
    await input.uploadFile(file);
    // It asks first, saying what the file adds, changes and removes.
    const ask = await options.waitForSelector('#import-confirm');
    expect(await ask!.evaluate((el) => [...el.querySelectorAll('li')].map((li) => li.textContent))).toEqual([
      'add the template “imported”',
      'change the settings',
      'remove the template “Calls”',
      'remove the template “WhatsApp → CRM”',
    ]);
    await options.click('#import-apply');
    await waitFor(async () => (await options.$eval('#import-status', (el) => el.textContent).catch(() => '')).includes('Imported'), 'the import');
    await post(whatsappChat(88003));
    const request = await waitFor(() => crm('/crm/imported')[0], 'the pop of the imported template');
    expect(request.query).toEqual({ phone: '+393331234567', phase: 'answered' });
  });

  it('the test pop runs a template for real from the preview', async () => {
    await openSection('preview');
    await options.click('.preview-rows li[data-template="imported"] .test-pop');
    await waitFor(() => crm('/crm/imported')[0], 'the test pop request');
    await options.waitForSelector('.preview-rows li[data-template="imported"] [role="status"].ok');
  });

  it('diagnostics say what happened to each event without DevTools', async () => {
    await openSection('diagnostics');
    const log = await options.waitForSelector('#diagnostics-log');
    const text = await log!.evaluate((el) => el.textContent ?? '');
    expect(text).toContain('ccai New_Chat → answered (WhatsApp)');
    expect(text).toContain('answered: templates imported');
    expect(text).toMatch(/imported: tab "CRM WhatsApp" (opened|reused)/);
  });

  it('the diagnostics download for support leaves phone numbers out unless asked', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'crm-screenpop-download-'));
    const cdp = await options.createCDPSession();
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: dir });
    const file = path.join(dir, 'crm-screenpop-diagnostics.json');
    const download = async () => {
      rmSync(file, { force: true });
      await options.click('#diagnostics-export');
      return waitFor(() => existsSync(file) && readFileSync(file, 'utf8'), 'the downloaded diagnostics');
    };
    const redacted = await download();
    expect(redacted).toContain('ccai New_Chat → answered (whatsapp)');
    expect(redacted).not.toContain('393331234567');
    await options.click('#diagnostics-details');
    expect(await download()).toContain('393331234567');
    await cdp.detach();
    rmSync(dir, { recursive: true, force: true });
  });

  it('has no serious or critical accessibility violation, at 400 px, light and dark', async () => {
    await options.setViewport({ width: 400, height: 900 });
    for (const scheme of ['light', 'dark'] as const) {
      await options.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
      for (const section of ['templates', 'sources', 'preview', 'transfer']) {
        await openSection(section);
        if (section === 'templates') await options.click('details.template summary');
        expect(await axeViolations(options), `${section} (${scheme})`).toEqual([]);
        const overflow = await options.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${section} fits 400 px`).toBeLessThanOrEqual(0);
      }
    }
  });
});

describe('locales', () => {
  it('every string the pages use exists in en, it and ru', () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const read = (lang: string) => JSON.parse(readFileSync(path.join(root, `public/_locales/${lang}/messages.json`), 'utf8')) as Record<string, unknown>;
    const en = Object.keys(read('en')).sort();
    expect(Object.keys(read('it')).sort()).toEqual(en);
    expect(Object.keys(read('ru')).sort()).toEqual(en);
    const sources = ['src/options', 'src/popup'].flatMap((dir) =>
      readdirSync(path.join(root, dir)).filter((f) => f.endsWith('.tsx')).map((f) => readFileSync(path.join(root, dir, f), 'utf8')),
    );
    const used = new Set(sources.flatMap((text) => [...text.matchAll(/\bt\('([A-Za-z_]+)'/g)].map((m) => m[1]!)));
    expect([...used].filter((key) => !en.includes(key))).toEqual([]);
  });
});

// The toolbar popup, driven in a normal tab: current interactions, Open CRM, Copy link, pause.
import type { Frame, Page } from 'puppeteer-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { screenshotPath, sleep, waitFor, type ExtensionBrowser } from '../support/browser';
import type { FakeSites } from '../support/fake-sites';
import { openCcaiDesktop, postFromAdapter, useWorld } from '../support/world';
import { axeViolations, whatsappChat } from './options-support';

let ext: ExtensionBrowser;
let sites: FakeSites;
let popup: Page;
let adapter: Frame;

const crm = (p: string) => sites.received.filter((r) => r.path === p);

const world = useWorld((sites) => ({
  version: 1,
  sources: [{ id: 'ccai', adapter: 'ccai', pages: [`${sites.desktopOrigin}/desktop/ccai.html*`], senders: [sites.otherOrigin] }],
  templates: [
    {
      id: 'wa',
      name: 'WhatsApp → CRM',
      when: { phases: ['answered', 'on_demand'], channels: ['whatsapp'] },
      url: `${sites.otherOrigin}/crm/wa?phone={ANI}&phase={PHASE}`,
      action: { type: 'tab', focus: false },
    },
  ],
  settings: {},
}));

beforeAll(async () => {
  ({ ext, sites } = world);
  ({ adapter } = await openCcaiDesktop(world));
  await postFromAdapter(adapter, whatsappChat(88101));
  await waitFor(() => crm('/crm/wa')[0], 'the answered pop');
  popup = await ext.browser.newPage();
  await popup.setViewport({ width: 400, height: 600 });
  await ext.browser.defaultBrowserContext().overridePermissions(`chrome-extension://${ext.extensionId}`, ['clipboard-read', 'clipboard-write']);
  await popup.goto(`chrome-extension://${ext.extensionId}/src/popup/index.html`);
});

describe('toolbar popup', () => {
  it('lists the current interaction: channel, number, phase', async () => {
    const item = await popup.waitForSelector('li[data-key="ccai/88101"]');
    expect(await item!.evaluate((el) => el.querySelector('.who')?.textContent)).toBe('WhatsApp+393331234567answered');
  });

  it('"Open CRM" pops the interaction on demand', async () => {
    sites.received.length = 0;
    await popup.click('li[data-key="ccai/88101"] .open-crm');
    const request = await waitFor(() => crm('/crm/wa')[0], 'the on-demand pop');
    expect(request.query).toEqual({ phone: '+393331234567', phase: 'on_demand' });
    await popup.bringToFront();
    await popup.waitForSelector('#popup-status.ok');
  });

  it('"Copy link" puts the CRM URL on the clipboard', async () => {
    await popup.click('li[data-key="ccai/88101"] .copy-link');
    await waitFor(async () => (await popup.$eval('#popup-status', (el) => el.textContent)) === 'Link of “WhatsApp → CRM” copied.', 'the copied status');
    const copied = await popup.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(`${sites.otherOrigin}/crm/wa?phone=%2B393331234567&phase=on_demand`);
  });

  it('pause stops pops until resumed', async () => {
    await popup.click('#pause');
    await popup.waitForSelector('#pause[aria-pressed="true"]');
    // The toolbar icon says it too, with a tooltip in words.
    const badge = await waitFor(async () => {
      const worker = await ext.worker();
      const shown = await worker.evaluate(async () => ({ text: await chrome.action.getBadgeText({}), title: await chrome.action.getTitle({}) }));
      return shown.text === 'II' ? shown : undefined;
    }, 'the paused badge');
    expect(badge.title).toBe('CRM Screenpop: pops are paused');
    sites.received.length = 0;
    await postFromAdapter(adapter, whatsappChat(88102));
    await sleep(800);
    expect(crm('/crm/wa')).toHaveLength(0);
    await popup.bringToFront();
    await popup.click('#pause');
    await popup.waitForSelector('#pause[aria-pressed="false"]');
    await postFromAdapter(adapter, whatsappChat(88103));
    await waitFor(() => crm('/crm/wa').find((r) => r.query.phase === 'answered'), 'the pop after resuming');
  });

  it('is accessible, keyboard-operable and fits 400 px, light and dark', async () => {
    await popup.bringToFront();
    for (const scheme of ['light', 'dark'] as const) {
      await popup.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
      expect(await axeViolations(popup), scheme).toEqual([]);
      expect(await popup.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    }
    // Keyboard only: Tab reaches "Open CRM", and its focus ring is visible.
    await popup.focus('#pause');
    await popup.keyboard.press('Tab');
    const focused = await popup.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      return { cls: el.className, outline: getComputedStyle(el).outlineStyle };
    });
    expect(focused.cls).toContain('open-crm');
    expect(focused.outline).toBe('solid');
    await popup.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
    await popup.setViewport({ width: 400, height: 300 });
    await popup.screenshot({ path: screenshotPath('popup.png') });
  });
});

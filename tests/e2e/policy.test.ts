// An admin pushes the configuration through Chrome enterprise policy: it runs without the agent
// doing anything, the agent cannot overwrite it, and chrome://policy shows it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXTENSION_ID, launchExtension, saveConfig, sleep, tabsAt, waitFor, type ExtensionBrowser } from '../support/browser';
import { startFakeSites, type FakeSites } from '../support/fake-sites';
import { skipUnlessPolicy, writePolicy } from '../support/policy';

// Machine policy is written where the browser found reads it, as root; elsewhere the suite says why it skips.
const skip = skipUnlessPolicy('configuration from managed policy');
let removePolicy = () => {};

let ext: ExtensionBrowser;
let sites: FakeSites;

beforeAll(async () => {
  if (skip) return;
  sites = await startFakeSites();
  const config = {
    version: 1,
    sources: [{ id: 'ad', adapter: 'agentdesktop', pages: [`${sites.desktopOrigin}/desktop/agentdesktop.html*`] }],
    templates: [
      {
        id: 'voice',
        url: `${sites.otherOrigin}/crm/policy?ani={ANI}`,
        when: { phases: ['answered'] },
        action: { type: 'tab', target: 'CRM {CHANNEL_LABEL}' },
      },
    ],
    settings: { channelLabels: { voice: 'Telefono' } },
  };
  removePolicy = writePolicy('crm-screenpop-e2e', { config });
  ext = await launchExtension();
  // Chrome hands extension policy over a moment after start-up; the worker applies it on arrival.
  await waitFor(
    async () =>
      (await ext.worker())
        .evaluate(async () => JSON.stringify((await chrome.storage.local.get('bridgeTable')).bridgeTable ?? []))
        .then((table) => table.includes('"ad"'))
        .catch(() => false),
    'the policy configuration to be applied',
    15_000,
  );
});

afterAll(async () => {
  removePolicy();
  await ext?.close();
  await sites?.close();
});

describe.skipIf(skip)('configuration from managed policy', () => {
  it('pops with the policy configuration, the agent having configured nothing', async () => {
    const page = await ext.browser.newPage();
    await page.goto(`${sites.desktopOrigin}/desktop/agentdesktop.html`);
    await sleep(300);
    await page.evaluate(() =>
      (window as unknown as { emit(x: unknown): void }).emit({
        event: 'ESTABLISHED',
        uuid: 'p-1',
        media_type: 'telephony',
        ani: '+390655512345',
      }),
    );
    const request = await waitFor(() => sites.received.find((r) => r.path === '/crm/policy'), 'the policy template pop');
    expect(request.query).toEqual({ ani: '+390655512345' });
    const [tab] = await tabsAt(ext, `${sites.otherOrigin}/crm/policy`);
    await waitFor(async () => (await tab!.title()) === 'CRM Telefono', 'the tab titled with the policy channel label');
  });

  it('is locked: the options page cannot overwrite it', async () => {
    const reply = await saveConfig(ext, { version: 1 });
    expect(reply.ok).toBe(false);
    expect(reply.error).toMatch(/administrator/);
  });

  it('the options page shows the policy configuration read-only, and says why', async () => {
    const page = await ext.browser.newPage();
    await page.goto(ext.optionsUrl);
    const notice = await page.waitForSelector('#locked-notice');
    expect(await notice!.evaluate((el) => el.textContent)).toMatch(/administrator/);
    expect(await page.$eval('fieldset.plain', (el) => (el as HTMLFieldSetElement).disabled)).toBe(true);
    expect(await page.$('#save-config')).toBeNull();
    // The JSON view shows the document in force: the admin's.
    await page.goto(`${ext.optionsUrl}#json`);
    const json = await page.waitForSelector('textarea');
    expect(await json!.evaluate((el) => (el as HTMLTextAreaElement).value)).toContain('/crm/policy');
    expect(await json!.evaluate((el) => (el as HTMLTextAreaElement).readOnly || (el as HTMLTextAreaElement).disabled)).toBe(true);
    await page.close();
  });

  it('chrome://policy lists the extension and its policy value', async () => {
    const page = await ext.browser.newPage();
    await page.goto('chrome://policy');
    // The page is built of shadow roots: puppeteer's text selector pierces them.
    await page.waitForSelector(`::-p-text(${EXTENSION_ID})`, { timeout: 10_000 });
    const value = await page.waitForSelector('::-p-text(/desktop/agentdesktop.html)', { timeout: 10_000 });
    expect(value).toBeTruthy();
    await page.close();
  });

  it('the managed schema lets the whole document through (Chrome drops what the schema does not describe)', async () => {
    const managed = await (await ext.worker()).evaluate(() => chrome.storage.managed.get());
    expect(managed.config).toMatchObject({
      version: 1,
      sources: [{ id: 'ad', adapter: 'agentdesktop' }],
      templates: [{ id: 'voice', when: { phases: ['answered'] }, action: { type: 'tab', target: 'CRM {CHANNEL_LABEL}' } }],
      settings: { channelLabels: { voice: 'Telefono' } },
    });
  });
});

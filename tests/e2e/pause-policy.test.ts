// The popup's pause is the agent's own switch: a policy configuration that leaves the options page
// unlocked (and so carries its own settings) cannot turn pops back on behind the agent's back.
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, sleep, waitFor, type ExtensionBrowser } from '../support/browser';
import { startFakeSites, type FakeSites } from '../support/fake-sites';
import { skipUnlessPolicy, writePolicy } from '../support/policy';
import { emitOn, openDesktop } from '../support/world';

const skip = skipUnlessPolicy('pause under a policy');
let ext: ExtensionBrowser;
let sites: FakeSites;
let removePolicy = () => {};

const crm = () => sites.received.filter((r) => r.path === '/crm/unlocked');
const call = (uuid: string) => ({ event: 'ESTABLISHED', uuid, media_type: 'telephony', ani: '+390655512345' });

beforeAll(async () => {
  if (skip) return;
  sites = await startFakeSites();
  removePolicy = writePolicy('crm-screenpop-pause-e2e', {
    locked: false,
    config: {
      version: 1,
      sources: [{ id: 'ad', adapter: 'agentdesktop', pages: [`${sites.desktopOrigin}/desktop/agentdesktop.html*`] }],
      templates: [{ id: 'voice', url: `${sites.otherOrigin}/crm/unlocked?ani={ANI}`, when: { phases: ['answered'] }, action: { type: 'tab', focus: false } }],
      settings: { paused: false },
    },
  });
  ext = await launchExtension();
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

describe.skipIf(skip)('pause under an unlocked policy', () => {
  let popup: Page;
  let desktop: Page;

  it('pops before the pause', async () => {
    desktop = await openDesktop({ ext, sites }, 'agentdesktop.html');
    await emitOn(desktop, call('u-1'));
    await waitFor(() => crm()[0], 'the policy template pop');
  });

  it('the popup pauses: the policy says paused:false, and nothing pops', async () => {
    popup = await ext.browser.newPage();
    await popup.goto(`chrome-extension://${ext.extensionId}/src/popup/index.html`);
    await popup.click('#pause');
    await popup.waitForSelector('#pause[aria-pressed="true"]');
    sites.received.length = 0;
    await desktop.bringToFront();
    await emitOn(desktop, call('u-2'));
    await sleep(800);
    expect(crm()).toHaveLength(0);
    // Reopened, the popup still says paused: it asks the worker, not the document.
    await popup.bringToFront();
    await popup.reload();
    await popup.waitForSelector('#pause[aria-pressed="true"]');
    await popup.waitForSelector('#paused-notice');
  });

  it('resuming pops again', async () => {
    await popup.bringToFront();
    await popup.click('#pause');
    await popup.waitForSelector('#pause[aria-pressed="false"]');
    await desktop.bringToFront();
    await emitOn(desktop, call('u-3'));
    await waitFor(() => crm()[0], 'the pop after resuming');
  });
});

// The packages `npm run pack` makes, installed the way an admin and the Web Store install them:
// the CRX force-installed by ExtensionInstallForcelist from an update.xml served on loopback, with
// the id pack printed; scoped with --hosts, it pops on those hosts and nowhere else, without a
// prompt. The --store package, before the agent grants access, says what is missing and asks.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extensionId } from '../../scripts/lib/crx';
import { pack, removeMachinePolicy, writeMachinePolicy, type Packed } from '../support/admin';
import { skipUnlessPolicy } from '../support/policy';
import { launchExtension, saveConfig, sleep, waitFor } from '../support/browser';
import { startFakeSites, type FakeSites } from '../support/fake-sites';
import { findChrome } from '../support/chrome-path';
import { emitOn } from '../support/world';

const POLICY_FILE = 'crm-screenpop-e2e-admin-forcelist.json';

let sites: FakeSites;

beforeAll(async () => {
  sites = await startFakeSites();
});
afterAll(async () => {
  await sites?.close();
});

async function answerCallOn(browser: Browser, origin: string, ani: string): Promise<void> {
  const page = await browser.newPage();
  await page.goto(`${origin}/desktop/agentdesktop.html`);
  await sleep(300);
  await emitOn(page, { event: 'ESTABLISHED', uuid: `call-${ani}`, media_type: 'telephony', ani });
}

describe.skipIf(skipUnlessPolicy('admin package force-install e2e'))('the admin package, force-installed from a self-hosted update.xml', () => {
  let packed: Packed;
  let server: Server;
  let browser: Browser;
  let profile: string;

  beforeAll(async () => {
    // The admin's web server, on loopback: update.xml and the CRX it names.
    server = createServer((req, res) => {
      const name = path.basename(new URL(req.url ?? '/', 'http://x').pathname);
      try {
        const body = readFileSync(path.join(packed.out, name));
        res.writeHead(200, { 'content-type': name.endsWith('.xml') ? 'text/xml' : 'application/x-chrome-extension' }).end(body);
      } catch {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ext/`;
    // The agent desktop is on 127.0.0.1; the same page on localhost is a host the package does not declare.
    packed = pack(['--hosts', 'http://127.0.0.1/*', '--base-url', base]);
    const config = {
      version: 1,
      sources: [
        { id: 'here', adapter: 'agentdesktop', pages: [`${sites.desktopOrigin}/desktop/agentdesktop.html*`] },
        { id: 'elsewhere', adapter: 'agentdesktop', pages: [`${sites.otherOrigin}/desktop/agentdesktop.html*`] },
      ],
      templates: [{ id: 'voice', url: `${sites.otherOrigin}/crm/scoped?ani={ANI}`, action: { type: 'tab', focus: false } }],
    };
    writeMachinePolicy(POLICY_FILE, {
      ExtensionInstallForcelist: [`${packed.id};${base}update.xml`],
      // Chrome's default keeps DevTools (so puppeteer) off force-installed extensions' pages.
      DeveloperToolsAvailability: 1,
      '3rdparty': { extensions: { [packed.id]: { config } } },
    });
    profile = await mkdtemp(path.join(tmpdir(), 'crm-screenpop-forcelist-'));
    browser = await puppeteer.launch({
      executablePath: findChrome(),
      headless: true,
      pipe: true,
      userDataDir: profile,
      enableExtensions: true,
      // The extension updater is background networking: the force-install needs it.
      ignoreDefaultArgs: ['--disable-popup-blocking', '--disable-background-networking'],
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-sync'],
    });
  });

  afterAll(async () => {
    removeMachinePolicy(POLICY_FILE);
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    packed?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  it('installs with the id npm run pack printed, declaring only the hosts asked for', { timeout: 150_000 }, async () => {
    // Chrome installs it in the background, at the id of the CRX's key. Its pages open in a tab of
    // their own (puppeteer loses a tab that navigates to a force-installed extension's page).
    const optionsUrl = `chrome-extension://${packed.id}/src/options/index.html`;
    const session = await browser.target().createCDPSession();
    const page = await waitFor(
      async () => {
        await session.send('Target.createTarget', { url: optionsUrl });
        const target = await browser
          .waitForTarget((t) => t.url() === optionsUrl, { timeout: 3_000 })
          .catch(() => undefined);
        const tab = await target?.page();
        // Before the install completes the tab shows Chrome's "blocked" page: try again.
        if (await tab?.evaluate(() => globalThis.chrome?.runtime?.id).catch(() => undefined)) return tab;
        await tab?.close();
        return undefined;
      },
      'the force-installed extension',
      90_000,
    );
    const self = await page.evaluate(() => chrome.management.getSelf());
    expect(self).toMatchObject({ id: packed.id, installType: 'admin', enabled: true });
    expect(packed.stdout).toContain(`ExtensionInstallForcelist: "${packed.id};`);
    const granted = await page.evaluate(() => chrome.permissions.getAll());
    expect(granted.origins).toEqual(['http://127.0.0.1/*']);
    // The policy's configuration arrives too (Chrome hands it over a moment after the install).
    await waitFor(
      () => page.evaluate(async () => JSON.stringify((await chrome.storage.local.get('bridgeTable')).bridgeTable ?? []).includes('"here"')),
      'the policy configuration to be applied',
      30_000,
    );
    await page.close();
  });

  it('pops on its hosts, and does nothing on a page it was not given', async () => {
    await answerCallOn(browser, sites.desktopOrigin, '+390655511111');
    const pop = await waitFor(() => sites.received.find((r) => r.path === '/crm/scoped'), 'the pop from the declared host');
    expect(pop.query).toEqual({ ani: '+390655511111' });
    await answerCallOn(browser, sites.otherOrigin, '+390655522222');
    await sleep(2000);
    expect(sites.received.filter((r) => r.path === '/crm/scoped').map((r) => r.query.ani)).toEqual(['+390655511111']);
  });
});

describe('the Web Store package (--store), before the agent grants host access', () => {
  let packed: Packed;

  beforeAll(() => {
    packed = pack(['--store']);
  });
  afterAll(() => packed?.close());

  it('asks for no host at install, says in the options page what is missing, offers to ask, and pops nowhere', async () => {
    const manifest = JSON.parse(readFileSync(path.join(packed.storeDir, 'manifest.json'), 'utf8'));
    expect(manifest.key).toBeUndefined();
    expect(manifest.host_permissions).toEqual([]);
    // Unpacked without a key, Chrome names the extension after its folder.
    const ext = await launchExtension({ dist: packed.storeDir, extensionId: extensionId(Buffer.from(packed.storeDir)) });
    try {
      const reply = await saveConfig(ext, {
        version: 1,
        sources: [{ id: 'ad', adapter: 'agentdesktop', pages: [`${sites.desktopOrigin}/desktop/agentdesktop.html*`] }],
        templates: [{ id: 'voice', url: `${sites.otherOrigin}/crm/store?ani={ANI}`, action: { type: 'tab', focus: false } }],
      });
      expect(reply).toEqual({ ok: true });
      const page = await ext.browser.newPage();
      await page.goto(ext.optionsUrl);
      const notice = await page.waitForSelector('#missing-access');
      const text = await notice!.evaluate((el) => el.textContent ?? '');
      expect(text).toContain('Missing access');
      expect(text).toContain('http://127.0.0.1/*');
      expect(text).toContain('http://localhost/*');
      expect(await page.$eval('#grant-access', (el) => el.textContent)).toBe('Grant access now');
      await answerCallOn(ext.browser, sites.desktopOrigin, '+390655533333');
      await sleep(2000);
      expect(sites.received.filter((r) => r.path === '/crm/store')).toEqual([]);
    } finally {
      await ext.close();
    }
  });

  it('the default build keeps access to every site: no missing-access notice', async () => {
    const ext = await launchExtension();
    try {
      await saveConfig(ext, {
        version: 1,
        sources: [{ id: 'ad', adapter: 'agentdesktop', pages: [`${sites.desktopOrigin}/desktop/agentdesktop.html*`] }],
      });
      const page = await ext.browser.newPage();
      await page.goto(`${ext.optionsUrl}#sources`);
      await page.waitForSelector('#host-access');
      await sleep(500);
      expect(await page.$('#missing-access')).toBeNull();
      expect(await page.$$eval('#host-access li.ok', (els) => els.length)).toBe(1);
    } finally {
      await ext.close();
    }
  });
});

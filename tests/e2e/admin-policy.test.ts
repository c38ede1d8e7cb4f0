// An admin's policy file, as on a managed Linux machine: it applies from the first event after a
// browser restart, lets agents' templates run after the policy's when allowed, and an invalid one
// keeps the last valid policy, says so in the options page and diagnostics, and is reported to the
// admin's reportUrl once per rejection and per browser start. The extension is the packed admin
// package under a key of the test's own, so this policy reaches no other test's browser.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pack, removeMachinePolicy, writeMachinePolicy, type Packed } from '../support/admin';
import { policySkipReason, skipUnlessPolicy } from '../support/policy';
import { launchExtension, saveConfig, sleep, waitFor, type ExtensionBrowser } from '../support/browser';
import { startFakeSites, type FakeSites } from '../support/fake-sites';
import { emitOn } from '../support/world';

const POLICY_FILE = 'crm-screenpop-e2e-admin-policy.json';

let sites: FakeSites;
let packed: Packed;
let ext: ExtensionBrowser;
const profile = mkdtempSync(path.join(tmpdir(), 'crm-screenpop-profile-'));

function policyConfig() {
  return {
    version: 1,
    sources: [{ id: 'ad', adapter: 'agentdesktop', pages: [`${sites.desktopOrigin}/desktop/agentdesktop.html*`] }],
    templates: [
      {
        id: 'policy-voice',
        url: `${sites.otherOrigin}/crm/policy?ani={ANI}`,
        when: { phases: ['answered'] },
        action: { type: 'tab', target: 'CRM {CHANNEL_LABEL}', focus: false },
      },
    ],
    settings: { reportUrl: `${sites.otherOrigin}/hook/policy-report` },
  };
}

function writeAdminPolicy(config: unknown): void {
  writeMachinePolicy(POLICY_FILE, { '3rdparty': { extensions: { [packed.id]: { config, locked: false, allowUserTemplates: true } } } });
}

async function launch(): Promise<ExtensionBrowser> {
  return launchExtension({ dist: packed.crxDir, extensionId: packed.id, userDataDir: profile });
}

async function diagnostics(): Promise<string[]> {
  const page = await ext.browser.newPage();
  try {
    await page.goto(ext.optionsUrl);
    const reply = await page.evaluate(() => chrome.runtime.sendMessage({ kind: 'diagnostics/get' }));
    return (reply as { entries: Array<{ summary: string }> }).entries.map((e) => e.summary);
  } finally {
    await page.close();
  }
}

async function answerCall(ani: string, uuid: string): Promise<void> {
  const page = await ext.browser.newPage();
  await page.goto(`${sites.desktopOrigin}/desktop/agentdesktop.html`);
  // The bridge reads where to listen asynchronously at document_start (as in every e2e file); no
  // longer pause: Chrome publishes the policy seconds after start, the first event comes before.
  await sleep(300);
  await emitOn(page, { event: 'ESTABLISHED', uuid, media_type: 'telephony', ani });
}

const reports = () => sites.received.filter((r) => r.path === '/hook/policy-report');

beforeAll(async () => {
  if (policySkipReason()) return;
  sites = await startFakeSites();
  packed = pack();
  writeAdminPolicy(policyConfig());
  ext = await launch();
  const page = await ext.browser.newPage();
  await page.goto(ext.optionsUrl);
  await waitFor(
    () =>
      page.evaluate(async () =>
        JSON.stringify((await chrome.storage.local.get('lastValidPolicy')).lastValidPolicy ?? null).includes('policy-voice'),
      ),
    'the policy to be published and cached',
    30_000,
  );
  await page.close();
});

afterAll(async () => {
  removeMachinePolicy(POLICY_FILE);
  await ext?.close();
  await sites?.close();
  packed?.close();
  rmSync(profile, { recursive: true, force: true });
});

describe.skipIf(skipUnlessPolicy('admin policy e2e'))('an admin policy file on a managed machine', () => {
  it("allowUserTemplates: the agent's own templates run after the policy's", async () => {
    const reply = await saveConfig(ext, {
      version: 1,
      templates: [{ id: 'mine', url: `${sites.otherOrigin}/crm/mine?ani={ANI}`, action: { type: 'tab', target: 'Mine', focus: false } }],
    });
    expect(reply).toEqual({ ok: true });
    await answerCall('+390655500001', 'u-1');
    await waitFor(() => sites.received.some((r) => r.path === '/crm/mine'), "the agent's template");
    expect(sites.received.find((r) => r.path === '/crm/policy')?.query).toEqual({ ani: '+390655500001' });
    expect(await diagnostics()).toContain('answered: templates policy-voice, mine');
  });

  it('after a browser restart, the very first event pops with the policy', async () => {
    await ext.close();
    sites.received.length = 0;
    ext = await launch();
    await answerCall('+390655500002', 'u-2');
    const pop = await waitFor(() => sites.received.find((r) => r.path === '/crm/policy'), 'the first pop after the restart');
    expect(pop.query).toEqual({ ani: '+390655500002' });
    // What made it work (Chrome's timing varies, so said, not asserted): the cached policy applied at start.
    const fromCache = (await diagnostics()).some((s) => s.startsWith('Chrome has not published the policy yet'));
    console.log(`restart: the worker started before Chrome published the policy: ${fromCache}`);
  });

  it('an invalid policy keeps the last valid one, says so, and reports it once to reportUrl', async () => {
    sites.received.length = 0;
    const invalid = { ...policyConfig(), templates: [{ id: 'policy-voice', url: 'ftp://crm.example.com/{ANI}' }] };
    writeAdminPolicy(invalid);
    // Chromium notices a changed policy file within seconds (a file watcher, then a settle delay).
    const report = await waitFor(() => reports()[0], 'the policy rejection report', 45_000);
    expect(report.method).toBe('POST');
    expect(JSON.parse(report.body)).toMatchObject({
      type: 'crm-screenpop/policy-rejected',
      extensionId: packed.id,
      inForce: 'last-valid-policy',
      error: expect.stringContaining('templates[0].url'),
    });
    expect((await diagnostics()).some((s) => /^Policy rejected, the last valid policy stays in force: .*templates\[0\]\.url/s.test(s))).toBe(true);

    const options = await ext.browser.newPage();
    await options.goto(ext.optionsUrl);
    const notice = await options.waitForSelector('#policy-error');
    expect(await notice!.evaluate((el) => el.textContent)).toMatch(/last valid policy stays in force.*templates\[0\]\.url/s);
    await options.close();

    await answerCall('+390655500003', 'u-3');
    const pop = await waitFor(() => sites.received.find((r) => r.path === '/crm/policy'), 'a pop with the last valid policy');
    expect(pop.query).toEqual({ ani: '+390655500003' });
    expect(reports()).toHaveLength(1);
  });

  it('reports the rejection again after the next browser start, and still pops with the last valid policy', async () => {
    await ext.close();
    sites.received.length = 0;
    ext = await launch();
    await answerCall('+390655500004', 'u-4');
    await waitFor(() => sites.received.find((r) => r.path === '/crm/policy'), 'a pop after the restart').catch(async (e: unknown) => {
      console.log(JSON.stringify(await diagnostics(), null, 1), JSON.stringify(sites.received.map((r) => r.path)));
      throw e;
    });
    await waitFor(() => reports()[0], 'the report of this start', 30_000);
    expect(reports()).toHaveLength(1);
  });
});

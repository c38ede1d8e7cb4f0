// Search, then pop, in real Chromium against a CRM search API on loopback: the named tab shows the
// waiting page at once, then the record, the new-contact page, the chooser or the fallback.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DiagnosticEntry } from '../../src/core/worker-api';
import { closePage, EXTENSION_ID, pagesAt, sleep, storedDiagnostics, tabsAt, waitFor } from '../support/browser';
import { contacts, startCrmApi, type CrmApi } from '../support/crm-api';
import type { FakeSites } from '../support/fake-sites';
import { emitOn, openDesktop, useWorld } from '../support/world';
import { axeViolations } from './options-support';

let api: CrmApi;
let desktop: Page;

beforeAll(async () => {
  api = await startCrmApi();
});
afterAll(async () => api?.close());

const TIMEOUT_MS = 1500;

function config(sites: FakeSites) {
  const crm = `${sites.otherOrigin}/crm`;
  const lookup = (rule: string, path = '/api/contacts', auth: unknown = { type: 'header', name: 'X-Api-Key', value: 'key-lookup-1' }) => ({
    request: { method: 'GET', url: `${api.origin}${path}`, params: [{ name: 'phone', value: '{ANI|e164}' }], auth, timeoutMs: TIMEOUT_MS },
    results: 'data.items',
    vars: { ACCOUNT_ID: 'id', ACCOUNT_NAME: 'name', ACCOUNT_EMAIL: 'email' },
    label: '{ACCOUNT_NAME}',
    multipleMatches: rule,
    noMatchUrl: `${crm}/new?phone={ANI|e164}`,
    fallbackUrl: `${crm}/search?q={ANI|digits}`,
  });
  const record = (id: string, channel: string, lookupBlock: unknown) => ({
    id,
    when: { phases: ['ringing'], channels: [channel] },
    lookup: lookupBlock,
    url: `${crm}/contacts/{ACCOUNT_ID}`,
    action: { type: 'tab', target: 'CRM {INTERACTION_ID}' },
  });
  const oauth = { type: 'oauth2', authorizeUrl: `${api.origin}/oauth/authorize`, tokenUrl: `${api.origin}/oauth/token`, clientId: 'screenpop' };
  return {
    version: 1,
    sources: [{ id: 'sp', adapter: 'screenpop', pages: [`${sites.desktopOrigin}/desktop/agentdesktop.html*`] }],
    templates: [
      record('ask-record', 'voice', lookup('ask')),
      record('first-record', 'first', lookup('first')),
      record('all-record', 'all', lookup('all')),
      record('oauth-record', 'oauth', lookup('first', '/api/secure', oauth)),
      { ...record('twice-record', 'twice', lookup('ask')), when: { phases: ['ringing', 'answered'], channels: ['twice'] } },
      {
        id: 'ended-hook',
        when: { phases: ['ended'] },
        url: `${sites.otherOrigin}/hook/ended?account={ACCOUNT_ID}&call={INTERACTION_ID}`,
        action: { type: 'webhook', method: 'GET' },
      },
    ],
    settings: {},
  };
}

const world = useWorld(config);

beforeAll(async () => {
  desktop = await openDesktop(world, 'agentdesktop.html');
});
beforeEach(() => {
  api.received.length = 0;
  api.answers.clear();
  api.consentPage = false;
});

const crm = () => `${world.sites.otherOrigin}/crm`;
const waitingPage = (call: string, templateId: string) =>
  `chrome-extension://${EXTENSION_ID}/src/lookup/index.html?id=${encodeURIComponent(`sp/${call}|${templateId}`)}`;

async function ring(call: string, ani: string, channel = 'voice'): Promise<void> {
  await emitOn(desktop, { screenpop: 1, phase: 'ringing', interactionId: call, channel, vars: { ANI: ani } });
}
async function end(call: string, channel = 'voice'): Promise<void> {
  await emitOn(desktop, { screenpop: 1, phase: 'ended', interactionId: call, channel, vars: {} });
}

async function diagnostics(): Promise<DiagnosticEntry[]> {
  return storedDiagnostics<DiagnosticEntry>(world.ext);
}

async function text(page: Page, selector: string): Promise<string> {
  await page.waitForSelector(selector);
  return page.$eval(selector, (el) => (el as HTMLElement).innerText);
}

const THREE = contacts(
  { id: 'C-31', name: 'Ada Rossi', email: 'ada@example.com' },
  { id: 'C-32', name: 'Bruno Rossi', email: 'bruno@example.com' },
  { id: 'C-33', name: 'Carla Rossi', email: 'carla@example.com' },
);

describe('lookup: one, none, error', () => {
  it('one match: the waiting page shows at once, then the record opens in that tab; the ended webhook carries ACCOUNT_ID', async () => {
    api.answers.set('+393331000001', { delayMs: 800, ...contacts({ id: 'C-1', name: 'Ada Lovelace' }) });
    await ring('call-1', '+39 333 1000001');
    const [waiting] = await tabsAt(world.ext, waitingPage('call-1', 'ask-record'));
    expect(await text(waiting!, '#lookup-status')).toBe('Looking up +39 333 …');
    const [record] = await tabsAt(world.ext, `${crm()}/contacts/C-1`);
    expect(record).toBe(waiting);
    expect(await pagesAt(world.ext, waitingPage('call-1', 'ask-record'))).toHaveLength(0);
    await waitFor(async () => (await record!.title()) === 'CRM call-1', 'the tab named after its target');

    const [request] = api.received;
    expect(api.received).toHaveLength(1);
    expect(request!.query).toEqual({ phone: '+393331000001' });
    expect(request!.headers['x-api-key']).toBe('key-lookup-1');

    // Back from the record is not bounced forward again by the waiting page.
    await record!.goBack();
    await sleep(800);
    expect(record!.url()).not.toBe(`${crm()}/contacts/C-1`);
    if (record!.url().startsWith(waitingPage('call-1', 'ask-record'))) {
      expect(await text(record!, 'main a')).toBe('Open the record');
    }
    await record!.goForward();

    await end('call-1');
    const hook = await waitFor(() => world.sites.received.find((r) => r.path === '/hook/ended' && r.query.call === 'call-1'), 'the ended webhook');
    expect(hook.query.account).toBe('C-1');
  });

  it('no match: the new-contact page opens with the number', async () => {
    api.answers.set('+393331000002', contacts());
    await ring('call-2', '+393331000002');
    const [page] = await tabsAt(world.ext, `${crm()}/new`);
    expect(new URL(page!.url()).searchParams.get('phone')).toBe('+393331000002');
    expect(await pagesAt(world.ext, `${crm()}/contacts/`)).toHaveLength(1); // call-1's only
  });

  it('HTTP 500: the fallback page opens', async () => {
    api.answers.set('+393331000003', { status: 500, body: { error: 'boom' } });
    await ring('call-3', '+393331000003');
    const [page] = await tabsAt(world.ext, `${crm()}/search`);
    expect(new URL(page!.url()).searchParams.get('q')).toBe('393331000003');
    const log = await diagnostics();
    expect(log.some((e) => /^ask-record: lookup failed after \d+ ms: HTTP 500$/.test(e.summary) && e.key === 'sp/call-3')).toBe(true);
    expect(log.some((e) => e.summary === 'ask-record: fallback page opened in tab "CRM call-3" (HTTP 500)')).toBe(true);
    await page!.close();
  });

  it('an API slower than timeoutMs: the fallback opens at the deadline, the late answer opens nothing', async () => {
    api.answers.set('+393331000004', { delayMs: TIMEOUT_MS + 1500, ...contacts({ id: 'C-LATE', name: 'Late Answer' }) });
    const started = Date.now();
    await ring('call-4', '+393331000004');
    const [fallback] = await tabsAt(world.ext, `${crm()}/search`);
    expect(new URL(fallback!.url()).searchParams.get('q')).toBe('393331000004');
    // Past the moment the API answers: still nothing at the record.
    await sleep(Math.max(0, started + TIMEOUT_MS + 2500 - Date.now()));
    expect(await pagesAt(world.ext, `${crm()}/contacts/C-LATE`)).toHaveLength(0);
    expect(fallback!.url()).toContain('/crm/search');
    await fallback!.close();
  });

  it('a redirect is not followed (it could carry the number to another host): the fallback opens', async () => {
    api.answers.set('+393331000012', { redirect: `${api.origin}/api/contacts?phone=%2B393331000001&via=redirect` });
    await ring('call-12', '+393331000012');
    const page = await waitFor(async () => (await pagesAt(world.ext, `${crm()}/search`)).find((p) => p.url().includes('393331000012')), 'the fallback page');
    expect(api.received.filter((r) => r.query.via === 'redirect')).toHaveLength(0);
    const log = await diagnostics();
    expect(log.some((e) => e.key === 'sp/call-12' && /lookup failed after \d+ ms: the API answered with a redirect, which is not followed$/.test(e.summary))).toBe(true);
    await page.close();
  });

  it('a value in the response cannot change the record URL host', async () => {
    api.answers.set('+393331000005', contacts({ id: 'https://evil.example/steal', name: 'Mallory' }));
    await ring('call-5', '+393331000005');
    const page = await waitFor(async () => (await world.ext.browser.pages()).find((p) => p.url().includes('evil')), 'the record with the odd id');
    const opened = new URL(page!.url());
    expect(opened.host).toBe(new URL(world.sites.otherOrigin).host);
    expect(opened.pathname).toBe('/crm/contacts/https%3A%2F%2Fevil.example%2Fsteal');
    const all = await world.ext.browser.pages();
    expect(all.filter((p) => p.url().includes('evil.example') && !p.url().startsWith(world.sites.otherOrigin))).toHaveLength(0);
  });
});

describe('lookup: the worker stopped while it waits for the API', () => {
  it('the restarted worker asks again: the record opens once, in the tab that showed the waiting page', async () => {
    api.answers.set('+393331000019', { delayMs: 1200, ...contacts({ id: 'C-19', name: 'Nino Bixio' }) });
    await ring('call-19', '+393331000019');
    await waitFor(() => api.received.length > 0, 'the lookup request');
    await tabsAt(world.ext, waitingPage('call-19', 'ask-record'));
    // The event is handled (the waiting page is its action); the request is still out. Stopped as
    // Chrome stops a crashed or updated worker.
    await sleep(300);
    const target = world.ext.browser.targets().find((t) => t.type() === 'service_worker' && t.url().includes(world.ext.extensionId));
    await (await target?.worker())?.close();
    const [record] = await tabsAt(world.ext, `${crm()}/contacts/C-19`);
    await sleep(1500);
    expect(await pagesAt(world.ext, `${crm()}/contacts/C-19`)).toHaveLength(1);
    expect(await pagesAt(world.ext, waitingPage('call-19', 'ask-record'))).toHaveLength(0);
    expect(await pagesAt(world.ext, `${crm()}/search`)).toHaveLength(0);
    await waitFor(async () => (await record!.title()) === 'CRM call-19', 'the tab named after its target');
    expect(api.received.filter((r) => r.query.phone === '+393331000019')).toHaveLength(2);
    expect((await diagnostics()).some((e) => e.key === 'sp/call-19' && e.code === 'lookupResumed')).toBe(true);
  });
});

describe('lookup: one per interaction', () => {
  it('the answered phase reuses the ringing lookup: no second request, the record again', async () => {
    api.answers.set('+393331000011', contacts({ id: 'C-11', name: 'Once Only' }));
    await ring('call-11', '+393331000011', 'twice');
    const [record] = await tabsAt(world.ext, `${crm()}/contacts/C-11`);
    await emitOn(desktop, { screenpop: 1, phase: 'answered', interactionId: 'call-11', channel: 'twice', vars: { ANI: '+393331000011' } });
    await waitFor(async () => (await diagnostics()).find((e) => e.key === 'sp/call-11' && e.code === 'lookupReused'), 'the reuse diagnostic');
    expect(api.received.filter((r) => r.path === '/api/contacts')).toHaveLength(1);
    expect(record!.url()).toBe(`${crm()}/contacts/C-11`);
    expect(await pagesAt(world.ext, `${crm()}/contacts/C-11`)).toHaveLength(1);
    await record!.close();
  });
});

describe('lookup: several matches', () => {
  it('ask: the chooser lists the three, keyboard picks the second, its record opens in the same tab', async () => {
    api.answers.set('+393331000006', THREE);
    await ring('call-6', '+393331000006');
    const [chooser] = await tabsAt(world.ext, waitingPage('call-6', 'ask-record'));
    await chooser!.waitForSelector('.choices a');
    expect(await text(chooser!, '#chooser-title')).toBe('3 contacts match +39 333 …: choose one');
    expect(await axeViolations(chooser!)).toEqual([]);
    const links = await chooser!.$$eval('.choices li', (items) => items.map((li) => (li as HTMLElement).innerText.replace(/\s+/g, ' ').trim()));
    expect(links).toHaveLength(3);
    expect(links[1]).toContain('Bruno Rossi');
    expect(links[1]).toContain('bruno@example.com');
    // Focus starts on the first contact; Tab moves to the second; Enter opens it.
    expect(await chooser!.evaluate(() => document.activeElement?.textContent)).toBe('Ada Rossi');
    await chooser!.keyboard.press('Tab');
    expect(await chooser!.evaluate(() => document.activeElement?.textContent)).toBe('Bruno Rossi');
    await chooser!.keyboard.press('Enter');
    await waitFor(() => chooser!.url() === `${crm()}/contacts/C-32`, 'the second record in the same tab');
    expect(await pagesAt(world.ext, `${crm()}/contacts/C-3`)).toHaveLength(1);

    await end('call-6');
    const hook = await waitFor(() => world.sites.received.find((r) => r.path === '/hook/ended' && r.query.call === 'call-6'), 'the ended webhook');
    expect(hook.query.account).toBe('C-32');
    await chooser!.close();
  });

  it('first: only the first record opens', async () => {
    api.answers.set('+393331000007', THREE);
    await ring('call-7', '+393331000007', 'first');
    await tabsAt(world.ext, `${crm()}/contacts/C-31`);
    await sleep(500);
    expect(await pagesAt(world.ext, `${crm()}/contacts/C-3`)).toHaveLength(1);
    for (const page of await pagesAt(world.ext, `${crm()}/contacts/C-3`)) await closePage(page);
  });

  it('all: each record in its own tab', async () => {
    api.answers.set('+393331000008', THREE);
    await ring('call-8', '+393331000008', 'all');
    const pages = await waitFor(async () => {
      const found = await pagesAt(world.ext, `${crm()}/contacts/C-3`);
      return found.length === 3 ? found : undefined;
    }, 'three record tabs');
    expect(pages.map((p) => p.url()).sort()).toEqual(['C-31', 'C-32', 'C-33'].map((id) => `${crm()}/contacts/${id}`));
    for (const page of pages) await closePage(page);
  });
});

describe('lookup: the toolbar popup offers the same choice', () => {
  it('lists the matches of the interaction; picking the third opens its record in the named tab', async () => {
    api.answers.set('+393331000010', THREE);
    await ring('call-10', '+393331000010');
    const [chooser] = await tabsAt(world.ext, waitingPage('call-10', 'ask-record'));
    await chooser!.waitForSelector('.choices a');
    const popup = await world.ext.browser.newPage();
    await popup.goto(`chrome-extension://${EXTENSION_ID}/src/popup/index.html`);
    const buttons = await popup.waitForSelector('li[data-key="sp/call-10"] .choose-contact');
    expect(buttons).not.toBeNull();
    const labels = await popup.$$eval('li[data-key="sp/call-10"] .choose-contact', (els) => els.map((el) => el.textContent));
    expect(labels).toEqual(['Ada Rossi', 'Bruno Rossi', 'Carla Rossi']);
    const [, , third] = await popup.$$('li[data-key="sp/call-10"] .choose-contact');
    await third!.click();
    await waitFor(() => chooser!.url() === `${crm()}/contacts/C-33`, 'the third record in the named tab');
    await popup.close();
    await chooser!.close();
  });
});

describe('lookup: options page "Try it"', () => {
  it('runs the saved template\'s lookup against the API and shows status, matches and the URL', async () => {
    api.answers.set('+393331234567', contacts({ id: 'C-TRY', name: 'Tina Try' }));
    const options = await world.ext.browser.newPage();
    await options.goto(world.ext.optionsUrl);
    const card = await options.waitForSelector('details[data-template="ask-record"]');
    await card!.evaluate((el) => ((el as HTMLDetailsElement).open = true));
    await options.click('details[data-template="ask-record"] .try-run');
    await options.waitForSelector('details[data-template="ask-record"] .try-url');
    const result = await text(options, 'details[data-template="ask-record"] .try-result');
    expect(result).toContain('HTTP 200, 1 match: the record would open');
    expect(result).toContain(`${crm()}/contacts/C-TRY`);
    expect(result).toContain('Tina Try');
    expect(api.received.at(-1)!.query).toEqual({ phone: '+393331234567' });
    // Nothing opened: "Try it" only shows.
    expect(await pagesAt(world.ext, `${crm()}/contacts/C-TRY`)).toHaveLength(0);
    // The API's answer is shown: what it found, and what it says when it refuses.
    const shown = () => options.$eval('details[data-template="ask-record"] .try-response', (el) => el.textContent ?? '');
    expect(await shown()).toContain('"Tina Try"');
    api.answers.set('+393331234568', { status: 422, body: { error: 'phone must be E.164', code: 'BAD_PHONE' } });
    const input = 'details[data-template="ask-record"] .try-lookup input';
    await options.$eval(input, (el) => ((el as HTMLInputElement).value = ''));
    await options.type(input, '+393331234568');
    await options.click('details[data-template="ask-record"] .try-run');
    await waitFor(async () => (await text(options, 'details[data-template="ask-record"] .try-result')).includes('HTTP 422'), 'the refused try');
    const refused = await text(options, 'details[data-template="ask-record"] .try-result');
    expect(refused).toContain('HTTP 422, 0 matches: the fallback page would open');
    expect(await shown()).toContain('"phone must be E.164"');
    expect(await shown()).toContain('"BAD_PHONE"');
    await options.close();
  });
});

describe('lookup: OAuth 2.0', () => {
  it('an expired access token is refreshed once and the request repeated; no token reaches diagnostics', async () => {
    api.answers.set('+393331000009', contacts({ id: 'C-9', name: 'Olga' }));
    api.refreshTokens.set('refresh-9', 'access-new-9');
    const worker = await world.ext.worker();
    await worker.evaluate(
      (key) => chrome.storage.local.set({ oauthTokens: { [key]: { accessToken: 'access-old-9', refreshToken: 'refresh-9' } } }),
      `${api.origin}/oauth/token|screenpop`,
    );
    await ring('call-9', '+393331000009', 'oauth');
    await tabsAt(world.ext, `${crm()}/contacts/C-9`);
    const calls = api.received.map((r) => `${r.path} ${r.headers.authorization ?? ''}`);
    expect(calls).toEqual(['/api/secure Bearer access-old-9', '/oauth/token ', '/api/secure Bearer access-new-9']);
    const stored = await worker.evaluate(async () => (await chrome.storage.local.get('oauthTokens')).oauthTokens as Record<string, { accessToken: string }>);
    expect(Object.values(stored)[0]!.accessToken).toBe('access-new-9');
    const log = JSON.stringify(await diagnostics());
    for (const secret of ['access-old-9', 'access-new-9', 'refresh-9', 'key-lookup-1']) expect(log).not.toContain(secret);
  });

  it('a refused refresh token: the fallback opens and diagnostics ask for a new sign-in', async () => {
    api.answers.set('+393331000013', contacts({ id: 'C-13', name: 'Never' }));
    const worker = await world.ext.worker();
    await worker.evaluate(
      (key) => chrome.storage.local.set({ oauthTokens: { [key]: { accessToken: 'access-old-13', refreshToken: 'revoked-13' } } }),
      `${api.origin}/oauth/token|screenpop`,
    );
    await ring('call-13', '+393331000013', 'oauth');
    const page = await waitFor(async () => (await pagesAt(world.ext, `${crm()}/search`)).find((p) => p.url().includes('393331000013')), 'the fallback page');
    expect(api.received.map((r) => r.path)).toEqual(['/api/secure', '/oauth/token']);
    expect(await pagesAt(world.ext, `${crm()}/contacts/C-13`)).toHaveLength(0);
    const log = await diagnostics();
    expect(log.some((e) => e.key === 'sp/call-13' && /HTTP 401 and the OAuth token could not be refreshed: sign in again/.test(e.summary))).toBe(true);
    await page.close();
  });
  // The sign-in itself, as the agent does it: the options page's button, the CRM's own sign-in page
  // in the window chrome.identity opens, the token exchange, then a call.
  const storedTokens = async () =>
    (await world.ext.worker()).evaluate(async () => ((await chrome.storage.local.get('oauthTokens')).oauthTokens ?? {}) as Record<string, unknown>);

  /** The options page with the OAuth template's card open, as the agent finds it. */
  async function oauthCard(): Promise<Page> {
    const options = await world.ext.browser.newPage();
    await options.goto(world.ext.optionsUrl);
    const card = await options.waitForSelector('details[data-template="oauth-record"]');
    await card!.evaluate((el) => ((el as HTMLDetailsElement).open = true));
    return options;
  }

  /** Clicks "Sign in to the CRM"; returns the CRM's sign-in page in the window Chrome opened for it. */
  async function signInWindow(options: Page): Promise<Page> {
    await options.click('details[data-template="oauth-record"] .lookup-signin');
    const target = await world.ext.browser.waitForTarget((t) => t.url().startsWith(`${api.origin}/oauth/authorize`), { timeout: 10_000 });
    const page = await target.asPage();
    await page.waitForSelector('#allow');
    return page;
  }

  async function signInStatus(options: Page): Promise<{ role: string | null; text: string }> {
    const status = await options.waitForSelector('details[data-template="oauth-record"] .signin-status');
    return status!.evaluate((el) => ({ role: el.getAttribute('role'), text: (el as HTMLElement).innerText }));
  }

  /** axe's serious and critical violations inside the OAuth template's lookup editor. */
  async function lookupEditorViolations(options: Page): Promise<string[]> {
    await axeViolations(options); // loads axe into the page
    return options.evaluate(async () => {
      type Axe = { run(context: string): Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }> };
      const result = await (window as unknown as { axe: Axe }).axe.run('details[data-template="oauth-record"] .lookup-editor');
      return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    });
  }

  /** A download the options page starts with `click`, read from disk. */
  async function downloaded(options: Page, file: string, click: () => Promise<void>): Promise<string> {
    const dir = mkdtempSync(path.join(tmpdir(), 'crm-screenpop-oauth-'));
    const cdp = await options.createCDPSession();
    try {
      await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: dir });
      await click();
      return await waitFor(() => (existsSync(path.join(dir, file)) ? readFileSync(path.join(dir, file), 'utf8') : undefined), `the downloaded ${file}`);
    } finally {
      await cdp.detach();
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('the agent signs in from the options page (code with PKCE); lookups carry the new token, refreshed with its refresh token once revoked; no export or diagnostics line shows either', async () => {
    await (await world.ext.worker()).evaluate(() => chrome.storage.local.remove('oauthTokens'));
    api.consentPage = true;
    const options = await oauthCard();
    const consent = await signInWindow(options);
    expect(await consent.title()).toBe('Test CRM: sign in');
    await consent.click('#allow');
    expect(await signInStatus(options)).toEqual({ role: 'status', text: 'Signed in to the CRM.' });

    // The authorization request: a code, for our client, with an S256 challenge and a state.
    const authorize = api.received.filter((r) => r.path === '/oauth/authorize');
    expect(authorize).toHaveLength(1);
    const asked = authorize[0]!.query;
    expect(asked).toMatchObject({ response_type: 'code', client_id: 'screenpop', code_challenge_method: 'S256' });
    expect(asked.redirect_uri).toBe(`https://${EXTENSION_ID}.chromiumapp.org/oauth`);
    expect(asked.code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(asked.state).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    // The token request: the code it was given, and the verifier that hashes to the challenge.
    const tokenRequests = api.received.filter((r) => r.path === '/oauth/token');
    expect(tokenRequests).toHaveLength(1);
    const form = Object.fromEntries(new URLSearchParams(tokenRequests[0]!.body));
    expect(form).toMatchObject({ grant_type: 'authorization_code', client_id: 'screenpop', redirect_uri: asked.redirect_uri });
    expect(form.code_verifier).toMatch(/^[A-Za-z0-9._~-]{43,128}$/);
    expect(createHash('sha256').update(form.code_verifier!).digest('base64url')).toBe(asked.code_challenge);
    // The code is spent: the same request again is refused (the server above does check).
    const replay = await fetch(`${api.origin}/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: tokenRequests[0]!.body });
    expect(replay.status).toBe(400);
    expect(api.issued).toHaveLength(1);
    const { accessToken, refreshToken } = api.issued[0]!;
    expect(Object.keys(await storedTokens())).toEqual([`${api.origin}/oauth/token|screenpop`]);
    expect(await pagesAt(world.ext, `${api.origin}/oauth/`)).toHaveLength(0); // the sign-in window closed

    api.answers.set('+393331000041', contacts({ id: 'C-41', name: 'Signed Inn' }));
    await ring('call-41', '+393331000041', 'oauth');
    const [record] = await tabsAt(world.ext, `${crm()}/contacts/C-41`);
    await waitFor(async () => (await record!.title()) === 'CRM call-41', 'the record tab named after its target');
    const lookups = api.received.filter((r) => r.path === '/api/secure');
    expect(lookups.map((r) => [r.query.phone, r.headers.authorization])).toEqual([['+393331000041', `Bearer ${accessToken}`]]);

    // The CRM revokes that access token: the next call refreshes it with the sign-in's refresh token.
    api.validTokens.delete(accessToken);
    const renewed = api.refreshTokens.get(refreshToken)!;
    api.answers.set('+393331000042', contacts({ id: 'C-42', name: 'Renewed Inn' }));
    api.received.length = 0;
    await ring('call-42', '+393331000042', 'oauth');
    const [second] = await tabsAt(world.ext, `${crm()}/contacts/C-42`);
    expect(api.received.map((r) => `${r.path} ${r.headers.authorization ?? new URLSearchParams(r.body).get('refresh_token')}`)).toEqual([
      `/api/secure Bearer ${accessToken}`,
      `/oauth/token ${refreshToken}`,
      `/api/secure Bearer ${renewed}`,
    ]);

    const secrets = [accessToken, refreshToken, renewed, form.code!, form.code_verifier!];
    const log = JSON.stringify(await diagnostics());
    expect(log).toContain('sp/call-41');
    for (const secret of secrets) expect(log).not.toContain(secret);
    // Both downloads the options page offers, each with the most it can include. The pop brought
    // the record to the front; a page in the background does not render.
    await options.bringToFront();
    await options.click('nav a[href="#transfer"]');
    await options.click('#export-secrets');
    const exported = await downloaded(options, 'crm-screenpop-config.json', () => options.click('#export'));
    expect(exported).toContain('"oauth-record"');
    expect(exported).toContain('key-lookup-1'); // secrets asked for: the header key is there, the tokens are not
    await options.click('nav a[href="#diagnostics"]');
    await options.click('#diagnostics-details');
    const support = await downloaded(options, 'crm-screenpop-diagnostics.json', () => options.click('#diagnostics-export'));
    expect(support).toContain('sp/call-41');
    for (const secret of secrets) {
      expect(exported).not.toContain(secret);
      expect(support).not.toContain(secret);
    }
    await options.close();
    await record!.close();
    await second!.close();
  });

  it('the agent denies access on the CRM\'s sign-in page: the options page says sign-in failed and what to do; the tokens stay', async () => {
    api.consentPage = true;
    // An earlier sign-in, which a refused one must leave alone.
    const before = { [`${api.origin}/oauth/token|screenpop`]: { accessToken: 'access-before-42', refreshToken: 'refresh-before-42' } };
    await (await world.ext.worker()).evaluate((tokens) => chrome.storage.local.set({ oauthTokens: tokens }), before);
    const options = await oauthCard();
    await (await signInWindow(options)).click('#deny');
    expect(await signInStatus(options)).toEqual({
      role: 'alert',
      text: "Sign-in failed: the CRM refused it (access_denied). Allow access when the CRM asks, or ask the CRM's administrator to allow this client ID, then sign in again.",
    });
    expect(api.received.map((r) => `${r.path} ${r.query.decision ?? ''}`.trim())).toEqual(['/oauth/authorize', '/oauth/consent deny']);
    expect(await storedTokens()).toEqual(before);
    expect(await lookupEditorViolations(options)).toEqual([]);
    await options.close();
  });

  it('the agent closes the sign-in window: the options page says sign-in failed, and the button works again', async () => {
    api.consentPage = true;
    const options = await oauthCard();
    await (await signInWindow(options)).close();
    expect(await signInStatus(options)).toEqual({
      role: 'alert',
      text: 'Sign-in failed: the sign-in window was closed before the CRM answered. Sign in again and allow access in that window.',
    });
    expect(api.received.filter((r) => r.path === '/oauth/token')).toHaveLength(0);
    expect(await options.$eval('details[data-template="oauth-record"] .lookup-signin', (el) => (el as HTMLButtonElement).disabled)).toBe(false);
    await options.close();
  });
});

describe('lookup diagnostics', () => {
  it('one line per step, with status, matches, what opened and time; no number in the summaries', async () => {
    const lines = (await diagnostics()).filter((e) => e.key === 'sp/call-1' && e.code?.startsWith('lookup')).map((e) => e.summary);
    expect(lines[0]).toBe(`ask-record: lookup sent (GET ${api.origin})`);
    expect(lines[1]).toMatch(/^ask-record: lookup answered HTTP 200 in \d+ ms, matches: 1$/);
    expect(lines[2]).toBe('ask-record: record opened in tab "CRM call-1" (matches: 1, rule single)');
    const summaries = (await diagnostics()).map((e) => e.summary).join('\n');
    expect(summaries).not.toMatch(/33310000/);
  });
});

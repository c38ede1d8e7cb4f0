// What a webhook receiver can and cannot make the extension do, and what of a webhook lies on
// disk: no redirect is followed, an answer is read only so far, credentials never reach the
// outbox. In real Chromium against dist/, with a profile directory the test can read.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiagnosticEntry } from '../../src/core/worker-api';
import { storedDiagnostics, waitFor, type ExtensionBrowser } from '../support/browser';
import type { FakeSites } from '../support/fake-sites';
import { filesContaining as filesOnDisk } from '../support/profile';
import { emitOn, openDesktop, useWorld } from '../support/world';

const profile = mkdtempSync(path.join(tmpdir(), 'crm-screenpop-webhooks-'));
const PASSWORD = 'disk-s3cret-pw';
const BASIC = Buffer.from(`agent9:${PASSWORD}`).toString('base64');
const API_KEY = 'key-redirect-123';

function config(sites: FakeSites) {
  const answered = (channel: string) => ({ phases: ['answered'], channels: [channel] });
  const inside = `${sites.desktopOrigin}/crm/internal`;
  return {
    version: 1,
    sources: [{ id: 'sp', adapter: 'screenpop', pages: [`${sites.desktopOrigin}/desktop/agentdesktop.html*`] }],
    templates: [
      {
        id: 'redirected',
        when: answered('redir'),
        url: `${sites.otherOrigin}/hook/redirect?to=${encodeURIComponent(inside)}`,
        params: [{ name: 'ani', value: '{ANI}' }],
        action: { type: 'webhook', auth: { type: 'header', name: 'X-Api-Key', value: API_KEY } },
      },
      { id: 'huge', when: answered('huge'), url: `${sites.otherOrigin}/hook/huge`, action: { type: 'webhook' } },
      {
        id: 'pending',
        when: answered('pend'),
        url: `${sites.otherOrigin}/hook/pending`,
        params: [{ name: 'ani', value: '{ANI}' }],
        action: { type: 'webhook', auth: { type: 'basic', username: 'agent9', password: PASSWORD } },
      },
    ],
    settings: { allowedUrlPrefixes: [`${sites.otherOrigin}/hook/`] },
  };
}

const world = useWorld(config, { userDataDir: profile });
let ext: ExtensionBrowser;
let sites: FakeSites;
let desktop: Page;

beforeAll(async () => {
  ({ ext, sites } = world);
  desktop = await openDesktop(world, 'agentdesktop.html');
});

afterAll(() => rmSync(profile, { recursive: true, force: true }));

const answered = (channel: string, interactionId: string, ani: string) => ({ screenpop: 1, phase: 'answered', interactionId, channel, vars: { ANI: ani } });
const requestsTo = (p: string) => sites.received.filter((r) => r.path === p);

async function diagnosticMatching(pattern: RegExp, what: string): Promise<DiagnosticEntry> {
  return waitFor(async () => {
    const log = await storedDiagnostics<DiagnosticEntry>(ext);
    return log.find((e) => pattern.test(e.summary));
  }, what);
}

const filesContaining = (needle: string) => filesOnDisk(profile, needle);

describe('webhook redirects are not followed', () => {
  it('a 307 from the allowed receiver to another host: nothing reaches that host, the delivery fails at once', async () => {
    await emitOn(desktop, answered('redir', 'call-r1', '+390611111111'));
    await diagnosticMatching(/redirected: webhook failed: the receiver answered with a redirect/, 'the refused redirect');
    expect(requestsTo('/hook/redirect')).toHaveLength(1);
    expect(requestsTo('/crm/internal')).toEqual([]);
  });

  it("the options page's test pop does not follow it either", async () => {
    const page = await ext.browser.newPage();
    await page.goto(ext.optionsUrl);
    const template = config(sites).templates[0];
    const event = { source: 'sp', interactionId: 'sample', phase: 'answered', channel: 'redir', vars: { ANI: '+390622222222' }, raw: null, vendorType: 'sample' };
    const reply = await page.evaluate((t, e) => chrome.runtime.sendMessage({ kind: 'template/test', template: t, event: e }), template, event);
    await page.close();
    expect(reply).toEqual({ ok: false, error: 'the receiver answered with a redirect, which is not followed' });
    expect(requestsTo('/hook/redirect')).toHaveLength(1);
    expect(requestsTo('/crm/internal')).toEqual([]);
  });
});

describe('webhook answers', () => {
  it('a 32 MB answer is delivered without being read to its end', async () => {
    await emitOn(desktop, answered('huge', 'call-h1', '+390633333333'));
    await diagnosticMatching(/huge: webhook delivered \(HTTP 200, attempt 1\)/, 'the delivered diagnostic');
    await waitFor(() => sites.answersCut.includes('/hook/huge'), 'the extension hanging up on the rest of the answer');
  });
});

describe('what a pending webhook leaves on disk', () => {
  it('the outbox holds the body but never the credentials; they are added from the configuration when sending', async () => {
    sites.hookStatus = 503;
    await emitOn(desktop, answered('pend', 'call-p1', '+390644444444'));
    const first = await waitFor(() => requestsTo('/hook/pending')[0], 'the first attempt');
    expect(first.headers.authorization).toBe(`Basic ${BASIC}`);
    const worker = await ext.worker();
    const stored = await worker.evaluate(
      () =>
        new Promise<string>((resolve, reject) => {
          const open = indexedDB.open('crm-screenpop-outbox');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const all = open.result.transaction('deliveries').objectStore('deliveries').getAll();
            all.onsuccess = () => {
              resolve(JSON.stringify(all.result));
              open.result.close();
            };
          };
        }),
    );
    expect(stored).toContain('+390644444444');
    expect(stored).not.toContain(BASIC);
    expect(stored).not.toContain(PASSWORD);
    // Nor anywhere in the profile's files — where the pending body itself can be read.
    expect(filesContaining('+390644444444').some((file) => file.includes('IndexedDB'))).toBe(true);
    expect(filesContaining(BASIC)).toEqual([]);
    // The password's one place is the configuration document (chrome.storage.local).
    expect(filesContaining(PASSWORD).every((file) => file.includes('Local Extension Settings'))).toBe(true);
    sites.hookStatus = 200;
    const retry = await waitFor(() => requestsTo('/hook/pending')[1], 'the retry', 15_000);
    expect(retry.headers.authorization).toBe(`Basic ${BASIC}`);
    expect(retry.headers['idempotency-key']).toBe(first.headers['idempotency-key']);
  });

  it('once delivered, the body is gone from the profile\'s files too, not only from the database', async () => {
    await waitFor(() => !filesContaining('+390644444444').some((file) => file.includes('IndexedDB')), 'the delivered body to leave the disk');
    expect(filesContaining('+390644444444')).toEqual([]);
  });
});

// No secret leaves for a host the admin did not name (#10, #11): with settings.allowedUrlPrefixes
// set, an OAuth 2.0 lookup whose sign-in server is outside them is refused before any sign-in window
// opens, the options page says why, and no refresh token is ever sent there.
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiagnosticEntry } from '../../src/core/worker-api';
import { storedDiagnostics, tabsAt, waitFor } from '../support/browser';
import { contacts, startCrmApi, type CrmApi } from '../support/crm-api';
import type { FakeSites } from '../support/fake-sites';
import { emitOn, openDesktop, useWorld } from '../support/world';

let api: CrmApi;

beforeAll(async () => {
  api = await startCrmApi();
});
afterAll(async () => api?.close());

function config(sites: FakeSites) {
  const crm = `${sites.otherOrigin}/crm`;
  return {
    version: 1,
    sources: [{ id: 'sp', adapter: 'screenpop', pages: [`${sites.desktopOrigin}/desktop/agentdesktop.html*`] }],
    templates: [
      {
        id: 'oauth-record',
        when: { phases: ['ringing'] },
        lookup: {
          request: {
            url: `${api.origin}/api/secure`,
            params: [{ name: 'phone', value: '{ANI|e164}' }],
            auth: { type: 'oauth2', authorizeUrl: `${api.origin}/oauth/authorize`, tokenUrl: `${api.origin}/oauth/token`, clientId: 'screenpop' },
          },
          results: 'data.items',
          vars: { ACCOUNT_ID: 'id', ACCOUNT_NAME: 'name' },
          fallbackUrl: `${crm}/search?q={ANI|digits}`,
        },
        url: `${crm}/contacts/{ACCOUNT_ID}`,
        action: { type: 'tab', target: 'CRM {INTERACTION_ID}' },
      },
    ],
    // The search API is named; its OAuth server (/oauth/ on the same host) is not.
    settings: { allowedUrlPrefixes: [`${sites.otherOrigin}/crm/`, `${api.origin}/api/`] },
  };
}

const world = useWorld(config);

describe('OAuth endpoints outside settings.allowedUrlPrefixes', () => {
  it('"Sign in to the CRM" is refused before any window opens, and the options page says why', async () => {
    const options: Page = await world.ext.browser.newPage();
    await options.goto(world.ext.optionsUrl);
    const card = await options.waitForSelector('details[data-template="oauth-record"]');
    await card!.evaluate((el) => ((el as HTMLDetailsElement).open = true));
    await options.click('details[data-template="oauth-record"] .lookup-signin');
    const status = await options.waitForSelector('details[data-template="oauth-record"] .signin-status');
    const shown = await status!.evaluate((el) => ({ role: el.getAttribute('role'), text: (el as HTMLElement).innerText }));
    expect(shown).toEqual({
      role: 'alert',
      text: `Sign-in failed: OAuth address refused: ${api.origin} is outside the Allowed URL prefixes (Settings). Check the authorization URL, the token URL and the client ID, then sign in again.`,
    });
    expect(api.received.filter((r) => r.path.startsWith('/oauth/'))).toEqual([]);
    expect((await world.ext.browser.pages()).filter((p) => p.url().startsWith(`${api.origin}/oauth/`))).toHaveLength(0);
    await options.close();
  });

  it('an expired token is not refreshed there: the fallback opens, diagnostics say why, the refresh token stays home', async () => {
    api.answers.set('+393338000001', contacts({ id: 'C-P1', name: 'Never Asked' }));
    const worker = await world.ext.worker();
    await worker.evaluate(
      (key) => chrome.storage.local.set({ oauthTokens: { [key]: { accessToken: 'access-p1', refreshToken: 'refresh-p1', expiresAt: Date.now() - 60_000 } } }),
      `${api.origin}/oauth/token|screenpop`,
    );
    const desktop = await openDesktop(world, 'agentdesktop.html');
    await emitOn(desktop, { screenpop: 1, phase: 'ringing', interactionId: 'p-1', channel: 'voice', vars: { ANI: '+393338000001' } });
    const [fallback] = await tabsAt(world.ext, `${world.sites.otherOrigin}/crm/search`);
    expect(new URL(fallback!.url()).searchParams.get('q')).toBe('393338000001');
    expect(api.received).toEqual([]);
    const log = await waitFor(async () => {
      const lines = await storedDiagnostics<DiagnosticEntry>(world.ext);
      return lines.find((e) => e.key === 'sp/p-1' && e.code === 'lookupFailed');
    }, 'the lookup failure');
    expect(log.summary).toContain(`OAuth address refused: ${api.origin} is outside settings.allowedUrlPrefixes`);
    expect(JSON.stringify(await storedDiagnostics(world.ext))).not.toContain('refresh-p1');
  });
});

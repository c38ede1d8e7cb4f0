// OAuth 2.0 for lookups (#10 item 3, #11): no secret leaves for a host the admin did not name. The
// sign-in (authorization and token endpoints) and a token refresh are refused, with a reason the
// options page reads back in the agent's language, when settings.allowedUrlPrefixes leaves them out.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseConfig, type OAuthSettings, type Settings } from '../../src/core/config';
import { readReason } from '../../src/core/reason-codes';

const stored: Record<string, unknown> = {};
vi.mock('../../src/background/storage', () => ({
  readLocal: async (key: string) => stored[key],
  writeLocal: async (values: Record<string, unknown>) => void Object.assign(stored, values),
}));

const { accessToken, refreshToken, signIn } = await import('../../src/background/oauth');

const settingsWith = (allowedUrlPrefixes: string[]): Settings => {
  const parsed = parseConfig({ version: 1, settings: { allowedUrlPrefixes } });
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.config.settings;
};

const auth: OAuthSettings = {
  type: 'oauth2',
  authorizeUrl: 'https://login.crm.example.com/oauth/authorize',
  tokenUrl: 'https://login.crm.example.com/oauth/token',
  clientId: 'screenpop',
  scope: '',
};
const key = `${auth.tokenUrl}|${auth.clientId}`;

let fetched: string[];
let fetchedInit: RequestInit[];
let launched: string[];

beforeEach(() => {
  for (const name of Object.keys(stored)) delete stored[name];
  fetched = [];
  fetchedInit = [];
  launched = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    fetched.push(String(url));
    fetchedInit.push(init);
    return new Response(JSON.stringify({ access_token: 'access-new', refresh_token: 'refresh-new', expires_in: 3600 }), { status: 200 });
  });
  vi.stubGlobal('chrome', {
    identity: {
      getRedirectURL: (path: string) => `https://ext.chromiumapp.org/${path}`,
      launchWebAuthFlow: async ({ url }: { url: string }) => {
        launched.push(url);
        const state = new URL(url).searchParams.get('state');
        return `https://ext.chromiumapp.org/oauth?code=c1&state=${state}`;
      },
    },
  });
});
afterEach(() => vi.unstubAllGlobals());

describe('OAuth endpoints and settings.allowedUrlPrefixes', () => {
  it('sign-in inside the prefixes: the sign-in window opens and the code is exchanged', async () => {
    expect(await signIn(auth, settingsWith(['https://*.crm.example.com/']))).toEqual({ ok: true });
    expect(launched).toHaveLength(1);
    expect(fetched).toEqual([auth.tokenUrl]);
  });

  it('an authorization endpoint outside: refused before any window opens, with a coded reason', async () => {
    const settings = settingsWith(['https://crm.example.com/']);
    const outside = { ...auth, authorizeUrl: 'https://evil.example.org/authorize', tokenUrl: 'https://crm.example.com/oauth/token' };
    const reply = await signIn(outside, settings);
    expect(reply.ok).toBe(false);
    const error = (reply as { error: string }).error;
    expect(readReason(error)).toEqual({ code: 'oauthUrlRefused', args: ['https://evil.example.org is outside settings.allowedUrlPrefixes'] });
    expect(launched).toEqual([]);
    expect(fetched).toEqual([]);
  });

  it('a token endpoint outside: no sign-in (the code would go there), no refresh (nor the refresh token)', async () => {
    const settings = settingsWith(['https://crm.example.com/api/']);
    const outside = { ...auth, authorizeUrl: 'https://crm.example.com/api/authorize' };
    const reply = await signIn(outside, settings);
    expect(readReason((reply as { error: string }).error)?.code).toBe('oauthUrlRefused');
    expect(launched).toEqual([]);

    stored.oauthTokens = { [key]: { accessToken: 'access-old', refreshToken: 'refresh-old', expiresAt: Date.now() - 1000 } };
    expect(await refreshToken(outside, settings)).toBeNull();
    expect(await accessToken(outside, settings)).toBeNull();
    expect(fetched).toEqual([]);
    // Inside, the same expired token is refreshed.
    expect(await accessToken(outside, settingsWith(['https://login.crm.example.com/', 'https://crm.example.com/api/']))).toBe('access-new');
    expect(fetched).toEqual([auth.tokenUrl]);
  });

  it('the token endpoint gets no cookies and no redirect is followed (a redirect would carry the code or the refresh token elsewhere)', async () => {
    expect(await signIn(auth, settingsWith(['https://*.crm.example.com/']))).toEqual({ ok: true });
    stored.oauthTokens = { [key]: { accessToken: 'access-old', refreshToken: 'refresh-old', expiresAt: Date.now() - 1000 } };
    expect(await refreshToken(auth, settingsWith(['https://*.crm.example.com/']))).toBe('access-new');
    expect(fetchedInit).toHaveLength(2);
    for (const init of fetchedInit) expect(init).toMatchObject({ method: 'POST', credentials: 'omit', redirect: 'error', cache: 'no-store' });
  });
});

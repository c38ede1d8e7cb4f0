// OAuth 2.0 for lookups: authorization code with PKCE through chrome.identity, tokens refreshed.
// Tokens live in chrome.storage.local under one key, apart from the configuration, so that no
// export, diagnostics line or policy ever carries them; nothing here logs a token. No secret goes
// to a host the admin did not name: both endpoints must be inside settings.allowedUrlPrefixes, like
// the lookup's own request.
import type { OAuthSettings, Settings } from '../core/config';
import { checkUrl } from '../core/templates';
import { readLocal, writeLocal } from './storage';
import { reasonText } from '../core/reason-codes';

interface Tokens {
  accessToken: string;
  refreshToken?: string;
  /** Epoch ms; absent: the server did not say. */
  expiresAt?: number;
}

export type TokenTable = Record<string, Tokens>;

/** One sign-in per authorization server and client, shared by every template using them. */
function tokenKey(auth: OAuthSettings): string {
  return `${auth.tokenUrl}|${auth.clientId}`;
}

async function table(): Promise<TokenTable> {
  return (await readLocal('oauthTokens')) ?? {};
}

async function store(auth: OAuthSettings, tokens: Tokens | null): Promise<void> {
  const all = await table();
  if (tokens) all[tokenKey(auth)] = tokens;
  else delete all[tokenKey(auth)];
  await writeLocal({ oauthTokens: all });
}

/**
 * Why the sign-in (`authorize`: both endpoints) or a token request (the token endpoint alone) may not
 * go where the template says: the same check as the lookup's request URL. Undefined: it may.
 */
export function oauthRefusal(auth: OAuthSettings, settings: Settings, authorize = true): string | undefined {
  for (const url of authorize ? [auth.authorizeUrl, auth.tokenUrl] : [auth.tokenUrl]) {
    const checked = checkUrl(url, settings);
    if (!checked.ok) return reasonText('oauthUrlRefused', checked.reason);
  }
  return undefined;
}

/** Refresh a little early: a token that expires in flight fails the agent's lookup. */
const EARLY_MS = 30_000;

/** The access token to send, refreshed first when it is known to have expired; null: sign-in needed. */
export async function accessToken(auth: OAuthSettings, settings: Settings, signal?: AbortSignal): Promise<string | null> {
  const tokens = (await table())[tokenKey(auth)];
  if (!tokens) return null;
  if (tokens.expiresAt !== undefined && tokens.expiresAt - EARLY_MS <= Date.now() && tokens.refreshToken) {
    return refreshToken(auth, settings, signal);
  }
  return tokens.accessToken;
}

async function tokenRequest(auth: OAuthSettings, form: Record<string, string>, signal?: AbortSignal): Promise<Tokens | null> {
  const response = await fetch(auth.tokenUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams({ ...form, client_id: auth.clientId }).toString(),
    credentials: 'omit',
    cache: 'no-store',
    redirect: 'error',
    signal,
  });
  if (!response.ok) return null;
  const body = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  if (!body || typeof body.access_token !== 'string') return null;
  const expiresIn = Number(body.expires_in);
  return {
    accessToken: body.access_token,
    ...(typeof body.refresh_token === 'string' ? { refreshToken: body.refresh_token } : {}),
    ...(Number.isFinite(expiresIn) && expiresIn > 0 ? { expiresAt: Date.now() + expiresIn * 1000 } : {}),
  };
}

/**
 * A new access token from the refresh token; null when there is none, the server refused it, or the
 * token endpoint is outside settings.allowedUrlPrefixes (the refresh token is not sent there).
 */
export async function refreshToken(auth: OAuthSettings, settings: Settings, signal?: AbortSignal): Promise<string | null> {
  if (oauthRefusal(auth, settings, false)) return null;
  const current = (await table())[tokenKey(auth)];
  if (!current?.refreshToken) return null;
  const fresh = await tokenRequest(auth, { grant_type: 'refresh_token', refresh_token: current.refreshToken }, signal);
  if (!fresh) {
    // A refused refresh token stays refused: ask for a new sign-in rather than retry it each call.
    await store(auth, null);
    return null;
  }
  // Servers that do not rotate refresh tokens omit it from the answer: keep the one we have.
  await store(auth, { refreshToken: current.refreshToken, ...fresh });
  return fresh.accessToken;
}

function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * How a failed sign-in is told to the options page, which words it in the agent's language:
 * `crm:<code>` the CRM refused (RFC 6749 §4.1.2.1 error code), `closed` the agent closed the
 * window; anything else is a sentence shown as it is.
 */
const SIGN_IN_REFUSED = 'crm:';
const SIGN_IN_CLOSED = 'closed';
/** What Chrome rejects launchWebAuthFlow with when the agent closes the sign-in window. */
const CHROME_WINDOW_CLOSED = 'The user did not approve access.';

/** The agent signs in to the CRM (options page): authorization code with PKCE (RFC 7636). */
export async function signIn(auth: OAuthSettings, settings: Settings): Promise<{ ok: true } | { ok: false; error: string }> {
  // Refused before the sign-in window opens: the agent's name and password do not go there either.
  const outside = oauthRefusal(auth, settings);
  if (outside) return { ok: false, error: outside };
  const verifier = base64Url(crypto.getRandomValues(new Uint8Array(48)));
  const challenge = base64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  const state = base64Url(crypto.getRandomValues(new Uint8Array(16)));
  const redirectUri = chrome.identity.getRedirectURL('oauth');
  const url = new URL(auth.authorizeUrl);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', auth.clientId);
  url.searchParams.set('redirect_uri', redirectUri);
  url.searchParams.set('code_challenge', challenge);
  url.searchParams.set('code_challenge_method', 'S256');
  url.searchParams.set('state', state);
  if (auth.scope) url.searchParams.set('scope', auth.scope);
  let answer: string | undefined;
  try {
    answer = await chrome.identity.launchWebAuthFlow({ url: url.href, interactive: true });
  } catch (error) {
    const message = (error as Error).message;
    return { ok: false, error: message === CHROME_WINDOW_CLOSED ? SIGN_IN_CLOSED : message || reasonText('signInUnfinished') };
  }
  const back = new URL(answer ?? redirectUri);
  const code = back.searchParams.get('code');
  if (back.searchParams.get('state') !== state) return { ok: false, error: reasonText('signInForeign') };
  const refused = back.searchParams.get('error');
  // The CRM's own words reach the agent's screen: bounded, whatever the CRM sends.
  if (refused) return { ok: false, error: `${SIGN_IN_REFUSED}${refused.slice(0, 80)}` };
  if (!code) return { ok: false, error: reasonText('noAuthCode') };
  const tokens = await tokenRequest(auth, { grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: verifier }).catch(() => null);
  if (!tokens) return { ok: false, error: reasonText('codeRefused') };
  await store(auth, tokens);
  return { ok: true };
}

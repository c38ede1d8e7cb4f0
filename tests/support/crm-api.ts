// A CRM's search API on loopback, for the lookup's tests and bench: answers per phone number as
// the test says (matches, status, delay), an OAuth 2.0 authorization server (authorization code
// with PKCE, refresh), and a log of what it received.
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ApiAnswer {
  status?: number;
  delayMs?: number;
  body?: unknown;
  /** Answers 302 to this URL instead. */
  redirect?: string;
}

export interface ApiRequest {
  at: number;
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface CrmApi {
  /** http://127.0.0.1:PORT */
  origin: string;
  /** Answer for `GET /api/contacts?phone=<key>` (and the OAuth-protected `/api/secure`). */
  answers: Map<string, ApiAnswer>;
  /** Access tokens `/api/secure` accepts. */
  validTokens: Set<string>;
  /** Refresh token → access token the token endpoint hands out. */
  refreshTokens: Map<string, string>;
  /** The only client the authorization server knows. */
  clientId: string;
  /**
   * true: `/oauth/authorize` shows a sign-in page where the user allows ("Allow", a code) or refuses
   * ("Deny", error=access_denied); false: the user consented before, the code comes at once.
   */
  consentPage: boolean;
  /** Tokens handed out for authorization codes, oldest first. */
  issued: Array<{ accessToken: string; refreshToken: string }>;
  received: ApiRequest[];
  close(): Promise<void>;
}

export async function startCrmApi(): Promise<CrmApi> {
  const api: CrmApi = {
    origin: '',
    answers: new Map(),
    validTokens: new Set(),
    refreshTokens: new Map(),
    clientId: 'screenpop',
    consentPage: false,
    issued: [],
    received: [],
    close: async () => undefined,
  };
  const codes = new Map<string, IssuedCode>();
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://placeholder');
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const query = Object.fromEntries(url.searchParams);
      api.received.push({ at: Date.now(), method: req.method ?? 'GET', path: url.pathname, query, headers: req.headers, body });
      const json = (status: number, value: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
      if (url.pathname === '/oauth/authorize' || url.pathname === '/oauth/consent') return void authorize(api, codes, url, res);
      if (url.pathname === '/oauth/token') {
        const form = new URLSearchParams(body);
        if (form.get('grant_type') === 'authorization_code') return void exchangeCode(api, codes, form, json);
        const access = api.refreshTokens.get(form.get('refresh_token') ?? '');
        if (form.get('grant_type') !== 'refresh_token' || !access) return void json(400, { error: 'invalid_grant' });
        api.validTokens.add(access);
        return void json(200, { access_token: access, token_type: 'Bearer', expires_in: 3600 });
      }
      if (url.pathname === '/api/secure') {
        const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
        if (!api.validTokens.has(token)) return void json(401, { error: 'invalid_token' });
      } else if (url.pathname !== '/api/contacts') {
        return void json(404, { error: 'not found' });
      }
      const answer = api.answers.get(query.phone ?? '') ?? { body: { data: { items: [] } } };
      setTimeout(() => {
        if (res.destroyed) return;
        if (answer.redirect) return void res.writeHead(302, { location: answer.redirect }).end();
        json(answer.status ?? 200, answer.body ?? {});
      }, answer.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  api.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  api.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return api;
}

interface IssuedCode {
  challenge: string;
  redirectUri: string;
  used: boolean;
}

const base64Url = (bytes: Buffer) => bytes.toString('base64url');

/**
 * RFC 6749 §4.1.1 with RFC 7636: a known client asking for a code with an S256 challenge is sent
 * back to its redirect URI with a code and the state it sent, once the user allows it (at once, or
 * on the sign-in page's "Allow", which comes back here as `/oauth/consent`). Without a usable
 * redirect URI there is nobody to tell: plain 400.
 */
function authorize(api: CrmApi, codes: Map<string, IssuedCode>, url: URL, res: ServerResponse): void {
  const query = url.searchParams;
  const redirectUri = query.get('redirect_uri') ?? '';
  if (!/^https:\/\/[a-p]{32}\.chromiumapp\.org\//.test(redirectUri) || query.get('client_id') !== api.clientId) {
    res.writeHead(400, { 'content-type': 'text/plain' }).end('unknown client or redirect URI');
    return;
  }
  const back = new URL(redirectUri);
  const state = query.get('state');
  if (state !== null) back.searchParams.set('state', state);
  const challenge = query.get('code_challenge') ?? '';
  const decision = url.pathname === '/oauth/consent' ? query.get('decision') : api.consentPage ? null : 'allow';
  if (query.get('response_type') !== 'code') back.searchParams.set('error', 'unsupported_response_type');
  else if (query.get('code_challenge_method') !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(challenge)) back.searchParams.set('error', 'invalid_request');
  else if (decision === null) return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(consentPage(query));
  else if (decision !== 'allow') back.searchParams.set('error', 'access_denied');
  else {
    const code = base64Url(randomBytes(18));
    codes.set(code, { challenge, redirectUri, used: false });
    back.searchParams.set('code', code);
  }
  res.writeHead(302, { location: back.href }).end();
}

/** The CRM's sign-in page: the request's parameters carried through, the user's choice added. */
function consentPage(query: URLSearchParams): string {
  const escape = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const hidden = [...query].map(([name, value]) => `<input type="hidden" name="${escape(name)}" value="${escape(value)}">`).join('');
  return `<!doctype html><title>Test CRM: sign in</title><form action="/oauth/consent">${hidden}
<p>CRM Screenpop asks to search your contacts.</p>
<button id="allow" name="decision" value="allow">Allow</button> <button id="deny" name="decision" value="deny">Deny</button></form>`;
}

/** RFC 6749 §4.1.3 with RFC 7636 §4.6: the verifier must hash to the challenge; a code works once. */
function exchangeCode(api: CrmApi, codes: Map<string, IssuedCode>, form: URLSearchParams, json: (status: number, value: unknown) => void): void {
  const issued = codes.get(form.get('code') ?? '');
  const verifier = form.get('code_verifier') ?? '';
  const wasUsed = issued?.used;
  if (issued) issued.used = true;
  if (
    !issued ||
    wasUsed ||
    form.get('client_id') !== api.clientId ||
    form.get('redirect_uri') !== issued.redirectUri ||
    !/^[A-Za-z0-9._~-]{43,128}$/.test(verifier) ||
    base64Url(createHash('sha256').update(verifier, 'ascii').digest()) !== issued.challenge
  ) {
    return json(400, { error: 'invalid_grant' });
  }
  const tokens = { accessToken: `access-${base64Url(randomBytes(12))}`, refreshToken: `refresh-${base64Url(randomBytes(12))}` };
  api.issued.push(tokens);
  api.validTokens.add(tokens.accessToken);
  api.refreshTokens.set(tokens.refreshToken, `access-${base64Url(randomBytes(12))}`);
  json(200, { access_token: tokens.accessToken, refresh_token: tokens.refreshToken, token_type: 'Bearer', expires_in: 3600 });
}

/** A `data.items` answer of contacts `{ id, name }`. */
export function contacts(...list: Array<{ id: string; name: string; email?: string }>): ApiAnswer {
  return { body: { data: { items: list } } };
}

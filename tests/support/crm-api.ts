// A CRM's search API on loopback, for the lookup's tests and bench: answers per phone number as
// the test says (matches, status, delay), an OAuth token endpoint, and a log of what it received.
import { createServer, type IncomingMessage, type Server } from 'node:http';
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
  received: ApiRequest[];
  close(): Promise<void>;
}

export async function startCrmApi(): Promise<CrmApi> {
  const api: CrmApi = {
    origin: '',
    answers: new Map(),
    validTokens: new Set(),
    refreshTokens: new Map(),
    received: [],
    close: async () => undefined,
  };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://placeholder');
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const query = Object.fromEntries(url.searchParams);
      api.received.push({ at: Date.now(), method: req.method ?? 'GET', path: url.pathname, query, headers: req.headers, body });
      const json = (status: number, value: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
      if (url.pathname === '/oauth/token') {
        const form = new URLSearchParams(body);
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

/** A `data.items` answer of contacts `{ id, name }`. */
export function contacts(...list: Array<{ id: string; name: string; email?: string }>): ApiAnswer {
  return { body: { data: { items: list } } };
}

// The lookup's HTTP call: one deadline for everything (token refresh, request, its one repeat),
// no redirect followed (it could carry the customer's number to another host), a bounded body.
import type { Lookup } from '../core/config';
import type { LookupAnswer } from '../core/lookup';
import type { WebhookRequest } from '../core/templates';
import { checkUrl } from '../core/templates';
import type { Settings } from '../core/config';
import { accessToken, oauthRefusal, refreshToken } from './oauth';
import { reasonText } from '../core/reason-codes';

/** A search answer larger than this is not a search answer. */
export const MAX_BODY_BYTES = 1_000_000;

async function readCapped(response: Response): Promise<string | null> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(all);
}

async function send(request: WebhookRequest, bearer: string | null, signal: AbortSignal): Promise<Response> {
  const headers = bearer ? { ...request.headers, Authorization: `Bearer ${bearer}` } : request.headers;
  return fetch(request.url, {
    method: request.method,
    headers,
    body: request.body,
    signal,
    // The template's auth, not the agent's CRM cookies, decides who asks.
    credentials: 'omit',
    cache: 'no-store',
    redirect: 'manual',
  });
}

/** Sends the rendered request; `signal` is the lookup's deadline. */
export async function fetchLookup(lookup: Lookup, request: WebhookRequest, settings: Settings, signal: AbortSignal): Promise<LookupAnswer> {
  const checked = checkUrl(request.url, settings);
  if (!checked.ok) return { ok: false, reason: reasonText('requestUrlRefused', checked.reason) };
  const auth = lookup.request.auth;
  try {
    let bearer: string | null = null;
    if (auth.type === 'oauth2') {
      // A refresh token goes only to a token endpoint inside settings.allowedUrlPrefixes.
      const refused = oauthRefusal(auth, settings, false);
      if (refused) return { ok: false, reason: refused };
      bearer = await accessToken(auth, settings, signal);
      if (!bearer) return { ok: false, reason: reasonText('notSignedIn') };
    }
    let response = await send(request, bearer, signal);
    if (response.status === 401 && auth.type === 'oauth2') {
      // The token expired early or was revoked: one refresh, one repeat, never a loop.
      await response.body?.cancel().catch(() => undefined);
      bearer = await refreshToken(auth, settings, signal);
      if (!bearer) return { ok: false, status: 401, reason: reasonText('tokenNotRefreshed') };
      response = await send(request, bearer, signal);
    }
    if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
      return { ok: false, reason: reasonText('redirectRefused') };
    }
    const text = await readCapped(response);
    if (text === null) return { ok: false, status: response.status, reason: reasonText('answerTooLarge', String(MAX_BODY_BYTES)) };
    // The body of an error goes back too ("Try it" shows it); the pop itself never logs it.
    if (!response.ok) return { ok: false, status: response.status, reason: reasonText('httpStatus', String(response.status)), text };
    try {
      return { ok: true, status: response.status, body: text.trim() ? (JSON.parse(text) as unknown) : null };
    } catch {
      return { ok: false, status: response.status, reason: reasonText('answerNotJson'), text };
    }
  } catch (error) {
    if (signal.aborted) return { ok: false, reason: reasonText('noAnswerWithin', String(lookup.request.timeoutMs)) };
    return { ok: false, reason: reasonText('networkError', (error as Error).message || 'unreachable') };
  }
}

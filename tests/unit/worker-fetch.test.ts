// How the worker calls webhook receivers and CRM search APIs (docs/security.md): never with the
// agent's cookies, never following a redirect, and never to a URL outside the allowed prefixes.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SettingsSchema, type Lookup } from '../../src/core/config';
import { readReason } from '../../src/core/reason-codes';
import { webhookFetch } from '../../src/background/http';
import { fetchLookup, MAX_BODY_BYTES } from '../../src/background/lookup-fetch';

// The worker's modules load the extension API polyfill; these calls never reach it.
vi.mock('webextension-polyfill', () => ({ default: {} }));

afterEach(() => vi.unstubAllGlobals());

function stubFetch(answer: () => Response) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return Promise.resolve(answer());
  });
  return calls;
}

const settings = SettingsSchema.parse({ allowedUrlPrefixes: ['https://crm.example.com/'] });
const lookup = { request: { auth: { type: 'none' }, timeoutMs: 1000 } } as unknown as Lookup;
const request = (url: string) => ({ method: 'GET' as const, url, headers: { 'X-Api-Key': 'k' } });

describe('the worker asks with the template\'s credentials only', () => {
  it('webhooks: no cookies, no cache, redirects not followed', async () => {
    const calls = stubFetch(() => new Response(''));
    await webhookFetch('https://crm.example.com/hook', { method: 'POST', body: '{}' });
    expect(calls[0]!.init).toMatchObject({ method: 'POST', credentials: 'omit', redirect: 'manual', cache: 'no-store' });
  });

  it('lookups: no cookies, no cache, redirects not followed', async () => {
    const calls = stubFetch(() => new Response(JSON.stringify({ items: [] }), { status: 200 }));
    const answer = await fetchLookup(lookup, request('https://crm.example.com/api/contacts?phone=1'), settings, new AbortController().signal);
    expect(answer.ok).toBe(true);
    expect(calls[0]!.init).toMatchObject({ credentials: 'omit', redirect: 'manual', cache: 'no-store' });
  });

  it('a lookup outside the allowed prefixes is not sent at all', async () => {
    const calls = stubFetch(() => new Response('{}'));
    const answer = await fetchLookup(lookup, request('https://evil.example.org/api?phone=1'), settings, new AbortController().signal);
    expect(calls).toHaveLength(0);
    expect(answer.ok ? '' : answer.reason).toBe('request URL refused: https://evil.example.org is outside settings.allowedUrlPrefixes');
  });

  it('a lookup answer over the size cap is dropped, not parsed', async () => {
    stubFetch(() => new Response('x'.repeat(MAX_BODY_BYTES + 1), { status: 200 }));
    const answer = await fetchLookup(lookup, request('https://crm.example.com/api'), settings, new AbortController().signal);
    expect(answer.ok || readReason(answer.reason)?.code).toBe('answerTooLarge');
  });
});

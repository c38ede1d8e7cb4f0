// The pure half of search-then-pop: request rendering, reading matches, the rules that decide what opens.
import { describe, expect, it } from 'vitest';
import { parseConfig, TemplateSchema, type Template } from '../../src/core/config';
import { decide, lookupRequest, MAX_MATCHES, MAX_TABS, readMatches, readPath, shortWho, usesLookupVars, type LookupAnswer } from '../../src/core/lookup';
import type { RenderContext } from '../../src/core/templates';

const settings = parseConfig({ version: 1 }).ok ? (parseConfig({ version: 1 }) as { ok: true; config: { settings: RenderContext['settings'] } }).config.settings : (undefined as never);

function template(lookup: Record<string, unknown> = {}, url = 'https://crm.example.com/contacts/{ACCOUNT_ID}'): Template & { lookup: NonNullable<Template['lookup']> } {
  return TemplateSchema.parse({
    id: 't',
    when: { phases: ['ringing'] },
    url,
    action: { type: 'tab' },
    lookup: {
      request: { url: 'https://crm.example.com/api/contacts', params: [{ name: 'phone', value: '{ANI|e164}' }] },
      results: 'data.items',
      vars: { ACCOUNT_ID: 'id', ACCOUNT_NAME: 'name' },
      noMatchUrl: 'https://crm.example.com/contacts/new?phone={ANI|e164}',
      fallbackUrl: 'https://crm.example.com/search?q={ANI|digits}',
      ...lookup,
    },
  }) as Template & { lookup: NonNullable<Template['lookup']> };
}

const ctx: RenderContext = { vars: { ANI: '+39 333 1234567' }, raw: null, settings };
const ok = (body: unknown): LookupAnswer => ({ ok: true, status: 200, body });
const items = (...list: unknown[]) => ok({ data: { items: list } });

describe('lookupRequest', () => {
  it('GET: parameters in the query, the webhook auth as a header, JSON asked for', () => {
    const t = template({ request: { url: 'https://crm.example.com/api/contacts', params: [{ name: 'phone', value: '{ANI|e164}' }], auth: { type: 'header', name: 'X-Api-Key', value: 'k1' } } });
    const rendered = lookupRequest(t.lookup, ctx);
    expect(rendered).toEqual({
      ok: true,
      request: { method: 'GET', url: 'https://crm.example.com/api/contacts?phone=%2B393331234567', headers: { Accept: 'application/json', 'X-Api-Key': 'k1' } },
    });
  });

  it('POST: a JSON body (HubSpot-style), OAuth leaves the Authorization header to the worker', () => {
    const t = template({
      request: {
        method: 'POST',
        url: 'https://api.example.com/search',
        params: [{ name: 'query', value: '{ANI|e164}' }],
        auth: { type: 'oauth2', authorizeUrl: 'https://id.example.com/a', tokenUrl: 'https://id.example.com/t', clientId: 'c' },
      },
    });
    const rendered = lookupRequest(t.lookup, ctx);
    expect(rendered.ok && rendered.request.body).toBe('{"query":"+393331234567"}');
    expect(rendered.ok && rendered.request.headers.Authorization).toBeUndefined();
  });
});

describe('readPath and readMatches', () => {
  it('follows dots and indexes; never the prototype', () => {
    const body = { records: [{ Id: 'a' }, { Id: 'b' }] };
    expect(readPath(body, 'records[1].Id')).toBe('b');
    expect(readPath(body, 'records.0.Id')).toBe('a');
    expect(readPath(body, '')).toBe(body);
    expect(readPath(body, 'records.constructor')).toBeUndefined();
    expect(readPath({}, '__proto__')).toBeUndefined();
  });

  it('one object is one match; objects and arrays in a variable become empty text', () => {
    const t = template({ results: 'contact' });
    const read = readMatches(t.lookup, { contact: { id: 7, name: { first: 'x' } } }, ctx);
    expect(read).toEqual({ ok: true, matches: [{ vars: { ACCOUNT_ID: '7', ACCOUNT_NAME: '' }, label: '7' }] }); // an empty name: the id
  });

  it('a label template names a match; without one, the first variable', () => {
    expect(readMatches(template({ label: '{ACCOUNT_NAME} ({ACCOUNT_ID})' }).lookup, { data: { items: [{ id: 1, name: 'Ada' }] } }, ctx)).toEqual({
      ok: true,
      matches: [{ vars: { ACCOUNT_ID: '1', ACCOUNT_NAME: 'Ada' }, label: 'Ada (1)' }],
    });
  });

  it('a CRM that answers thousands of matches: the first MAX_MATCHES are read', () => {
    expect(MAX_MATCHES).toBe(50); // docs/configuration.md and docs/security.md say 50
    const items = Array.from({ length: 5000 }, (_, i) => ({ id: i, name: `Rossi ${i}` }));
    const read = readMatches(template({}).lookup, { data: { items } }, ctx);
    expect(read.ok && read.matches.length).toBe(MAX_MATCHES);
    expect(read.ok && read.matches.at(-1)!.vars.ACCOUNT_ID).toBe(String(MAX_MATCHES - 1));
  });
});

describe('decide', () => {
  it('one match: its record', () => {
    expect(decide(template(), template().lookup, items({ id: 'C-1', name: 'Ada' }), ctx)).toEqual({
      kind: 'open',
      rule: 'single',
      urls: ['https://crm.example.com/contacts/C-1'],
      vars: { ACCOUNT_ID: 'C-1', ACCOUNT_NAME: 'Ada' },
      matches: 1,
    });
  });

  it('none: the new-contact page with the number; absent noMatchUrl: nothing', () => {
    expect(decide(template(), template().lookup, items(), ctx)).toEqual({ kind: 'noMatch', url: 'https://crm.example.com/contacts/new?phone=%2B393331234567' });
    const t = template({ noMatchUrl: undefined });
    expect(decide(t, t.lookup, items(), ctx)).toEqual({ kind: 'noMatch' });
  });

  const three = items({ id: '1', name: 'A' }, { id: '2', name: 'B' }, { id: '3', name: 'C' });

  it.each([
    ['first', { kind: 'open', rule: 'first', urls: ['https://crm.example.com/contacts/1'] }],
    ['all', { kind: 'open', rule: 'all', urls: ['1', '2', '3'].map((id) => `https://crm.example.com/contacts/${id}`) }],
    ['fallback', { kind: 'fallback', url: 'https://crm.example.com/search?q=393331234567', reason: '3 matches' }],
  ])('several matches, rule %s', (rule, expected) => {
    const t = template({ multipleMatches: rule });
    expect(decide(t, t.lookup, three, ctx)).toMatchObject(expected);
  });

  it('several matches, rule ask: every match with its record URL', () => {
    const decision = decide(template(), template().lookup, three, ctx);
    expect(decision.kind).toBe('ask');
    expect(decision.kind === 'ask' && decision.choices.map((c) => [c.label, c.url])).toEqual([
      ['A', 'https://crm.example.com/contacts/1'],
      ['B', 'https://crm.example.com/contacts/2'],
      ['C', 'https://crm.example.com/contacts/3'],
    ]);
  });

  it(`all opens at most ${MAX_TABS} tabs`, () => {
    const t = template({ multipleMatches: 'all' });
    const many = items(...Array.from({ length: 9 }, (_, i) => ({ id: String(i), name: 'x' })));
    const decision = decide(t, t.lookup, many, ctx);
    expect(decision.kind === 'open' && decision.urls).toHaveLength(MAX_TABS);
    expect(decision.kind === 'open' && decision.matches).toBe(9);
  });

  it.each([
    [{ ok: false, reason: 'HTTP 500', status: 500 } as LookupAnswer, 'HTTP 500'],
    [{ ok: false, reason: 'no answer within 3000 ms' } as LookupAnswer, 'no answer within 3000 ms'],
    [ok('not an object'), 'the response has no results'],
    [ok({ data: { items: 'text' } }), '"data.items" is not a list or an object'],
  ])('errors and unreadable answers: the fallback (%#)', (answer, reason) => {
    expect(decide(template(), template().lookup, answer, ctx)).toEqual({ kind: 'fallback', url: 'https://crm.example.com/search?q=393331234567', reason });
  });

  it('an absent fallbackUrl: nothing opens, the reason stays', () => {
    const t = template({ fallbackUrl: undefined });
    expect(decide(t, t.lookup, { ok: false, reason: 'HTTP 502' }, ctx)).toEqual({ kind: 'fallback', reason: 'HTTP 502' });
  });

  it.each(['https://evil.example/x', '//evil.example', '@evil.example', '..', '../../admin', 'a/../../b', 'x?admin=1#y'])(
    'a value from the response cannot leave the record URL host or path segment: %s',
    (id) => {
      const decision = decide(template(), template().lookup, items({ id, name: 'M' }), ctx);
      if (decision.kind === 'open') {
        const url = new URL(decision.urls[0]!);
        expect(url.host).toBe('crm.example.com');
        expect(url.pathname.startsWith('/contacts/')).toBe(true);
        expect(url.pathname.slice('/contacts/'.length)).not.toContain('/');
        expect(url.search).toBe('');
      } else {
        // ".." would walk up: refused, so the fallback opens instead.
        expect(decision).toMatchObject({ kind: 'fallback', url: 'https://crm.example.com/search?q=393331234567' });
      }
    },
  );

  it('allowedUrlPrefixes applies to the record, new-contact and fallback URLs alike', () => {
    const narrow: RenderContext = { ...ctx, settings: { ...settings, allowedUrlPrefixes: ['https://other.example.com/'] } };
    expect(decide(template(), template().lookup, items({ id: '1', name: 'A' }), narrow)).toMatchObject({ kind: 'fallback' });
    expect(decide(template(), template().lookup, items(), narrow)).toMatchObject({ kind: 'noMatch', reason: expect.stringContaining('outside settings.allowedUrlPrefixes') });
  });
});

describe('schema', () => {
  it('a lookup needs a tab action and a sane timeout', () => {
    const base = { version: 1, templates: [{ id: 'x', url: 'https://crm.example.com/{ACCOUNT_ID}', lookup: { request: { url: 'https://crm.example.com/api' } } }] };
    expect(parseConfig(base).ok).toBe(true);
    const hook = structuredClone(base) as { templates: Array<Record<string, unknown>> };
    hook.templates[0]!.action = { type: 'webhook' };
    expect(parseConfig(hook)).toMatchObject({ ok: false, error: expect.stringContaining('templates[0].lookup: is only possible with a tab action') });
    const slow = structuredClone(base) as { templates: Array<{ lookup: { request: Record<string, unknown> } }> };
    slow.templates[0]!.lookup.request.timeoutMs = 60_000;
    expect(parseConfig(slow).ok).toBe(false);
    const scheme = structuredClone(base) as { templates: Array<{ lookup: Record<string, unknown> }> };
    scheme.templates[0]!.lookup.noMatchUrl = 'javascript:alert(1)';
    expect(parseConfig(scheme).ok).toBe(false);
  });
});

describe('shortWho', () => {
  it('shows the start of the number, not all of it', () => {
    expect(shortWho({ ANI: '+39 333 1234567' })).toBe('+39 333 …');
    expect(shortWho({ ANI: '2025550123' })).toBe('202555 …');
    expect(shortWho({ EMAIL: 'marco.rossi@example.com' })).toBe('marc…');
    expect(shortWho({})).toBe('');
  });
});

describe('shortWho: the country code as long as it is', () => {
  it('groups after a one-, two- or three-digit country code', () => {
    expect(shortWho({ ANI: '+1 415 555 0100' })).toBe('+1 415 …');
    expect(shortWho({ ANI: '+14155550100' })).toBe('+1 415 …');
    expect(shortWho({ ANI: '+7 912 345 67 89' })).toBe('+7 912 …');
    expect(shortWho({ ANI: '+44 20 7946 0958' })).toBe('+44 207 …');
    expect(shortWho({ ANI: '+351 912 345 678' })).toBe('+351 912 …');
    expect(shortWho({ ANI: '+852 2123 4567' })).toBe('+852 212 …');
    expect(shortWho({ ANI: '+1 415' })).toBe('+1 415');
  });
});

describe('usesLookupVars: what a later phase waits for', () => {
  const names = new Set(['ACCOUNT_ID', 'ACCOUNT_NAME']);
  const later = (fields: Record<string, unknown>) => TemplateSchema.parse({ id: 'later', when: { phases: ['answered'] }, ...fields });
  it('a URL or a param', () => {
    expect(usesLookupVars(later({ url: 'https://crm.example.com/c/{ACCOUNT_ID}' }), names)).toBe(true);
    expect(usesLookupVars(later({ url: 'https://crm.example.com/c', params: [{ name: 'a', value: '=DEFAULT_VALUE({ACCOUNT_ID}, "x")' }] }), names)).toBe(true);
    expect(usesLookupVars(later({ url: 'https://crm.example.com/c?x={ANI}' }), names)).toBe(false);
  });
  it('the target name, a notification title or text, the clipboard text, a webhook body', () => {
    expect(usesLookupVars(later({ url: 'https://crm.example.com/c', action: { type: 'tab', target: 'CRM {ACCOUNT_NAME}' } }), names)).toBe(true);
    expect(usesLookupVars(later({ action: { type: 'notify', title: 'Call from {ACCOUNT_NAME | upper}' } }), names)).toBe(true);
    expect(usesLookupVars(later({ action: { type: 'notify', message: '{ ACCOUNT_ID }' } }), names)).toBe(true);
    expect(usesLookupVars(later({ action: { type: 'clipboard', text: 'Account {ACCOUNT_ID}' } }), names)).toBe(true);
    expect(usesLookupVars(later({ url: 'https://hooks.example.com/x', action: { type: 'webhook' }, params: [{ name: 'account', value: '{ACCOUNT_ID}' }] }), names)).toBe(true);
    expect(usesLookupVars(later({ action: { type: 'notify', title: 'Call', message: '{ANI}' } }), names)).toBe(false);
    expect(usesLookupVars(later({ action: { type: 'clipboard', text: '{ACCOUNT_IDS}' } }), names)).toBe(false);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SettingsSchema, TemplateSchema, type Template } from '../../src/core/config';
import type { InteractionEvent } from '../../src/core/interaction-event';
import { checkUrl, matchTemplates, renderParams, renderRequest, renderText, renderUrl, type RenderContext } from '../../src/core/templates';

const settings = SettingsSchema.parse({ defaultCountry: 'IT' });

// Characters and runs that have a meaning in URLs or in the template language.
const SPECIALS = ['/', '?', '#', '&', '=', '%', '.', '..', '@', ':', '\\', '\t', '\n', ' ', '+', '%2e', '%2F', ';', 'javascript:', '//evil.com', '\uD800', '\uDC00', '{', '}', '|', 'İ', '\u0000', '"', ','];
const unit = fc.oneof(fc.constantFrom(...SPECIALS), fc.string({ unit: 'binary', minLength: 1, maxLength: 2 }));
const value = fc.string({ unit, maxLength: 12 });

const TEMPLATE_PIECES = ['https://', 'http://', 'javascript:', 'crm.example.com', '/', '?', '&', '=', '#', '{', '}', '|raw', '|e164', '|lower', '{ANI}', '{A|raw}', '{raw.a.0.b}', '{raw}', '{B|national|digits}', '=CONCAT_OR(', '=DEFAULT_VALUE(', ')', ','];
const templateText = fc.string({ unit: fc.oneof(fc.constantFrom(...TEMPLATE_PIECES), unit), maxLength: 20 });

const vars = fc.dictionary(fc.oneof(fc.constantFrom('ANI', 'A', 'B', 'EMAIL', 'QUEUE_PATH', '__proto__', 'constructor'), fc.string()), value);

const settingsArb = fc.record({
  defaultCountry: fc.oneof(fc.constantFrom('IT', 'US', 'RU', 'ZZ'), fc.string({ maxLength: 3 })),
  allowedUrlPrefixes: fc.array(fc.oneof(fc.constant('https://crm.example.com/'), fc.constant('https://*.example.com'), templateText), { maxLength: 2 }),
});

function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

function assertResult(result: { ok: boolean; url?: string; reason?: string }) {
  if (result.ok) expect(['http:', 'https:']).toContain(new URL(result.url ?? '').protocol);
  else expect(typeof result.reason).toBe('string');
}

describe('rendering never throws on arbitrary input', () => {
  it('renderUrl, renderText, renderParams, renderRequest, checkUrl', () => {
    fc.assert(
      fc.property(templateText, vars, fc.anything(), settingsArb, templateText, (url, v, raw, s, paramValue) => {
        const ctx = { vars: v, raw, settings: { ...settings, ...s } } as RenderContext;
        const params = [{ name: 'p', value: paramValue, enabled: true }];
        const template = { ...TemplateSchema.parse({ id: 't', url: 'https://x.test/' }), url, params };
        assertResult(renderUrl(template, ctx));
        expect(typeof renderText(url, ctx)).toBe('string');
        for (const [name, rendered] of renderParams(params, ctx)) expect([name, typeof rendered]).toEqual(['p', 'string']);
        const hook = { ...template, action: { type: 'webhook', method: 'POST', body: 'json', auth: { type: 'none' }, timeoutMs: 1000 } } as Template;
        const request = renderRequest(hook, ctx);
        if (request.ok) assertResult({ ok: true, url: request.request.url });
        assertResult(checkUrl(url, ctx.settings));
      }),
      { numRuns: 2000 },
    );
  });

  it('matchTemplates', () => {
    const phase = fc.constantFrom('ringing', 'answered', 'ended', null);
    fc.assert(
      fc.property(fc.array(fc.string({ unit, minLength: 1 }), { maxLength: 3 }), vars, phase, fc.boolean(), (queues, v, p, final) => {
        const templates = [TemplateSchema.parse({ id: 'a', url: 'https://x.test/', when: { queues: queues.length ? queues : undefined }, final }), TemplateSchema.parse({ id: 'b', url: 'https://x.test/' })];
        const event = { source: 's', interactionId: '1', phase: p, channel: 'chat', vars: v, raw: null, vendorType: 'x' } as InteractionEvent;
        const results = matchTemplates(templates, event, v);
        expect(results).toHaveLength(2);
        // "b" has no conditions: it fires unless the event has no phase or a final "a" matched first.
        expect(results[1]?.matched).toBe(p !== null && !(final && results[0]?.matched));
      }),
    );
  });
});

describe('no value escapes its position', () => {
  const safe = TemplateSchema.parse({
    id: 'safe',
    url: 'https://crm.example.com/contacts/{A}/view?x={B}&y={C|lower}&lit=1#/tab/{D}',
    params: [{ name: 'p', value: '{E}' }],
  });

  it('host, scheme, path segments and query keys never change', () => {
    fc.assert(
      fc.property(value, value, value, value, value, (A, B, C, D, E) => {
        const result = renderUrl(safe, { vars: { A, B, C, D, E }, raw: {}, settings });
        if (!result.ok) {
          // The one refusal: a whole segment of "." or "..", which the browser would resolve away.
          expect(['.', '..']).toContain(A);
          return;
        }
        const url = new URL(result.url);
        expect(url.protocol).toBe('https:');
        expect(url.host).toBe('crm.example.com');
        const segments = url.pathname.split('/');
        expect(segments).toHaveLength(4);
        expect(decodeURIComponent(segments[2] ?? '')).toBe(wellFormed(A));
        const expectedKeys = [B.trim() && 'x', C.trim() && 'y', 'lit', E.trim() && 'p'].filter(Boolean);
        expect([...url.searchParams.keys()]).toEqual(expectedKeys);
        if (B.trim()) expect(url.searchParams.get('x')).toBe(wellFormed(B));
        if (E.trim()) expect(url.searchParams.get('p')).toBe(wellFormed(E));
        expect(decodeURIComponent(url.hash)).toBe(`#/tab/${wellFormed(D)}`);
      }),
      { numRuns: 3000 },
    );
  });

  it('raw values never change the scheme, the host or the query keys', () => {
    const raw = TemplateSchema.parse({ id: 'raw', url: 'https://crm.example.com/p/{A|raw}?x={B|raw}#{C|raw}' });
    fc.assert(
      fc.property(value, value, value, (A, B, C) => {
        const result = renderUrl(raw, { vars: { A, B, C }, raw: {}, settings });
        if (!result.ok) return;
        const url = new URL(result.url);
        expect(url.protocol).toBe('https:');
        expect(url.host).toBe('crm.example.com');
        expect(url.pathname.startsWith('/p/')).toBe(true);
        expect([...new Set(url.searchParams.keys())].filter((k) => k !== 'x')).toEqual([]);
      }),
      { numRuns: 3000 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import { SettingsSchema, TemplateSchema, type Template } from '../../src/core/config';
import { checkUrl, renderUrl, type RenderContext } from '../../src/core/templates';

const settings = SettingsSchema.parse({ defaultCountry: 'US' });

function template(url: string, params: Array<{ name: string; value: string; enabled?: boolean }> = []): Template {
  // Bypass the schema's own http(s) check so the engine's refusals are tested too.
  return { ...TemplateSchema.parse({ id: 't', url: 'https://x.test/', params }), url };
}

function ctx(vars: Record<string, string>, overrides: Partial<RenderContext['settings']> = {}): RenderContext {
  return { vars, raw: {}, settings: { ...settings, ...overrides } };
}

function ok(result: ReturnType<typeof renderUrl>): string {
  if (!result.ok) throw new Error(`refused: ${result.reason}`);
  return result.url;
}

describe('renderUrl', () => {
  it('renders the documented example with its params', () => {
    const t = template('https://crm.example.com/contacts/search?phone={ANI|e164}&mail={EMAIL}', [
      { name: 'channel_type', value: '{CHANNEL}' },
      { name: 'who', value: '=DEFAULT_VALUE({EMAIL}, {ANI})', enabled: true },
    ]);
    const url = ok(renderUrl(t, ctx({ ANI: '2223334444', CHANNEL: 'whatsapp' })));
    // mail renders empty and is dropped; the function falls back to the ANI.
    expect(url).toBe('https://crm.example.com/contacts/search?phone=%2B12223334444&channel_type=whatsapp&who=2223334444');
  });

  it('drops only query parameters whose value renders empty; literal ones stay', () => {
    const t = template('https://crm.example.com/s?ani={ANI}&cuid={CUID}&mail={EMAIL}&lang=it&flag&blank=');
    expect(ok(renderUrl(t, ctx({ CUID: 'u-1', EMAIL: '  ' })))).toBe('https://crm.example.com/s?cuid=u-1&lang=it&flag&blank=');
    expect(ok(renderUrl(template('https://crm.example.com/s?ani={ANI}'), ctx({})))).toBe('https://crm.example.com/s');
  });

  it('encodes a value as one path segment, one query value, or fragment text', () => {
    const evil = 'a/b?c=d&e#f';
    const url = ok(renderUrl(template('https://crm.example.com/contact/{V}/view?q={V}#/tab/{V}'), ctx({ V: evil })));
    const parsed = new URL(url);
    expect(parsed.pathname.split('/')).toEqual(['', 'contact', encodeURIComponent(evil), 'view']);
    expect([...parsed.searchParams.keys()]).toEqual(['q']);
    expect(parsed.searchParams.get('q')).toBe(evil);
    expect(decodeURIComponent(parsed.hash)).toBe(`#/tab/${evil}`);
  });

  it('cannot be steered into the host by a value', () => {
    for (const V of ['@evil.com', '//evil.com', '\\\\evil.com', 'evil.com/', '%2F%2Fevil.com']) {
      const url = ok(renderUrl(template('https://crm.example.com/{V}'), ctx({ V })));
      expect(new URL(url).host).toBe('crm.example.com');
    }
  });

  it('refuses placeholders in the scheme or host', () => {
    for (const url of ['https://{HOST}/x', 'https://crm.{DOMAIN}.com/', 'https://crm.example.com:{PORT}/', '{SCHEME}://crm.example.com/', '{URL}']) {
      const result = renderUrl(template(url), ctx({ HOST: 'crm.example.com', URL: 'https://crm.example.com' }));
      expect(result.ok, url).toBe(false);
    }
    expect(renderUrl(template('https://{HOST}/x'), ctx({}))).toEqual({ ok: false, reason: 'a placeholder ({HOST}) may not stand in the host' });
  });

  it('refuses a value that would climb out of its path segment', () => {
    for (const ID of ['..', '.']) {
      const result = renderUrl(template('https://crm.example.com/contacts/{ID}/view'), ctx({ ID }));
      expect(result.ok, ID).toBe(false);
    }
    expect(ok(renderUrl(template('https://crm.example.com/contacts/id{ID}'), ctx({ ID: '..' })))).toBe('https://crm.example.com/contacts/id..');
    // Encoded, "%2e%2e" is text ("%252e%252e"), not a dot segment.
    expect(ok(renderUrl(template('https://crm.example.com/contacts/{ID}'), ctx({ ID: '%2e%2e' })))).toBe('https://crm.example.com/contacts/%252e%252e');
  });

  it('refuses templates that are not http(s)', () => {
    for (const url of ['javascript:alert(1)//{ANI}', 'data:text/html,{ANI}', 'file:///etc/passwd', 'ftp://crm.example.com/', '//crm.example.com/', 'https:///{ANI}']) {
      expect(renderUrl(template(url), ctx({ ANI: '1' })).ok, url).toBe(false);
    }
    expect(renderUrl({ ...template('x'), url: undefined }, ctx({}))).toEqual({ ok: false, reason: 'the template has no URL' });
  });

  it('raw values are not encoded, yet cannot change the host or add a parameter', () => {
    const c = ctx({ Q: '(Phone:equals:+12223334444)', P: 'a/b', EVIL: 'x&admin=1#frag' });
    expect(ok(renderUrl(template('https://crm.example.com/{P|raw}?criteria={Q|raw}'), c))).toBe(
      'https://crm.example.com/a/b?criteria=(Phone:equals:+12223334444)',
    );
    const url = new URL(ok(renderUrl(template('https://crm.example.com/s?q={EVIL|raw}'), c)));
    expect([...url.searchParams.keys()]).toEqual(['q']);
    expect(url.hash).toBe('');
    for (const EVIL of ['../../admin', '..\\..', '.\t.', '%2e%2E', '.%2e/x']) {
      expect(renderUrl(template('https://crm.example.com/c/{EVIL|raw}'), ctx({ EVIL })).ok, EVIL).toBe(false);
    }
  });

  it('skips params that are switched off and drops empty ones', () => {
    const t = template('https://crm.example.com/chat', [
      { name: 'channel_type', value: '{CHANNEL}' },
      { name: 'user_id', value: '{ANI}', enabled: false },
      { name: 'operator', value: '{AGENT_ID}' },
      { name: 'custom', value: '{PERSONAL_ACCOUNT}' },
    ]);
    expect(ok(renderUrl(t, ctx({ CHANNEL: 'telegram', ANI: '+79001234567', AGENT_ID: '42' })))).toBe(
      'https://crm.example.com/chat?channel_type=telegram&operator=42',
    );
  });

  it('enforces settings.allowedUrlPrefixes', () => {
    const t = template('https://crm.example.com/c?ani={ANI}');
    const vars = { ANI: '1' };
    expect(renderUrl(t, ctx(vars, { allowedUrlPrefixes: ['https://crm.example.com/'] })).ok).toBe(true);
    const refused = renderUrl(t, ctx(vars, { allowedUrlPrefixes: ['https://other.example.com/'] }));
    expect(refused).toEqual({ ok: false, reason: 'https://crm.example.com is outside settings.allowedUrlPrefixes' });
  });
});

describe('checkUrl (recordUrl, rescued window.open)', () => {
  it('passes an ordinary CRM record URL', () => {
    expect(checkUrl('https://crm.example.com/record/123', settings)).toEqual({ ok: true, url: 'https://crm.example.com/record/123' });
  });

  it.each([
    'javascript:alert(document.cookie)',
    ' JavaScript:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html;base64,PHNjcmlwdD4=',
    'file:///C:/Windows/win.ini',
    'blob:https://crm.example.com/uuid',
    'chrome://settings',
    'chrome-extension://abc/page.html',
    'vbscript:msgbox(1)',
    'about:blank',
    'ftp://files.example.com/',
    '/relative/path',
    '',
  ])('refuses %j', (url) => {
    const result = checkUrl(url, settings);
    expect(result.ok).toBe(false);
  });

  it('matches allowed prefixes by origin and path, not as a bare string', () => {
    const s = SettingsSchema.parse({ allowedUrlPrefixes: ['https://crm.example.com', 'https://*.zoho.eu/crm/'] });
    expect(checkUrl('https://crm.example.com/a', s).ok).toBe(true);
    expect(checkUrl('https://CRM.EXAMPLE.COM/a', s).ok).toBe(true);
    expect(checkUrl('https://crm.example.com.evil.com/a', s).ok).toBe(false);
    expect(checkUrl('https://crm.example.com@evil.com/a', s).ok).toBe(false);
    expect(checkUrl('http://crm.example.com/a', s).ok).toBe(false);
    expect(checkUrl('https://crm.example.com:8443/a', s).ok).toBe(false);
    expect(checkUrl('https://eu.zoho.eu/crm/tab/1', s).ok).toBe(true);
    expect(checkUrl('https://zoho.eu/crm/', s).ok).toBe(true);
    expect(checkUrl('https://eu.zoho.eu/admin', s).ok).toBe(false);
    expect(checkUrl('https://evilzoho.eu/crm/', s).ok).toBe(false);
  });

  it('a prefix stops at a path boundary: /app admits /app, /app/…, /app?…, never /app-admin', () => {
    const s = SettingsSchema.parse({ allowedUrlPrefixes: ['https://crm.example.com/app'] });
    expect(checkUrl('https://crm.example.com/app', s).ok).toBe(true);
    expect(checkUrl('https://crm.example.com/app/contacts/1', s).ok).toBe(true);
    expect(checkUrl('https://crm.example.com/app?id=1', s).ok).toBe(true);
    expect(checkUrl('https://crm.example.com/app#top', s).ok).toBe(true);
    expect(checkUrl('https://crm.example.com/app-admin/delete', s).ok).toBe(false);
    expect(checkUrl('https://crm.example.com/apps', s).ok).toBe(false);
    const folder = SettingsSchema.parse({ allowedUrlPrefixes: ['https://crm.example.com/app/'] });
    expect(checkUrl('https://crm.example.com/app/x', folder).ok).toBe(true);
    expect(checkUrl('https://crm.example.com/app', folder).ok).toBe(false);
  });
});

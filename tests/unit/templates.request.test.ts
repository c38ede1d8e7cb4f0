import { describe, expect, it } from 'vitest';
import { SettingsSchema, TemplateSchema } from '../../src/core/config';
import { renderRequest, type RenderContext } from '../../src/core/templates';

const settings = SettingsSchema.parse({ defaultCountry: 'IT' });
const ctx: RenderContext = {
  vars: { ANI: '+390612345678', INTERACTION_ID: '103646', PHASE: 'answered', EMAIL: '' },
  raw: {},
  settings,
};
const params = [
  { name: 'ani', value: '{ANI|e164}' },
  { name: 'id', value: '{INTERACTION_ID}' },
  { name: 'mail', value: '{EMAIL}' },
];

function webhook(action: Record<string, unknown>, url = 'https://hooks.example.com/pbx?event={PHASE}') {
  return TemplateSchema.parse({ id: 'hook', url, params, action: { type: 'webhook', ...action } });
}

function request(action: Record<string, unknown>, url?: string) {
  const result = renderRequest(webhook(action, url), ctx);
  if (!result.ok) throw new Error(result.reason);
  return result.request;
}

describe('renderRequest', () => {
  // TVox Pop-up scheda contatto guide (Notification Service): HTTP GET with the data in the query string.
  it('GET puts the params in the query', () => {
    expect(request({ method: 'GET' })).toEqual({
      method: 'GET',
      url: 'https://hooks.example.com/pbx?event=answered&ani=%2B390612345678&id=103646',
      headers: {},
    });
  });

  it('POST sends a JSON map of the params (CCAI "Proprietà")', () => {
    const r = request({ method: 'POST' });
    expect(r.url).toBe('https://hooks.example.com/pbx?event=answered');
    expect(r.headers['Content-Type']).toBe('application/json');
    expect(JSON.parse(r.body ?? '')).toEqual({ ani: '+390612345678', id: '103646' });
  });

  it('wraps the body in a map or array container (CCAI "Container")', () => {
    expect(JSON.parse(request({ container: { type: 'map', name: 'call' } }).body ?? '')).toEqual({
      call: { ani: '+390612345678', id: '103646' },
    });
    expect(JSON.parse(request({ method: 'PUT', container: { type: 'array', name: 'fields' } }).body ?? '')).toEqual({
      fields: [{ ani: '+390612345678', id: '103646' }],
    });
  });

  it('sends a form body when asked', () => {
    const r = request({ method: 'PATCH', body: 'form' });
    expect(r.method).toBe('PATCH');
    expect(r.headers['Content-Type']).toBe('application/x-www-form-urlencoded');
    expect(r.body).toBe('ani=%2B390612345678&id=103646');
    expect(request({ body: 'form', container: { type: 'map', name: 'c' } }).body).toBe('c%5Bani%5D=%2B390612345678&c%5Bid%5D=103646');
  });

  it('adds Basic auth (UTF-8) or a custom header', () => {
    const basic = request({ auth: { type: 'basic', username: 'tvox', password: 'pàss:1' } });
    expect(basic.headers.Authorization).toBe(`Basic ${Buffer.from('tvox:pàss:1', 'utf8').toString('base64')}`);
    expect(request({ auth: { type: 'header', name: 'X-Api-Key', value: 'k-123' } }).headers['X-Api-Key']).toBe('k-123');
    const broken = renderRequest(webhook({ auth: { type: 'header', name: 'X-Api-Key', value: 'a\r\nHost: evil' } }), ctx);
    expect(broken.ok).toBe(false);
  });

  it('applies the same URL safety as tabs', () => {
    const outside = renderRequest(webhook({}), { ...ctx, settings: { ...settings, allowedUrlPrefixes: ['https://crm.example.com/'] } });
    expect(outside).toEqual({ ok: false, reason: 'https://hooks.example.com is outside settings.allowedUrlPrefixes' });
    expect(renderRequest(webhook({}, 'https://{HOST}/x'), ctx).ok).toBe(false);
  });

  it('refuses a template that is not a webhook', () => {
    const tab = TemplateSchema.parse({ id: 'tab', url: 'https://crm.example.com/' });
    expect(renderRequest(tab, ctx)).toEqual({ ok: false, reason: 'the template is not a webhook' });
  });
});

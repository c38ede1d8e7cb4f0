// Webhook requests (TVox Notification Service, Puzzel web request, CCAI endpoints with
// "Proprietà" or "Container" bodies). The outbox adds the Idempotency-Key and sends it.
import type { Template, WebhookAction } from '../config';
import { reasonText } from '../reason-codes';
import { renderParams } from './params';
import type { RenderContext } from './types';
import { buildUrl } from './url';

export interface WebhookRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export type RequestResult = { ok: true; request: WebhookRequest } | { ok: false; reason: string };

type Pairs = Array<[string, string]>;

function base64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function jsonBody(params: Pairs, container: WebhookAction['container']): string {
  const map: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [name, value] of params) map[name] = value;
  if (!container) return JSON.stringify(map);
  // CCAI Platform custom CRM guide, "Container": Map `{ container_name: { ...parameters } }`, Array `{ container_name: [ { ...parameters } ] }`.
  return JSON.stringify({ [container.name]: container.type === 'map' ? map : [map] });
}

function formBody(params: Pairs, container: WebhookAction['container']): string {
  const form = new URLSearchParams();
  const prefix = container ? (container.type === 'map' ? `${container.name}` : `${container.name}[0]`) : '';
  for (const [name, value] of params) form.append(prefix ? `${prefix}[${name}]` : name, value);
  return form.toString();
}

// fetch() throws on these; better a clear reason at render time than a failed delivery loop.
const BAD_HEADER_VALUE = /[\r\n\0]/;

/**
 * The headers carrying the template's credentials. Kept apart so that the outbox never stores
 * them: it asks for them again, from the configuration, each time it sends.
 */
export function authHeaders(action: Pick<WebhookAction, 'auth'>): { ok: true; headers: Record<string, string> } | { ok: false; reason: string } {
  const auth = action.auth ?? { type: 'none' };
  if (auth.type === 'basic') return { ok: true, headers: { Authorization: `Basic ${base64(`${auth.username}:${auth.password}`)}` } };
  if (auth.type === 'header') {
    if (BAD_HEADER_VALUE.test(auth.value)) return { ok: false, reason: reasonText('headerLineBreak', auth.name) };
    return { ok: true, headers: { [auth.name]: auth.value } };
  }
  return { ok: true, headers: {} };
}

export function renderRequest(template: Template, ctx: RenderContext): RequestResult {
  const action = template?.action;
  if (action?.type !== 'webhook') return { ok: false, reason: reasonText('notWebhook') };
  if (!template.url) return { ok: false, reason: reasonText('noTemplateUrl') };
  const method = action.method ?? 'POST';
  const params = renderParams(template.params ?? [], ctx);
  const inQuery = method === 'GET';
  const url = buildUrl(template.url, ctx, inQuery ? params : []);
  if (!url.ok) return url;

  const credentials = authHeaders(action);
  if (!credentials.ok) return credentials;
  const headers: Record<string, string> = { ...credentials.headers };
  if (inQuery) return { ok: true, request: { method, url: url.url, headers } };

  const form = action.body === 'form';
  headers['Content-Type'] = form ? 'application/x-www-form-urlencoded' : 'application/json';
  const body = form ? formBody(params, action.container) : jsonBody(params, action.container);
  return { ok: true, request: { method, url: url.url, headers, body } };
}

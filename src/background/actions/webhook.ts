// The webhook action (TVox Notification Service, Puzzel web request, CCAI endpoints): the request
// is rendered once, at the event, and handed to the durable outbox, which sends it.
import type { Template } from '../../core/config';
import { authHeaders, renderRequest, type RenderContext } from '../../core/templates';
import { enqueue } from './outbox';
import { loggableUrl } from '../../core/outbox-policy';

export type WebhookResult = { ok: true; method: string; url: string } | { ok: false; reason: string };

export async function queueWebhook(template: Template, ctx: RenderContext, interactionKey: string): Promise<WebhookResult> {
  const action = template.action;
  if (action.type !== 'webhook') return { ok: false, reason: 'the template is not a webhook' };
  const rendered = renderRequest(template, ctx);
  if (!rendered.ok) return rendered;
  // Credentials stay out of IndexedDB (and so out of the profile's files): the outbox takes them
  // from the configuration when it sends.
  const credentials = authHeaders(action);
  const headers = Object.fromEntries(
    Object.entries(rendered.request.headers).filter(([name]) => !(credentials.ok && Object.hasOwn(credentials.headers, name))),
  );
  await enqueue({
    id: crypto.randomUUID(),
    idempotencyKey: crypto.randomUUID(),
    request: { ...rendered.request, headers },
    templateId: template.id,
    interactionKey,
    timeoutMs: action.timeoutMs,
  });
  return { ok: true, method: rendered.request.method, url: loggableUrl(rendered.request.url) };
}

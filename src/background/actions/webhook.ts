// The webhook action (TVox Notification Service, Puzzel web request, CCAI endpoints): the request
// is rendered once, at the event, and handed to the durable outbox, which sends it.
import type { Template } from '../../core/config';
import type { Phase } from '../../core/interaction-event';
import { authHeaders, renderRequest, type RenderContext } from '../../core/templates';
import { enqueue } from './outbox';
import { loggableUrl } from '../../core/outbox-policy';
import { reasonText } from '../../core/reason-codes';
import { templateLabel } from '../../core/on-demand';

export type WebhookResult = { ok: true; method: string; url: string } | { ok: false; reason: string };

/** Phases that may fire more than once for an interaction: each firing is its own delivery. */
const REPEATABLE: ReadonlySet<Phase | null> = new Set<Phase | null>(['focus', 'on_demand', null]);

export async function queueWebhook(
  template: Template,
  ctx: RenderContext,
  interactionKey: string,
  phase: Phase | null,
): Promise<WebhookResult> {
  const action = template.action;
  if (action.type !== 'webhook') return { ok: false, reason: reasonText('notWebhook') };
  const rendered = renderRequest(template, ctx);
  if (!rendered.ok) return rendered;
  // Credentials stay out of IndexedDB (and so out of the profile's files): the outbox takes them
  // from the configuration when it sends.
  const credentials = authHeaders(action);
  const headers = Object.fromEntries(
    Object.entries(rendered.request.headers).filter(([name]) => !(credentials.ok && Object.hasOwn(credentials.headers, name))),
  );
  // A phase fires once per interaction; when a worker that died before storing that is handed the
  // message again, the delivery gets the same id and Idempotency-Key, and the receiver sees one.
  const id = REPEATABLE.has(phase) ? crypto.randomUUID() : await stableId(`${interactionKey}\n${phase}\n${template.id}`);
  await enqueue({
    id,
    idempotencyKey: id,
    request: { ...rendered.request, headers },
    templateId: template.id,
    templateName: templateLabel(template),
    interactionKey,
    timeoutMs: action.timeoutMs,
  });
  return { ok: true, method: rendered.request.method, url: loggableUrl(rendered.request.url) };
}

/** A UUID-shaped name derived from `text` (SHA-256), so the same delivery always gets the same one. */
async function stableId(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  const hex = [...digest.slice(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

// "Test pop" from the options page: run one template for real on a sample event, outside the
// interaction state (no dedupe, pauses ignored: the agent asked for it explicitly).
import type { DiagnosticCode } from '../core/diagnostic-codes';
import { templateLabel } from '../core/on-demand';
import { validateTemplate } from './offscreen';
import { PHASES, type InteractionEvent } from '../core/interaction-event';
import type { TestPopMessage, TestPopReply } from '../core/worker-api';
import { refusal } from '../core/reply-codes';
import { actionUrl, clipboardText, targetName } from '../core/action-resolve';
import { notificationText, showNotification } from './actions/notify';
import { openInTarget } from './actions/tab';
import { currentConfig } from './config-store';
import { logDiagnostic } from './diagnostics';
import { contextVars, renderRequest, renderText } from '../core/templates';
import { loggableUrl } from '../core/outbox-policy';
import { drainCapped, NO_REDIRECT_REASON, webhookFetch } from './http';
import { reasonText } from '../core/reason-codes';

function toEvent(value: unknown): InteractionEvent | null {
  if (typeof value !== 'object' || value === null) return null;
  const e = value as Partial<InteractionEvent>;
  if (typeof e.source !== 'string' || typeof e.interactionId !== 'string' || typeof e.channel !== 'string') return null;
  const phase = PHASES.find((p) => p === e.phase) ?? null;
  const vars: Record<string, string> = {};
  for (const [name, v] of Object.entries(e.vars ?? {})) if (typeof v === 'string') vars[name] = v;
  const recordUrl = typeof e.recordUrl === 'string' ? e.recordUrl : undefined;
  return { source: e.source, interactionId: e.interactionId, phase, channel: e.channel, vars, raw: e.raw ?? null, vendorType: String(e.vendorType ?? ''), recordUrl };
}

export async function testPop(message: TestPopMessage): Promise<TestPopReply> {
  const parsed = await validateTemplate(message.template);
  if (!parsed.ok) return parsed;
  const template = parsed.template;
  const event = toEvent(message.event);
  if (!event) return refusal('notInteractionEvent');
  const config = currentConfig();
  const ctx = { vars: contextVars(event, {}, config.settings), raw: event.raw, settings: config.settings };
  const action = template.action;
  const name = templateLabel(template);
  const note = (code: DiagnosticCode, args: string[], detail?: string) => logDiagnostic({ kind: 'action', code, args: [name, ...args], detail });

  if (action.type === 'tab' || action.type === 'record') {
    const rendered = actionUrl(template, event, ctx);
    if (!rendered.ok) return { ok: false, error: rendered.reason };
    const target = targetName(action.target, ctx);
    // The side panel belongs to the agent desktop's window; from the options page a tab shows the same page.
    const placement = action.placement === 'sidepanel' ? 'tab' : action.placement;
    const opened = await openInTarget({ url: rendered.url, target, action: { ...action, placement } });
    await note('testPopTab', [target, opened.outcome], rendered.url);
    return { ok: true, outcome: opened.outcome, url: rendered.url };
  }
  if (action.type === 'notify') {
    const rendered = template.url ? actionUrl(template, event, ctx) : undefined;
    if (rendered && !rendered.ok) return { ok: false, error: rendered.reason };
    const { reuse, focus, placement, window } = action;
    const text = notificationText(action, (t) => renderText(t, ctx), {
      channelLabel: ctx.vars.CHANNEL_LABEL ?? event.channel,
      phase: event.phase ?? '',
      who: ctx.vars.ANI || ctx.vars.EMAIL || '',
    });
    const target = targetName(action.target, ctx);
    await showNotification({
      ...text,
      ...(rendered ? { open: { url: rendered.url, target, action: { reuse, focus, placement: placement === 'sidepanel' ? 'tab' : placement, window } } } : {}),
    });
    await note('testPopNotified', [], rendered?.url);
    return { ok: true, outcome: 'notification', ...(rendered ? { url: rendered.url } : {}) };
  }
  if (action.type === 'clipboard') {
    // The options page has the focus a clipboard write needs: it copies the text itself.
    const resolved = clipboardText(template, ctx);
    return resolved.ok ? { ok: true, outcome: 'text', text: resolved.text } : { ok: false, error: resolved.reason };
  }
  const request = renderRequest(template, ctx);
  if (!request.ok) return { ok: false, error: request.reason };
  // renderRequest already refused anything outside http(s) or settings.allowedUrlPrefixes.
  const { url } = request.request;
  try {
    const response = await webhookFetch(url, {
      method: request.request.method,
      headers: { ...request.request.headers, 'Idempotency-Key': crypto.randomUUID() },
      body: request.request.body,
      signal: AbortSignal.timeout(action.timeoutMs),
    });
    if (response.type === 'opaqueredirect') {
      await note('testPopWebhookFailed', [NO_REDIRECT_REASON], loggableUrl(url));
      return { ok: false, error: NO_REDIRECT_REASON };
    }
    await drainCapped(response);
    await note('testPopWebhook', [request.request.method, String(response.status)], url);
    if (!response.ok) return { ok: false, error: reasonText('httpStatus', String(response.status)) };
    return { ok: true, outcome: `HTTP ${response.status}`, url };
  } catch (error) {
    const reason =
      (error as Error).name === 'TimeoutError' ? reasonText('noAnswerWithin', String(action.timeoutMs)) : reasonText('networkError', (error as Error).message || 'unreachable');
    await note('testPopWebhookFailed', [reason]);
    return { ok: false, error: reason };
  }
}

// The live preview, pure: a vendor message → the Interaction event the adapter makes of it →
// which templates match (and why the others do not) → what each would open or send.
import { adapt } from '../core/adapters';
import { reasonText } from '../core/reason-codes';
import { checkUrl, contextVars, matchTemplates, renderRequest, renderText, renderUrl, type MatchWhy } from '../core/templates';
import type { Config, Source, Template } from '../core/config';
import type { InteractionEvent, Vars } from '../core/interaction-event';

export type Output =
  | { kind: 'url'; url: string }
  | { kind: 'text'; text: string }
  | { kind: 'request'; method: string; url: string; headers: Record<string, string>; body?: string }
  | { kind: 'refused'; reason: string };

export interface PreviewRow {
  template: Template;
  matched: boolean;
  reason?: string;
  why?: MatchWhy;
  output: Output;
}

export type Preview =
  | { ok: false; reason: string }
  | { ok: true; event: InteractionEvent; vars: Vars; rows: PreviewRow[] };

// Secrets stay on the page they were typed on: the preview shows that a header is sent, not its value.
export function maskHeaders(headers: Record<string, string>, template: Template): Record<string, string> {
  const auth = template.action.type === 'webhook' ? template.action.auth : { type: 'none' as const };
  const masked = { ...headers };
  if (auth.type === 'basic' && masked.Authorization) masked.Authorization = 'Basic ••••••';
  if (auth.type === 'header' && auth.name in masked) masked[auth.name] = '••••••';
  return masked;
}

export function renderOutput(template: Template, event: InteractionEvent, vars: Vars, config: Config): Output {
  const ctx = { vars, raw: event.raw, settings: config.settings };
  try {
    const action = template.action;
    if (action.type === 'webhook') {
      const r = renderRequest(template, ctx);
      if (!r.ok) return { kind: 'refused', reason: r.reason };
      const checked = checkUrl(r.request.url, config.settings);
      if (!checked.ok) return { kind: 'refused', reason: checked.reason };
      return { kind: 'request', ...r.request, headers: maskHeaders(r.request.headers, template) };
    }
    if (action.type === 'record') {
      if (!event.recordUrl) return { kind: 'refused', reason: reasonText('noRecordUrl') };
      const checked = checkUrl(event.recordUrl, config.settings);
      return checked.ok ? { kind: 'url', url: checked.url } : { kind: 'refused', reason: checked.reason };
    }
    if (action.type === 'clipboard' && action.text) return { kind: 'text', text: renderText(action.text, ctx) };
    const r = renderUrl(template, ctx);
    if (!r.ok) return { kind: 'refused', reason: r.reason };
    return action.type === 'clipboard' ? { kind: 'text', text: r.url } : { kind: 'url', url: r.url };
  } catch (error) {
    return { kind: 'refused', reason: (error as Error).message };
  }
}

/** message: the pasted or sample vendor message, as text (JSON) or an object. */
export function preview(config: Config, source: Source, message: unknown, now = new Date()): Preview {
  if (typeof message === 'string' && !message.trim()) return { ok: false, reason: 'empty' };
  const adapted = adapt(source, message);
  if (!adapted.ok) return { ok: false, reason: adapted.reason };
  const event = adapted.event;
  const vars = contextVars(event, {}, config.settings, now);
  const rows = matchTemplates(config.templates, event, vars).map((m) => ({
    template: m.template,
    matched: m.matched,
    reason: m.reason,
    ...(m.why ? { why: m.why } : {}),
    output: renderOutput(m.template, event, vars, config),
  }));
  return { ok: true, event, vars, rows };
}

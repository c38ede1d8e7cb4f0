// What an action would open or copy, rendered once for the real pipeline and for "test pop" alike.
import type { Template } from './config';
import type { InteractionEvent } from './interaction-event';
import { reasonText } from './reason-codes';
import { checkUrl, renderText, renderUrl, type RenderContext, type UrlResult } from './templates';

/** The URL a tab or record action opens: the rendered template, or the event's record URL. */
export function actionUrl(template: Template, event: InteractionEvent, ctx: RenderContext): UrlResult {
  if (template.action.type !== 'record') return renderUrl(template, ctx);
  return event.recordUrl ? checkUrl(event.recordUrl, ctx.settings) : { ok: false, reason: reasonText('noRecordUrl') };
}

/** The text a clipboard action copies: its rendered `text`, else the rendered URL. */
export function clipboardText(template: Template, ctx: RenderContext): { ok: true; text: string } | { ok: false; reason: string } {
  const text = template.action.type === 'clipboard' ? renderText(template.action.text, ctx) : '';
  if (text.trim()) return { ok: true, text };
  if (!template.url) return { ok: false, reason: reasonText('nothingToCopy') };
  const rendered = renderUrl(template, ctx);
  return rendered.ok ? { ok: true, text: rendered.url } : { ok: false, reason: rendered.reason };
}

/** The name of the tab a tab or record action opens. */
export function targetName(target: string, ctx: RenderContext): string {
  return renderText(target, ctx).trim() || 'CRM';
}

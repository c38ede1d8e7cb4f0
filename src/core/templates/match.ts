// Which templates fire for an event: in order, every enabled match, until a match marked final
// (how a per-queue template overrides a global one, like CCAI's queue vs global settings).
import type { Template } from '../config';
import type { InteractionEvent, Vars } from '../interaction-event';

export interface MatchResult {
  template: Template;
  matched: boolean;
  /** Why it did not match, for the options page preview and diagnostics. */
  reason?: string;
}

// CCAI writes queue paths "Developers / Kim"; admins will write "Developers/Kim".
function normalizeQueue(text: string): string {
  return text.trim().replace(/\s*\/\s*/g, '/').toLowerCase();
}

const globs = new Map<string, RegExp>();

export function queueGlob(pattern: string): RegExp {
  let re = globs.get(pattern);
  if (!re) {
    const body = normalizeQueue(pattern)
      .split('*')
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*');
    re = new RegExp(`^${body}$`, 's');
    if (globs.size >= 500) globs.clear();
    globs.set(pattern, re);
  }
  return re;
}

function list(values: readonly string[]): string {
  return `[${values.join(', ')}]`;
}

// An empty list is what the options page saves when nothing is ticked: no restriction, like absent.
function restricts(values: readonly string[] | undefined): values is readonly string[] {
  return Array.isArray(values) && values.length > 0;
}

function whyNot(template: Template, event: InteractionEvent, vars: Vars): string | undefined {
  if (!template.enabled) return 'disabled';
  if (!event.phase) return `event ${event.vendorType || '(unknown)'} has no phase`;
  const when = template.when ?? {};
  if (restricts(when.phases) && !when.phases.includes(event.phase)) {
    return `phase ${event.phase} not in ${list(when.phases)}`;
  }
  const channel = (event.channel ?? '').toLowerCase();
  if (restricts(when.channels) && !when.channels.some((c) => c.toLowerCase() === channel)) {
    return `channel ${event.channel} not in ${list(when.channels)}`;
  }
  if (restricts(when.sources) && !when.sources.includes(event.source)) {
    return `source ${event.source} not in ${list(when.sources)}`;
  }
  if (restricts(when.queues)) {
    const queues = [vars.QUEUE_PATH, vars.MENU_PATH, vars.QUEUE_NAME].filter((q): q is string => !!q);
    if (!queues.length) return `no queue (QUEUE_PATH, QUEUE_NAME) for queues ${list(when.queues)}`;
    const hit = when.queues.some((glob) => queues.some((queue) => queueGlob(glob).test(normalizeQueue(queue))));
    if (!hit) return `queue "${queues[0]}" not in ${list(when.queues)}`;
  }
  if (template.action?.type === 'record' && !event.recordUrl) return 'the event carries no recordUrl';
  return undefined;
}

export function matchTemplates(templates: Template[], event: InteractionEvent, vars: Vars): MatchResult[] {
  let finalId: string | undefined;
  return (templates ?? []).map((template) => {
    if (finalId !== undefined) return { template, matched: false, reason: `after final template ${finalId}` };
    let reason: string | undefined;
    try {
      reason = whyNot(template, event, vars ?? {});
    } catch {
      reason = 'the template could not be evaluated';
    }
    if (reason) return { template, matched: false, reason };
    if (template.final) finalId = template.id;
    return { template, matched: true };
  });
}

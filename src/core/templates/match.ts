// Which templates fire for an event: in order, every enabled match, until a match marked final
// (how a per-queue template overrides a global one, like CCAI's queue vs global settings).
import type { Template } from '../config';
import type { InteractionEvent, Vars } from '../interaction-event';

/** Why a template did not match, as a code the pages translate (`matchWhy_<code>`) with its arguments. */
export type MatchWhyCode =
  | 'disabled'
  | 'noPhase'
  | 'phase'
  | 'channel'
  | 'source'
  | 'noQueue'
  | 'queue'
  | 'noRecordUrl'
  | 'afterFinal'
  | 'error';

export interface MatchWhy {
  code: MatchWhyCode;
  args: string[];
}

export interface MatchResult {
  template: Template;
  matched: boolean;
  /** Why it did not match, in English (exports, support). */
  reason?: string;
  /** The same, for the agent's language. */
  why?: MatchWhy;
}

const WHY_ENGLISH: Record<MatchWhyCode, string> = {
  disabled: 'disabled',
  noPhase: 'event $1 has no phase',
  phase: 'phase $1 not in $2',
  channel: 'channel $1 not in $2',
  source: 'source $1 not in $2',
  noQueue: 'no queue (QUEUE_PATH, QUEUE_NAME) for queues $1',
  queue: 'queue "$1" not in $2',
  noRecordUrl: 'the event carries no recordUrl',
  afterFinal: 'after final template $1',
  error: 'the template could not be evaluated',
};

export function whyEnglish(why: MatchWhy): string {
  return WHY_ENGLISH[why.code].replace(/\$([1-9])/g, (all, n: string) => why.args[Number(n) - 1] ?? all);
}

const why = (code: MatchWhyCode, ...args: string[]): MatchWhy => ({ code, args });

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

function whyNot(template: Template, event: InteractionEvent, vars: Vars): MatchWhy | undefined {
  if (!template.enabled) return why('disabled');
  if (!event.phase) return why('noPhase', event.vendorType || '(unknown)');
  const when = template.when ?? {};
  if (restricts(when.phases) && !when.phases.includes(event.phase)) {
    return why('phase', event.phase, list(when.phases));
  }
  const channel = (event.channel ?? '').toLowerCase();
  if (restricts(when.channels) && !when.channels.some((c) => c.toLowerCase() === channel)) {
    return why('channel', event.channel, list(when.channels));
  }
  if (restricts(when.sources) && !when.sources.includes(event.source)) {
    return why('source', event.source, list(when.sources));
  }
  if (restricts(when.queues)) {
    const queues = [vars.QUEUE_PATH, vars.MENU_PATH, vars.QUEUE_NAME].filter((q): q is string => !!q);
    if (!queues.length) return why('noQueue', list(when.queues));
    const hit = when.queues.some((glob) => queues.some((queue) => queueGlob(glob).test(normalizeQueue(queue))));
    if (!hit) return why('queue', queues[0]!, list(when.queues));
  }
  if (template.action?.type === 'record' && !event.recordUrl) return why('noRecordUrl');
  return undefined;
}

export function matchTemplates(templates: Template[], event: InteractionEvent, vars: Vars): MatchResult[] {
  let finalId: string | undefined;
  return (templates ?? []).map((template) => {
    let reason: MatchWhy | undefined;
    if (finalId !== undefined) reason = why('afterFinal', finalId);
    else {
      try {
        reason = whyNot(template, event, vars ?? {});
      } catch {
        reason = why('error');
      }
    }
    if (reason) return { template, matched: false, reason: whyEnglish(reason), why: reason };
    if (template.final) finalId = template.id;
    return { template, matched: true };
  });
}

// "Open CRM" and "Copy link" act exactly as the templates that match the interaction's `on_demand`
// event; when none does, the agent is told why and what to change, in codes the popup translates.
import type { Template } from './config';
import type { MatchResult, MatchWhy } from './templates';

/** A locale message key with its arguments; `why` adds a translated match reason. */
export interface Notice {
  code: string;
  args: string[];
  why?: MatchWhy;
}

/** The name the agent gave the template, else its id. */
export function templateLabel(template: Pick<Template, 'id' | 'name'>): string {
  return template.name?.trim() || template.id;
}

const listsOnDemand = (template: Template) =>
  !template.when.phases?.length || template.when.phases.includes('on_demand');

/** Why no template acts on demand for this interaction, and what the agent can do about it. */
export function whyNothingOnDemand(results: MatchResult[], channel: string): Notice {
  const enabled = results.filter((r) => r.template.enabled);
  if (!enabled.length) return { code: 'onDemandNoTemplates', args: [] };
  const onDemand = enabled.filter((r) => listsOnDemand(r.template));
  if (!onDemand.length) {
    // Point at the template the agent most likely means: one made for this channel, else the first.
    const forChannel = enabled.find((r) => r.template.when.channels?.some((c) => c.toLowerCase() === channel.toLowerCase()));
    return { code: 'onDemandNotTicked', args: [templateLabel((forChannel ?? enabled[0]!).template)] };
  }
  const first = onDemand[0]!;
  return { code: 'onDemandNoMatch', args: [templateLabel(first.template)], ...(first.why ? { why: first.why } : {}) };
}

/** The templates whose page "Copy link" copies: the matching ones that open a page. */
export function linkTemplates(results: MatchResult[]): Template[] {
  return results.filter((r) => r.matched && r.template.action.type === 'tab').map((r) => r.template);
}

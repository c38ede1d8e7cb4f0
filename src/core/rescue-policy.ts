// What a rescued popup may do. Any script on the agent desktop page can call window.open, and the
// rescue cannot tell the vendor's call from another script's: so it may never take over a tab a
// template owns, may be limited to a source's own URLs, and is rate-limited per page.
import type { Config, Source } from './config';
import { withinPrefixes } from './templates/check';

/** Rescues per agent desktop tab per minute: a popup manager opens one per interaction. */
export const RESCUE_LIMIT = { count: 5, windowMs: 60_000 } as const;

const DEFAULT_TEMPLATE_TARGET = 'CRM {CHANNEL_LABEL}';

/**
 * Could a template's pop (or a click on its notification) use a tab of this name? Its target is matched with each `{…}` placeholder
 * standing for any text, without regard to case: `CRM {CHANNEL_LABEL}` claims "CRM WhatsApp".
 */
export function templateClaims(config: Pick<Config, 'templates'>, name: string): boolean {
  const wanted = name.trim().toLowerCase();
  return config.templates.some((template) => {
    const action = template.action;
    if (action.type !== 'tab' && action.type !== 'record' && action.type !== 'notify') return false;
    const parts = (action.target || DEFAULT_TEMPLATE_TARGET).toLowerCase().split(/\{[^{}]*\}/);
    const pattern = parts.map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[\\s\\S]*');
    return new RegExp(`^${pattern}$`).test(wanted);
  });
}

/** The tab name a rescued popup gets: the page's window name, unless a template could own it. */
export function rescueTarget(config: Pick<Config, 'templates'>, requested: string, renamed: (name: string) => string): string {
  const name = requested && !requested.startsWith('_') ? requested : 'CRM';
  return templateClaims(config, name) ? renamed(name) : name;
}

/** The source's own allow-list for rescued URLs; absent or empty: no limit beyond the settings'. */
export function rescueUrlAllowed(source: Pick<Source, 'rescueUrlPrefixes'>, url: string): boolean {
  const prefixes = source.rescueUrlPrefixes ?? [];
  return prefixes.length === 0 || withinPrefixes(url, prefixes);
}

/** The page's recent rescue times with this one added, or null when it is over the limit. */
export function admitRescue(recent: readonly number[], now: number): number[] | null {
  const kept = recent.filter((at) => now - at < RESCUE_LIMIT.windowMs);
  return kept.length >= RESCUE_LIMIT.count ? null : [...kept, now];
}

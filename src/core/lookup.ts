// Search, then pop: the pure half of a template's `lookup`. The worker sends the request this
// renders and hands the answer back; what opens is decided here, every URL rendered by the
// template rules (a value from the CRM's response is percent-encoded: it can never change the
// scheme or host of the record URL).
import type { Lookup, Template } from './config';
import type { Vars } from './interaction-event';
import { renderRequest, renderText, renderUrl, buildUrl, type RenderContext, type RequestResult } from './templates';
import { reasonText } from './reason-codes';

/** One contact the CRM returned: the variables `vars` took from it, and its name for the chooser. */
export interface LookupMatch {
  vars: Vars;
  label: string;
}

/** A match the agent may pick: its record URL is rendered already. */
export interface LookupChoice extends LookupMatch {
  url: string;
}

/** The answer of the CRM, as the worker read it. */
export type LookupAnswer =
  | { ok: true; status: number; body: unknown }
  /** `text`: what the API answered when it answered (an HTTP error's body, a body that is not JSON), for "Try it". */
  | { ok: false; reason: string; status?: number; text?: string };

export type LookupDecision =
  /** `urls[0]` goes to the named tab; any others (rule `all`) to tabs of their own. */
  | { kind: 'open'; rule: 'single' | 'first' | 'all'; urls: string[]; vars: Vars; matches: number }
  | { kind: 'ask'; choices: LookupChoice[] }
  | { kind: 'noMatch'; url?: string; reason?: string }
  | { kind: 'fallback'; url?: string; reason: string; matches?: number };

/** Rule `all` opens at most this many tabs: a common number must not flood the browser. */
export const MAX_TABS = 5;
/** Matches beyond this are not read (nor listed in the chooser). */
export const MAX_MATCHES = 50;

/** The HTTP request of the lookup, rendered like a webhook's (params, body, container, auth). */
export function lookupRequest(lookup: Lookup, ctx: RenderContext): RequestResult {
  const { request } = lookup;
  const auth = request.auth.type === 'oauth2' ? { type: 'none' as const } : request.auth;
  const template = {
    id: 'lookup',
    url: request.url,
    params: request.params,
    action: { type: 'webhook', method: request.method, body: request.body, container: request.container, auth, timeoutMs: request.timeoutMs },
  } as unknown as Template;
  const rendered = renderRequest(template, ctx);
  if (!rendered.ok) return rendered;
  // Search APIs answer in JSON; say so (some default to XML without it).
  return { ok: true, request: { ...rendered.request, headers: { Accept: 'application/json', ...rendered.request.headers } } };
}

/** `data.items`, `value`, `records[0].Id`, `results.0.id`: a dotted path into JSON; '' is the whole. */
export function readPath(value: unknown, path: string): unknown {
  const parts = path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((part) => part !== '');
  let current = value;
  for (const part of parts) {
    if (current === null || typeof current !== 'object') return undefined;
    if (Array.isArray(current)) {
      if (!/^\d+$/.test(part)) return undefined;
      current = current[Number(part)];
    } else {
      if (!Object.hasOwn(current, part)) return undefined;
      current = (current as Record<string, unknown>)[part];
    }
  }
  return current;
}

function scalar(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

function withVars(ctx: RenderContext, vars: Vars): RenderContext {
  const merged: Vars = Object.create(null) as Vars;
  Object.assign(merged, ctx.vars, vars);
  return { ...ctx, vars: merged };
}

/** The matches in a response body, or why the body is not what `results` describes. */
export function readMatches(lookup: Lookup, body: unknown, ctx: RenderContext): { ok: true; matches: LookupMatch[] } | { ok: false; reason: string } {
  const found = readPath(body, lookup.results);
  if (found === undefined || found === null) {
    // An absent list is how several APIs say "nothing" (e.g. Zendesk omits nothing, HubSpot may).
    return lookup.results && body && typeof body === 'object' ? { ok: true, matches: [] } : { ok: false, reason: reasonText('noResults') };
  }
  if (typeof found !== 'object') return { ok: false, reason: reasonText('resultsNotList', lookup.results ?? '') };
  const items = (Array.isArray(found) ? found : [found]).slice(0, MAX_MATCHES);
  const names = Object.keys(lookup.vars);
  // Without a label the chooser names a contact by its NAME-like variable: an id says little to the agent.
  const labelVar = names.find((name) => /NAME/i.test(name)) ?? names[0];
  const matches = items
    .filter((item): item is object => item !== null && typeof item === 'object')
    .map((item) => {
      const vars: Vars = {};
      for (const name of names) vars[name] = scalar(readPath(item, lookup.vars[name]!));
      const label = (lookup.label ? renderText(lookup.label, withVars(ctx, vars)) : '').trim() || (labelVar ? vars[labelVar] : '') || (names[0] ? vars[names[0]] ?? '' : '');
      return { vars, label };
    });
  return { ok: true, matches };
}

/** A URL of the lookup (noMatchUrl, fallbackUrl) with the interaction's variables. */
function extraUrl(url: string | undefined, ctx: RenderContext): { url?: string; reason?: string } {
  if (!url) return {};
  const rendered = buildUrl(url, ctx);
  return rendered.ok ? { url: rendered.url } : { reason: rendered.reason };
}

function fallback(lookup: Lookup, ctx: RenderContext, reason: string, matches?: number): LookupDecision {
  const extra = extraUrl(lookup.fallbackUrl, ctx);
  const why = extra.reason ? reasonText('fallbackUrlRefused', reason, extra.reason) : reason;
  return { kind: 'fallback', reason: why, ...(extra.url ? { url: extra.url } : {}), ...(matches === undefined ? {} : { matches }) };
}

/** What opens for the CRM's answer: the record(s), the chooser, the new-contact page or the fallback. */
export function decide(template: Template, lookup: Lookup, answer: LookupAnswer, ctx: RenderContext): LookupDecision {
  if (!answer.ok) return fallback(lookup, ctx, answer.reason);
  const read = readMatches(lookup, answer.body, ctx);
  if (!read.ok) return fallback(lookup, ctx, read.reason);
  const { matches } = read;
  if (matches.length === 0) {
    const extra = extraUrl(lookup.noMatchUrl, ctx);
    return { kind: 'noMatch', ...(extra.url ? { url: extra.url } : {}), ...(extra.reason ? { reason: extra.reason } : {}) };
  }
  const choices: LookupChoice[] = [];
  let refused = '';
  for (const match of matches) {
    const rendered = renderUrl(template, withVars(ctx, match.vars));
    if (rendered.ok) choices.push({ ...match, url: rendered.url });
    else refused ||= rendered.reason;
  }
  if (!choices.length) return fallback(lookup, ctx, reasonText('recordUrlRefused', refused), matches.length);
  if (choices.length === 1) return { kind: 'open', rule: 'single', urls: [choices[0]!.url], vars: choices[0]!.vars, matches: 1 };
  switch (lookup.multipleMatches) {
    case 'first':
      return { kind: 'open', rule: 'first', urls: [choices[0]!.url], vars: choices[0]!.vars, matches: choices.length };
    case 'all':
      return { kind: 'open', rule: 'all', urls: choices.slice(0, MAX_TABS).map((c) => c.url), vars: choices[0]!.vars, matches: choices.length };
    case 'fallback':
      return fallback(lookup, ctx, reasonText('severalMatches', String(choices.length)), choices.length);
    default:
      return { kind: 'ask', choices };
  }
}

/**
 * ITU-T E.164 country calling codes of one and two digits; every other code has three. The set is
 * prefix-free, so the first digits of an international number say how long its code is.
 */
const SHORT_COUNTRY_CODE = /^(?:[17]|2[07]|3[0-469]|4[013-9]|5[1-8]|6[0-6]|8[1246]|9[0-58])/;

/**
 * The number on the waiting page, shortened: the country code and the next three digits ("+39 333 …",
 * "+1 415 …", "+351 912 …") are enough for the agent to recognise it.
 */
export function shortWho(vars: Vars): string {
  const who = (vars.ANI || vars.EMAIL || vars.CUID || '').trim();
  if (!who) return '';
  if (who.includes('@')) return `${who.slice(0, Math.min(4, who.indexOf('@')))}…`;
  const digits = who.replace(/[^\d+]/g, '');
  if (digits.startsWith('+')) {
    const national = digits.slice(1).replace(/\+/g, '');
    const code = SHORT_COUNTRY_CODE.exec(national)?.[0] ?? national.slice(0, 3);
    const rest = national.slice(code.length);
    const head = rest ? `+${code} ${rest.slice(0, 3)}` : `+${code}`;
    return rest.length > 3 ? `${head} …` : head;
  }
  const head = digits.slice(0, 6);
  return digits.length > 6 ? `${head} …` : head;
}

/** Every text of a template rendered with the interaction's variables. */
function renderedTexts(template: Template): string[] {
  const { action } = template;
  const texts = [template.url ?? '', ...template.params.flatMap((p) => [p.name, p.value])];
  if (action.type === 'tab' || action.type === 'record') texts.push(action.target);
  if (action.type === 'notify') texts.push(action.target, action.title, action.message);
  if (action.type === 'clipboard') texts.push(action.text);
  return texts;
}

const PLACEHOLDER_NAME = /\{\s*([A-Za-z_][\w.-]*)/g;

/**
 * Does the template use one of `names` (variables a lookup finds) anywhere it renders: URL, params
 * (a webhook's body), the target's name, a notification's title and text, the clipboard's text?
 */
export function usesLookupVars(template: Template, names: ReadonlySet<string>): boolean {
  if (!names.size) return false;
  return renderedTexts(template).some((text) => [...text.matchAll(PLACEHOLDER_NAME)].some((found) => names.has(found[1]!)));
}

/** The variables of the interaction, then those the lookup found (for a later phase's render). */
export function lookupContext(ctx: RenderContext, vars: Vars): RenderContext {
  return withVars(ctx, vars);
}

// What the template editor warns about before anything is saved: placeholders that will silently
// render empty or go into the URL as text, and templates that can never fire.
import { adapt } from './adapters';
import type { Config, Template } from './config';
import { SAMPLES } from './samples';
import { checkUrl, contextVars, FILTERS, renderUrl, VAR_ALIASES } from './templates';

export type LintCode = 'unbalanced' | 'unknownVar' | 'nonLatin' | 'unknownFilter';
export interface LintWarning {
  code: LintCode;
  args: string[];
}

/** Variables every event has, whatever the vendor. */
const ALWAYS = ['CHANNEL', 'CHANNEL_LABEL', 'PHASE', 'INTERACTION_ID', 'SOURCE', 'TIMESTAMP'];

/** The variables the configured sources can give: their adapters' sample events, mappings, extracts. */
export function knownVariables(config: Config): string[] {
  const names = new Set<string>([...ALWAYS, ...Object.keys(VAR_ALIASES), ...Object.values(VAR_ALIASES).flat()]);
  const sources = config.sources.length ? config.sources : (['ccai', 'agentdesktop', 'screenpop'] as const).map((adapter) => ({ id: adapter, adapter, pages: [], senders: [] }));
  for (const source of sources) {
    if (source.adapter === 'generic' && 'mapping' in source && source.mapping) {
      Object.keys(source.mapping.vars).forEach((name) => names.add(name));
      source.mapping.extract.forEach((rule) => names.add(rule.var));
      continue;
    }
    for (const sample of SAMPLES[source.adapter] ?? []) {
      const adapted = adapt(source as Config['sources'][number], sample.payload);
      if (adapted.ok) Object.keys(adapted.event.vars).forEach((name) => names.add(name));
    }
  }
  return [...names].sort();
}

const PLACEHOLDER = /\{\s*([A-Za-z_][\w.-]*)\s*((?:\|\s*[A-Za-z0-9_]+\s*)*)\}/g;

export function lintText(text: string, known: readonly string[]): LintWarning[] {
  const warnings: LintWarning[] = [];
  const upper = new Set(known.map((name) => name.toUpperCase()));
  let depth = 0;
  for (const char of text) {
    if (char === '{') depth++;
    else if (char === '}') depth--;
    if (depth < 0 || depth > 1) break;
  }
  if (depth !== 0) warnings.push({ code: 'unbalanced', args: [] });
  for (const match of text.matchAll(/\{([^{}]*)\}/g)) {
    const inside = match[1] ?? '';
    if (/[^\x20-\x7E]/.test(inside)) warnings.push({ code: 'nonLatin', args: [match[0]] });
  }
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = match[1] ?? '';
    if (!/^raw\./i.test(name) && !upper.has(name.toUpperCase())) warnings.push({ code: 'unknownVar', args: [name] });
    for (const filter of (match[2] ?? '').split('|').map((f) => f.trim().toLowerCase()).filter(Boolean)) {
      if (!(FILTERS as readonly string[]).includes(filter)) warnings.push({ code: 'unknownFilter', args: [filter] });
    }
  }
  return warnings;
}

/**
 * What the other templates' lookups find: the worker keeps it for the interaction's later phases
 * (an `ended` webhook may send {ACCOUNT_ID}).
 */
export function laterPhaseVars(templates: readonly Template[], index: number): string[] {
  return [...new Set(templates.flatMap((template, i) => (i === index || !template.lookup ? [] : Object.keys(template.lookup.vars))))];
}

/** The variables a field of a template can use: a lookup's variables exist once it has found a match. */
export function withLookupVars(known: readonly string[], lookup: Template['lookup']): string[] {
  return lookup ? [...new Set([...known, ...Object.keys(lookup.vars)])].sort() : [...known];
}

/**
 * Where a picked variable goes: over the selection, but never inside another placeholder (a caret
 * in `{AN|I}` would make `{AN{CHAT_ID}I}`, which renders as text): then right after it.
 */
export function insertionRange(text: string, start: number, end: number): { start: number; end: number } {
  const open = text.lastIndexOf('{', start - 1);
  if (open === -1 || text.lastIndexOf('}', start - 1) > open) return { start, end };
  const close = text.indexOf('}', start);
  const nextOpen = text.indexOf('{', start);
  if (close === -1 || (nextOpen !== -1 && nextOpen < close) || end > close) return { start, end };
  return { start: close + 1, end: close + 1 };
}

/** `text` with `{name}` typed at the selection (see insertionRange), and the caret after it. */
export function insertPlaceholder(text: string, start: number, end: number, name: string): { text: string; caret: number } {
  const at = insertionRange(text, start, end);
  const placeholder = `{${name}}`;
  return { text: text.slice(0, at.start) + placeholder + text.slice(at.end), caret: at.start + placeholder.length };
}

export type CannotFire = { template: string; code: 'noSource' | 'unknownSource' | 'urlRefused'; args: string[] };

/** Enabled templates that no event can make act, with why. */
export function cannotFire(config: Config, label: (t: Template) => string): CannotFire[] {
  const out: CannotFire[] = [];
  const ids = new Set(config.sources.map((s) => s.id));
  for (const template of config.templates) {
    if (!template.enabled) continue;
    const name = label(template);
    if (!config.sources.length) out.push({ template: name, code: 'noSource', args: [] });
    else if (template.when.sources?.length && !template.when.sources.some((id) => ids.has(id))) {
      out.push({ template: name, code: 'unknownSource', args: [template.when.sources.join(', ')] });
    }
    if (template.url && template.action.type !== 'record') {
      // Placeholders rendered empty: what is left is the address the template always opens.
      const rendered = renderUrl(template, { vars: contextVars({ source: '', interactionId: '', phase: null, channel: '', vars: {}, raw: null, vendorType: '' }, {}, config.settings), raw: null, settings: config.settings });
      const checked = rendered.ok ? checkUrl(rendered.url, config.settings) : rendered;
      if (!checked.ok) out.push({ template: name, code: 'urlRefused', args: [checked.reason] });
    }
  }
  return out;
}

// The template language shared by URLs, params, tab targets and clipboard text:
// `{VAR}`, `{raw.a.b}`, `{VAR|filter|filter}`. Anything else in braces stays literal text.
import { digitsOf, formatPhone } from './phone';
import type { RenderContext } from './types';

export type Token =
  | { kind: 'text'; text: string }
  | { kind: 'var'; name: string; filters: string[] };

export const FILTERS = ['e164', 'national', 'international', 'digits', 'lower', 'upper', 'raw'] as const;

const PLACEHOLDER = /\{\s*([A-Za-z_][\w.-]*)\s*((?:\|\s*[A-Za-z0-9_]+\s*)*)\}/g;

// Templates are few and rendered on every interaction event: parse each once.
const cache = new Map<string, Token[]>();
const CACHE_LIMIT = 500;

export function tokenize(template: string): Token[] {
  const cached = cache.get(template);
  if (cached) return cached;
  const tokens: Token[] = [];
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    const at = match.index;
    if (at > last) tokens.push({ kind: 'text', text: template.slice(last, at) });
    const filters = (match[2] ?? '')
      .split('|')
      .map((f) => f.trim().toLowerCase())
      .filter(Boolean);
    tokens.push({ kind: 'var', name: match[1] ?? '', filters });
    last = at + match[0].length;
  }
  if (last < template.length) tokens.push({ kind: 'text', text: template.slice(last) });
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(template, tokens);
  return tokens;
}

function stringify(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'object') {
    try {
      return JSON.stringify(value) ?? '';
    } catch {
      return '';
    }
  }
  return String(value);
}

function readRaw(raw: unknown, path: string[]): unknown {
  let current = raw;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    // Own properties only: `{raw.constructor}` must not reach into the prototype chain.
    if (!Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

export function lookup(name: string, ctx: RenderContext): string {
  try {
    const [head, ...path] = name.split('.');
    if (head === 'raw' || head === 'RAW') return stringify(readRaw(ctx.raw, path.filter(Boolean)));
    const vars = ctx.vars;
    // CCAI spells some variables in mixed case ({Call_ID}); variables are stored upper-case.
    if (Object.hasOwn(vars, name)) return stringify(vars[name]);
    const upper = name.toUpperCase();
    if (Object.hasOwn(vars, upper)) return stringify(vars[upper]);
  } catch {
    // A hostile raw message (throwing getter) renders empty rather than stopping the pop.
  }
  return '';
}

function applyFilter(value: string, filter: string, ctx: RenderContext): string {
  const country = ctx.settings?.defaultCountry || 'US';
  switch (filter) {
    case 'e164':
    case 'national':
    case 'international':
      return formatPhone(value, filter, country);
    case 'digits':
      return digitsOf(value);
    case 'lower':
      return value.toLowerCase();
    case 'upper':
      return value.toUpperCase();
    default:
      return value;
  }
}

/** The value of one placeholder, filters applied; `raw` says the author asked for no encoding. */
export function renderToken(token: Extract<Token, { kind: 'var' }>, ctx: RenderContext): { value: string; raw: boolean } {
  let value = lookup(token.name, ctx);
  for (const filter of token.filters) value = applyFilter(value, filter, ctx);
  return { value, raw: token.filters.includes('raw') };
}

export function renderText(text: string, ctx: RenderContext): string {
  try {
    let out = '';
    for (const token of tokenize(String(text ?? ''))) {
      out += token.kind === 'text' ? token.text : renderToken(token, ctx).value;
    }
    return out;
  } catch {
    return '';
  }
}

// URL templates. The scheme and host are literal text of the template; each value is
// percent-encoded for the position it stands in, so no value can add a parameter, a path
// segment or change the host. The result is then checked again as a whole (checkUrl).
import type { Template } from '../config';
import { reasonText } from '../reason-codes';
import { checkUrl } from './check';
import { renderParams } from './params';
import { renderToken, tokenize, type Token } from './placeholders';
import type { RenderContext, UrlResult } from './types';

type VarToken = Extract<Token, { kind: 'var' }>;
type Position = 'path' | 'name' | 'value' | 'fragment';

interface UrlShape {
  /** `https://crm.example.com` — literal by construction. */
  origin: string;
  path: Token[];
  /** One entry per `&`-separated pair; `value` is null when the pair has no `=`. */
  query: Array<{ name: Token[]; value: Token[] | null }>;
  fragment: Token[] | null;
}

const SCHEME = /^https?:\/\//i;
const shapes = new Map<string, UrlShape | string>();

function fail(reason: string): UrlResult {
  return { ok: false, reason };
}

function push(list: Token[], token: Token): void {
  const last = list[list.length - 1];
  if (token.kind === 'text' && last?.kind === 'text') last.text += token.text;
  else list.push(token.kind === 'text' ? { ...token } : token);
}

/** Splits a template into origin, path, query pairs and fragment; a string is why it cannot be used. */
function parseShape(url: string): UrlShape | string {
  const tokens = tokenize(url);
  const first = tokens[0];
  const scheme = first?.kind === 'text' ? SCHEME.exec(first.text)?.[0] : undefined;
  if (!scheme) return reasonText('urlPlaceholderScheme');
  let origin = scheme;
  const shape: UrlShape = { origin: '', path: [], query: [], fragment: null };
  let state = 'authority' as 'authority' | 'path' | 'query' | 'fragment';
  let pair: { name: Token[]; value: Token[] | null } = { name: [], value: null };
  const target = (): Token[] => {
    if (state === 'path') return shape.path;
    if (state === 'fragment') return shape.fragment as Token[];
    return pair.value ?? pair.name;
  };
  tokens.forEach((token, index) => {
    if (token.kind === 'var') {
      if (state === 'authority') throw new Error(reasonText('urlPlaceholderHost', token.name));
      push(target(), token);
      return;
    }
    const text = index === 0 ? token.text.slice(scheme.length) : token.text;
    for (const char of text) {
      if (state === 'authority' && '/\\?#'.includes(char)) state = 'path';
      if (state === 'path' && char === '?') {
        state = 'query';
        continue;
      }
      if (state !== 'fragment' && char === '#') {
        state = 'fragment';
        shape.fragment = [];
        continue;
      }
      if (state === 'authority') origin += char;
      else if (state === 'query' && char === '&') {
        shape.query.push(pair);
        pair = { name: [], value: null };
      } else if (state === 'query' && char === '=' && pair.value === null) pair.value = [];
      else push(target(), { kind: 'text', text: char });
    }
  });
  if (state === 'query' || state === 'fragment') shape.query.push(pair);
  if (origin === scheme) return reasonText('urlNoHost');
  shape.origin = origin;
  return shape;
}

function cachedShape(url: string): UrlShape | string {
  let shape = shapes.get(url);
  if (shape === undefined) {
    try {
      shape = parseShape(url);
    } catch (error) {
      shape = (error as Error).message;
    }
    if (shapes.size >= 500) shapes.clear();
    shapes.set(url, shape);
  }
  return shape;
}

// encodeURIComponent throws on a lone surrogate; a vendor string may carry one.
function wellFormed(value: string): string {
  return value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

// `raw` skips percent-encoding except for the characters that would end the value's position.
const RAW_ESCAPES: Record<Position, RegExp> = { path: /[?#]/g, name: /[&#=]/g, value: /[&#]/g, fragment: /$^/g };

function encode(token: VarToken, ctx: RenderContext, position: Position): string {
  const { value, raw } = renderToken(token, ctx);
  const safe = wellFormed(value);
  if (!raw) return encodeURIComponent(safe);
  // The URL parser deletes tabs and newlines, which could join ". ." into a ".." segment.
  return safe.replace(/[\t\n\r]/g, '').replace(RAW_ESCAPES[position], (char) => encodeURIComponent(char));
}

function isBlank(encoded: string): boolean {
  try {
    return !decodeURIComponent(encoded).trim();
  } catch {
    // A raw value with a stray "%" is not blank.
    return false;
  }
}

/** `blank`: the part has a variable, and nothing but white space once rendered. */
function renderPart(tokens: Token[], ctx: RenderContext, position: Position): { text: string; blank: boolean } {
  let text = '';
  let hasVar = false;
  let filled = false;
  for (const token of tokens) {
    if (token.kind === 'text') {
      text += token.text;
      filled ||= token.text.trim() !== '';
    } else {
      hasVar = true;
      const encoded = encode(token, ctx, position);
      text += encoded;
      filled ||= !isBlank(encoded);
    }
  }
  return { text, blank: hasVar && !filled };
}

const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;

function renderPath(tokens: Token[], ctx: RenderContext): string {
  let path = '';
  let segment = '';
  let segmentHasVar = false;
  const close = () => {
    // The browser would resolve "/contacts/{ID}" with ID ".." to the parent: refuse instead.
    if (segmentHasVar && DOT_SEGMENT.test(segment)) throw new Error('a value would make a path segment "." or ".."');
    path += segment;
    segment = '';
    segmentHasVar = false;
  };
  for (const token of tokens) {
    const isVar = token.kind === 'var';
    const text = isVar ? encode(token, ctx, 'path') : token.text;
    if (isVar) segmentHasVar = true;
    for (const char of text) {
      if (char === '/' || char === '\\') {
        close();
        path += char;
        // A raw value spanning segments owns every segment it touches.
        segmentHasVar = isVar;
      } else segment += char;
    }
  }
  close();
  return path;
}

function renderQuery(shape: UrlShape, ctx: RenderContext, extra: Array<[string, string]>): string {
  const pairs: string[] = [];
  for (const { name, value } of shape.query) {
    const n = renderPart(name, ctx, 'name');
    const v = value ? renderPart(value, ctx, 'value') : { text: '', blank: false };
    // CCAI includes only non-empty parameters; a literal `?flag` or `a=` stays as written.
    if (n.blank || v.blank) continue;
    if (!n.text && !value) continue;
    pairs.push(value ? `${n.text}=${v.text}` : n.text);
  }
  for (const [name, value] of extra) {
    pairs.push(`${encodeURIComponent(wellFormed(name))}=${encodeURIComponent(wellFormed(value))}`);
  }
  return pairs.length ? `?${pairs.join('&')}` : '';
}

/** A URL template with the given extra (already rendered) query parameters. */
export function buildUrl(url: string, ctx: RenderContext, extra: Array<[string, string]> = []): UrlResult {
  try {
    const shape = cachedShape(String(url ?? '').trim());
    if (typeof shape === 'string') return fail(shape);
    const fragment = shape.fragment ? `#${renderPart(shape.fragment, ctx, 'fragment').text}` : '';
    const rendered = shape.origin + renderPath(shape.path, ctx) + renderQuery(shape, ctx, extra) + fragment;
    let skeleton: URL;
    let result: URL;
    try {
      skeleton = new URL(`${shape.origin}/`);
      result = new URL(rendered);
    } catch {
      return fail(reasonText('renderedInvalid'));
    }
    // Belt and braces for `raw` values: scheme, host and credentials are those of the template.
    if (result.protocol !== skeleton.protocol || result.host !== skeleton.host || result.username !== skeleton.username || result.password !== skeleton.password) {
      return fail(reasonText('valueChangesHost'));
    }
    return checkUrl(result.href, ctx.settings);
  } catch (error) {
    return fail(error instanceof Error ? error.message : 'the URL could not be rendered');
  }
}

/** URL of a tab/record action: template.url rendered, enabled params appended as query parameters. */
export function renderUrl(template: Template, ctx: RenderContext): UrlResult {
  if (!template?.url) return fail(reasonText('noTemplateUrl'));
  return buildUrl(template.url, ctx, renderParams(template.params ?? [], ctx));
}

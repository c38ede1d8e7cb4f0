// Request parameters (CCAI "Parametri URL di richiesta", Avaya's switchable template params):
// a value is a template, or a function when it starts with "=". An empty result drops the parameter.
import type { Param } from '../config';
import { renderText, renderToken, tokenize } from './placeholders';
import type { RenderContext } from './types';

const CALL = /^=?\s*([A-Za-z_]+)\s*\(([\s\S]*)\)\s*$/;
const MAX_DEPTH = 8;

type Fn = (args: string[]) => string;
export const FUNCTIONS: Readonly<Record<string, Fn>> = {
  // "val1 unless it is null or empty, then the default val2" — with more args, the first non-empty.
  DEFAULT_VALUE: (args) => args.find((arg) => arg !== '') ?? '',
  CONCAT_OR: (args) => args.filter((arg) => arg !== '').join(' or '),
  CONCAT_AND: (args) => args.filter((arg) => arg !== '').join(' and '),
};

/** Splits at commas outside (), {} and "…", so `(Id:equals:{ACCOUNT_ID})` stays one argument. */
export function splitArgs(text: string): string[] {
  const args: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = '';
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '(' || char === '{')) depth += 1;
    else if (!quoted && (char === ')' || char === '}')) depth = Math.max(0, depth - 1);
    if (char === ',' && depth === 0 && !quoted) {
      args.push(current.trim());
      current = '';
    } else current += char;
  }
  args.push(current.trim());
  return args;
}

/** An argument with a variable that renders empty is empty as a whole: CCAI's CONCAT_OR of
 * `(Id:equals:{ACCOUNT_ID})` leaves the clause out when there is no ACCOUNT_ID (CCAI Platform custom CRM guide). */
function renderArgument(arg: string, ctx: RenderContext, depth: number): string {
  const call = evaluateCall(arg, ctx, depth + 1);
  if (call !== null) return call;
  const text = arg.length >= 2 && arg.startsWith('"') && arg.endsWith('"') ? arg.slice(1, -1) : arg;
  let out = '';
  for (const token of tokenize(text)) {
    if (token.kind === 'text') {
      out += token.text;
      continue;
    }
    const { value } = renderToken(token, ctx);
    if (!value.trim()) return '';
    out += value;
  }
  return out;
}

/** The function's result, or null when the text is not a call of a known function. */
function evaluateCall(text: string, ctx: RenderContext, depth: number): string | null {
  if (depth > MAX_DEPTH) return null;
  const match = CALL.exec(text.trim());
  const fn = match && FUNCTIONS[(match[1] ?? '').toUpperCase()];
  if (!match || !fn) return null;
  const args = splitArgs(match[2] ?? '').map((arg) => renderArgument(arg, ctx, depth));
  return fn(args);
}

/** One parameter value: a function result or a rendered template. */
export function renderParamValue(value: string, ctx: RenderContext): string {
  try {
    const text = String(value ?? '');
    if (text.trimStart().startsWith('=')) {
      const result = evaluateCall(text.trimStart(), ctx, 0);
      if (result !== null) return result;
    }
    return renderText(text, ctx);
  } catch {
    return '';
  }
}

export function renderParams(params: Param[], ctx: RenderContext): Array<[name: string, value: string]> {
  const out: Array<[string, string]> = [];
  for (const param of params ?? []) {
    if (!param || param.enabled === false || !param.name) continue;
    const value = renderParamValue(param.value, ctx);
    if (value.trim() !== '') out.push([param.name, value]);
  }
  return out;
}

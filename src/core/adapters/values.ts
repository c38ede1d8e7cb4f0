// Shared by every adapter: vendor messages come from pages we do not control, so every read is
// defensive — own properties only, scalars only, bounded sizes — and nothing here throws.
import type { AdapterResult, InteractionEvent, Vars } from '../interaction-event';
import { reasonText } from '../reason-codes';

/** Larger JSON strings are refused before parsing: the bridge caps size too, this is the backstop. */
export const MAX_MESSAGE_CHARS = 256 * 1024;
/** Longest variable value kept: URLs built from longer values break CRMs and leak whole messages. */
export const MAX_VALUE_CHARS = 2000;
/** An interaction id longer than this is not an id. */
export const MAX_ID_CHARS = 256;

export type Message = Record<string, unknown>;

export function fail(reason: string): AdapterResult {
  return { ok: false, reason };
}

export function isRecord(value: unknown): value is Message {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The vendor message as an object: JSON strings are parsed; anything else is refused with why. */
export function readMessage(message: unknown): { ok: true; value: Message } | { ok: false; reason: string } {
  let value = message;
  if (typeof message === 'string') {
    if (message.length > MAX_MESSAGE_CHARS) {
      return { ok: false, reason: reasonText('messageTooLong', String(message.length), String(MAX_MESSAGE_CHARS)) };
    }
    try {
      value = JSON.parse(message);
    } catch {
      return { ok: false, reason: reasonText('messageNotJson') };
    }
  }
  if (!isRecord(value)) {
    const kind = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
    return { ok: false, reason: reasonText('messageNotObject', kind) };
  }
  return { ok: true, value };
}

/** Own property only: a vendor field named `constructor` or `__proto__` must not reach Object.prototype. */
export function field(object: unknown, key: string): unknown {
  if (Array.isArray(object)) {
    if (!/^\d+$/.test(key)) return undefined;
    return object[Number(key)];
  }
  if (!isRecord(object) || !Object.prototype.hasOwnProperty.call(object, key)) return undefined;
  return object[key];
}

/** A table lookup that a vendor string like `constructor` cannot turn into Object.prototype's. */
export function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/** Reads a dotted path: `data.chat.id`, `items.0.id` or `items[0].id`. */
export function readPath(object: unknown, path: string): unknown {
  const keys = path.replace(/\[(\d+)\]/g, '.$1').split('.').filter((key) => key !== '');
  let current: unknown = object;
  for (const key of keys) {
    current = field(current, key);
    if (current === undefined) return undefined;
  }
  return current;
}

/** A variable value: strings trimmed, finite numbers and booleans as text, capped; else undefined. */
export function scalar(value: unknown): string | undefined {
  let text: string;
  if (typeof value === 'string') text = value.trim();
  else if (typeof value === 'number' && Number.isFinite(value)) text = String(value);
  else if (typeof value === 'boolean') text = String(value);
  else return undefined;
  if (text === '') return undefined;
  return text.length > MAX_VALUE_CHARS ? text.slice(0, MAX_VALUE_CHARS) : text;
}

/** Longest URL a vendor may ask us to open (CCAI recordUrl); a longer one is refused, never cut. */
export const MAX_URL_CHARS = 8000;

/** A URL string as sent, trimmed; undefined when empty, not a string or too long. */
export function urlValue(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const url = value.trim();
  return url === '' || url.length > MAX_URL_CHARS ? undefined : url;
}

/** The first usable interaction id among the values, or why none is usable. */
export function interactionIdOf(...values: unknown[]): { id?: string; problem?: string } {
  for (const value of values) {
    if (typeof value !== 'string' && typeof value !== 'number') continue;
    const text = String(value).trim();
    if (text === '' || (typeof value === 'number' && !Number.isFinite(value))) continue;
    if (text.length > MAX_ID_CHARS) return { problem: reasonText('idTooLong', String(MAX_ID_CHARS)) };
    return { id: text };
  }
  return {};
}

/** Sets `name` when the value is a usable scalar; null and objects leave the variable absent. */
export function setVar(vars: Vars, name: string, value: unknown): void {
  const text = scalar(value);
  if (text !== undefined) vars[name] = text;
}

/** Like setVar, but never overwrites a variable an earlier, more specific field defined. */
export function setVarIfAbsent(vars: Vars, name: string, value: unknown): void {
  if (vars[name] === undefined) setVar(vars, name, value);
}

/** `isACD` → `IS_ACD`, `customer-code` → `CUSTOMER_CODE`; undefined when no variable name results. */
export function variableName(key: string): string | undefined {
  const name = key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
  if (!/^[A-Z_][A-Z0-9_]{0,63}$/.test(name)) return undefined;
  return name;
}

/** Builds the event; INTERACTION_ID is always the id the worker keys the interaction on. */
export function interactionEvent(event: InteractionEvent): AdapterResult {
  const vars: Vars = { ...event.vars, INTERACTION_ID: event.interactionId };
  const built: InteractionEvent = { ...event, vars };
  if (event.recordUrl === undefined) delete built.recordUrl;
  return { ok: true, event: built };
}

// Any other agent client (Avaya EMC ChatPlugin bridge, Puzzel, in-house desktops): the source's
// `mapping` says where the event type, interaction id, channel and variables sit in the message.
import type { ExtractRule, GenericMapping, Source } from '../config';
import type { AdapterResult, Vars } from '../interaction-event';
import { channelId } from './channels';
import { compileLinear, MAX_EXTRACT_STEPS, type ExecStats } from './linear-regex';
import { fail, interactionEvent, interactionIdOf, readMessage, readPath, scalar, setVar } from './values';
import { reasonText } from '../reason-codes';

/** Text an extract rule searches is cut here: with the linear matcher, bounds its time. */
export const MAX_EXTRACT_TEXT = 100_000;
export { MAX_EXTRACT_RULES, MAX_EXTRACT_STEPS } from './linear-regex';

// The `?? defaults` below repeat the schema's: a source built without parseConfig must still work.
export function adaptGeneric(source: Source, message: unknown): AdapterResult {
  const mapping = source.mapping;
  if (!mapping) return fail(`source "${source.id}" uses the generic adapter but has no mapping`);
  const read = readMessage(message);
  if (!read.ok) return fail(read.reason);
  const raw = read.value;

  const vendorType = scalar(readPath(raw, mapping.type));
  if (vendorType === undefined) return fail(`no event type at "${mapping.type}"`);

  const found = interactionIdOf(readPath(raw, mapping.interactionId));
  if (found.problem) return fail(found.problem);
  if (found.id === undefined) return fail(`no interaction id at "${mapping.interactionId}"`);

  const vars: Vars = {};
  for (const [name, path] of Object.entries(mapping.vars ?? {})) setVar(vars, name, readPath(raw, path));
  // One budget for all the message's rules: neither a slow pattern nor many rules can stall the worker.
  const budget: ExecStats = { steps: 0, limit: MAX_EXTRACT_STEPS };
  const notes: string[] = [];
  for (const rule of mapping.extract ?? []) {
    const note = applyExtract(rule, raw, vars, budget);
    if (note) notes.push(note);
  }

  return interactionEvent({
    source: source.id,
    interactionId: found.id,
    phase: lookup(mapping.phases ?? {}, vendorType) ?? null,
    channel: genericChannel(mapping, raw),
    vars,
    raw,
    vendorType,
    ...(notes.length ? { notes } : {}),
  });
}

/** Exact key first, then case-insensitive: vendors are not consistent about case. */
function lookup<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  if (Object.hasOwn(table, key)) return table[key];
  const lower = key.toLowerCase();
  const match = Object.keys(table).find((candidate) => candidate.toLowerCase() === lower);
  return match === undefined ? undefined : table[match];
}

function genericChannel(mapping: GenericMapping, raw: unknown): string {
  const fallback = channelId(mapping.defaultChannel ?? 'chat') ?? 'chat';
  if (!mapping.channel) return fallback;
  const value = scalar(readPath(raw, mapping.channel));
  if (value === undefined) return fallback;
  const mapped = lookup(mapping.channels ?? {}, value);
  return channelId(mapped ?? value) ?? fallback;
}

/**
 * Defines `rule.var` from a regex match over a text field or an already-mapped `$VAR` — e.g. the
 * personal account number the Avaya ChatPlugin reads from the e-mail body. No match: unchanged.
 * Returns why the rule gave nothing when the message's work budget ran out (a reason the pages translate).
 */
function applyExtract(rule: ExtractRule, raw: unknown, vars: Vars, budget: ExecStats): string | undefined {
  if (budget.exhausted) return reasonText('extractSkipped', rule.var);
  const value = rule.from.startsWith('$') ? vars[rule.from.slice(1)] : readPath(raw, rule.from);
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number' && Number.isFinite(value)) text = String(value);
  else return undefined;
  if (text.length > MAX_EXTRACT_TEXT) text = text.slice(0, MAX_EXTRACT_TEXT);

  const compiled = compileLinear(rule.pattern, rule.flags ?? '');
  if (!compiled.ok) return undefined;
  const match = compiled.regex.exec(text, budget);
  if (budget.exhausted) {
    return reasonText('extractStopped', rule.var, String(text.length), String(MAX_EXTRACT_STEPS));
  }
  setVar(vars, rule.var, match?.[rule.group ?? 1]);
  return undefined;
}

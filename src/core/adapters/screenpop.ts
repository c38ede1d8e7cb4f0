// The project's own canonical message, for integrators who can post exactly what we need:
// { "screenpop": 1, "phase": "answered", "interactionId": "…", "channel": "whatsapp", "vars": { "ANI": "…" } }
// Validated strictly: an integrator's typo must show up in diagnostics, not as a silent half-pop.
import type { Source } from '../config';
import { PHASES, type AdapterResult, type Phase, type Vars } from '../interaction-event';
import { channelId } from './channels';
import {
  fail,
  field,
  interactionEvent,
  interactionIdOf,
  isRecord,
  MAX_URL_CHARS,
  readMessage,
  scalar,
  urlValue,
} from './values';

const VAR_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const MAX_VARS = 200;

export function adaptScreenpop(source: Source, message: unknown): AdapterResult {
  const read = readMessage(message);
  if (!read.ok) return fail(read.reason);
  const raw = read.value;
  if (field(raw, 'screenpop') !== 1) return fail('not a screenpop message ("screenpop": 1 is missing)');

  const phase = field(raw, 'phase');
  if (typeof phase !== 'string' || !(PHASES as readonly string[]).includes(phase)) {
    return fail(`"phase" must be one of ${PHASES.join(', ')}`);
  }

  const found = interactionIdOf(field(raw, 'interactionId'));
  if (found.problem) return fail(found.problem);
  if (found.id === undefined) return fail('"interactionId" must be a non-empty string or a number');

  const channel = channelId(field(raw, 'channel'));
  if (channel === undefined) return fail('"channel" must be a channel id such as voice, chat, email or whatsapp');

  const vars: Vars = {};
  const given = field(raw, 'vars');
  if (given !== undefined) {
    if (!isRecord(given)) return fail('"vars" must be an object of strings or numbers');
    const names = Object.keys(given);
    if (names.length > MAX_VARS) return fail(`"vars" has ${names.length} entries, over the ${MAX_VARS} limit`);
    for (const name of names) {
      if (!VAR_NAME.test(name)) return fail(`"vars.${name.slice(0, 64)}" is not a variable name like ANI`);
      const value = given[name];
      if (typeof value !== 'string' && typeof value !== 'number') {
        return fail(`"vars.${name}" must be a string or a number`);
      }
      const text = scalar(value);
      if (text !== undefined) vars[name] = text;
    }
  }

  let recordUrl: string | undefined;
  const url = field(raw, 'recordUrl');
  if (url !== undefined) {
    recordUrl = urlValue(url);
    if (recordUrl === undefined) return fail(`"recordUrl" must be a non-empty string of at most ${MAX_URL_CHARS} characters`);
  }
  if (phase === 'record' && recordUrl === undefined) return fail('a "record" message needs a "recordUrl"');

  return interactionEvent({
    source: source.id,
    interactionId: found.id,
    phase: phase as Phase,
    channel,
    vars,
    raw,
    vendorType: `screenpop:${phase}`,
    ...(recordUrl !== undefined ? { recordUrl } : {}),
  });
}

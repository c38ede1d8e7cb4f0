// AgentDesktop SDK events (AgentDesktop SDK guide): flat JSON objects whose `event` names what happened
// to the contact (media, ACD) or to the agent. Properties are the guide's table; anything else is CallData.
import type { Source } from '../config';
import { reasonText } from '../reason-codes';
import type { AdapterResult, Phase, Vars } from '../interaction-event';
import { agentDesktopChannel } from './channels';
import {
  fail,
  field,
  interactionEvent,
  interactionIdOf,
  isRecord,
  own,
  readMessage,
  setVar,
  setVarIfAbsent,
  variableName,
  type Message,
} from './values';

export const AGENTDESKTOP_PHASES: Readonly<Record<string, Phase>> = {
  RINGING: 'ringing',
  DIALING: 'dialing',
  ESTABLISHED: 'answered',
  JOBSTARTED: 'answered',
  // POPUP is AgentDesktop's own "the contact is now on this desk" signal (AgentDesktop SDK guide).
  POPUP: 'answered',
  CONNECTIONCLEARED: 'ended',
  JOBFINISHED: 'wrapup_end',
};

/** Contact events recorded without a pop; DATACHANGED carries the changed CallData. */
export const AGENTDESKTOP_RECORDED_EVENTS: readonly string[] = [
  'DATACHANGED',
  'CONNECTIONSTARTED',
  'HELD',
  'RETRIEVED',
  'JOBSCHEDULED',
  'JOBCHANGED',
];

/** Agent state (operator events): no interaction, refused. */
export const AGENTDESKTOP_AGENT_EVENTS: readonly string[] = ['LOGGEDIN', 'PAUSE', 'PAUSESUBSTATE', 'FORCED', 'LOGGEDOUT'];

const AGENT_EVENTS = new Set(AGENTDESKTOP_AGENT_EVENTS);

/** Properties of the guide's table that get a canonical name, or none (event, ids). */
const KNOWN: Readonly<Record<string, string | null>> = {
  event: null,
  id: null,
  uuid: null,
  chat_id: 'CHAT_ID',
  type: 'DIRECTION',
  ani: 'ANI',
  dnis: 'DNIS',
  queue: 'QUEUE_NAME',
  service: 'SERVICE',
};

const MAX_CALL_DATA = 100;

export function adaptAgentDesktop(source: Source, message: unknown): AdapterResult {
  const read = readMessage(message);
  if (!read.ok) return fail(read.reason);
  const raw = read.value;
  const event = field(raw, 'event');
  if (typeof event !== 'string' || event.trim() === '') return fail(reasonText('noEventType', 'AgentDesktop', 'event'));
  const vendorType = event.trim();
  // "PAUSESUBSTATE [1701]", "JOBCHANGED - Setup": the name is the leading word.
  const name = /^[A-Za-z_]+/.exec(vendorType)?.[0].toUpperCase() ?? '';
  if (AGENT_EVENTS.has(name)) return fail(reasonText('agentState', vendorType));

  const found = interactionIdOf(field(raw, 'uuid'), field(raw, 'id'));
  if (found.problem) return fail(found.problem);
  if (found.id === undefined) return fail(reasonText('noInteractionId', vendorType, 'uuid or id'));

  const channel = agentDesktopChannel(field(raw, 'media_type'), field(raw, 'content_type'));
  return interactionEvent({
    source: source.id,
    interactionId: found.id,
    phase: own(AGENTDESKTOP_PHASES, name) ?? null,
    channel,
    vars: agentDesktopVars(raw, channel),
    raw,
    vendorType,
  });
}

function agentDesktopVars(raw: Message, channel: string): Vars {
  const vars: Vars = {};
  for (const [key, name] of Object.entries(KNOWN)) {
    if (name) setVar(vars, name, field(raw, key));
  }
  // The id AgentDesktop shows the agent (CT7) is worth a name of its own when uuid keys the interaction.
  setVar(vars, 'CONTACT_ID', field(raw, 'id'));
  if (channel === 'email') setVar(vars, 'SUBJECT', field(raw, 'content_description'));

  let count = 0;
  const addCallData = (object: Message) => {
    for (const key of Object.keys(object)) {
      if (Object.hasOwn(KNOWN, key) || ++count > MAX_CALL_DATA) continue;
      const value = object[key];
      if (isRecord(value) && /^call_?data$/i.test(key)) {
        addCallData(value);
        continue;
      }
      const variable = variableName(key);
      if (variable) setVarIfAbsent(vars, variable, value);
    }
  };
  addCallData(raw);
  return vars;
}

// CCAI Platform agent adapter: the call and chat adapters post `{type, data}` to the parent window,
// as JSON strings. Types and fields are the ones the CCAI Platform custom CRM guide documents.
import type { Source } from '../config';
import { reasonText } from '../reason-codes';
import { fingerprint } from '../fingerprint';
import { STANDALONE_RECORD, type AdapterResult, type Phase, type Vars } from '../interaction-event';
import { ccaiChannel } from './channels';
import {
  fail,
  field,
  interactionEvent,
  interactionIdOf,
  isRecord,
  own,
  readMessage,
  scalar,
  setVar,
  setVarIfAbsent,
  urlValue,
  variableName,
  type Message,
} from './values';

/** The types that pop. Keys lower-cased: the guide itself spells `New_chat` and `New_Chat`. */
export const CCAI_PHASES: Readonly<Record<string, Phase>> = {
  new_call: 'answered',
  new_chat: 'answered',
  active_chat: 'focus',
  end_call: 'ended',
  end_chat: 'ended',
  dismissed_chat: 'wrapup_end',
  transfer_call: 'transferred',
  transfer_chat: 'transferred',
  crm_record_pop: 'record',
};

/** Agent state, not an interaction: refused (ok:false) whatever ids they carry. */
export const CCAI_AGENT_TYPES: readonly string[] = ['Agent_Login', 'Agent_Logout'];

/**
 * Documented types that belong to an interaction and are recorded (phase null) when they carry a
 * call_id or chat_id; without one (the guide's examples of Cobrowse_Session_Ended, Agent_Assist_Started)
 * they cannot be tied to an interaction and are refused. Any undocumented type follows the same rule.
 */
export const CCAI_RECORDED_TYPES: readonly string[] = [
  'Chat_Inbound_Message',
  'Chat_Outbound_Message',
  'Cobrowse_Session_Started',
  'Cobrowse_Session_Remote_Control_Changed',
  'Cobrowse_Session_Full_Device_Changed',
  'Cobrowse_Session_Ended',
  'Party_Added',
  'Agent_Joined_Chat',
  'Agent_Joined_Call',
  'Agent_Assist_Started',
  'Call_Redaction_Started',
  'Call_Redaction_Stopped',
];

const AGENT_TYPES = new Set(CCAI_AGENT_TYPES.map((type) => type.toLowerCase()));

// Integrators may add CCAI's "canonical" names to data; end_user / custom_data carry them too.
const ANI_FIELDS = ['ani', 'customer_phone_number', 'phone_number', 'end_user_phone_number', 'sdk_phone', 'phone'];
const EMAIL_FIELDS = ['email', 'end_user_email', 'sdk_email'];
const CUID_FIELDS = ['cuid', 'custom_user_id', 'end_user_cuid'];

export function adaptCcai(source: Source, message: unknown): AdapterResult {
  const read = readMessage(message);
  if (!read.ok) return fail(read.reason);
  const raw = read.value;
  const type = field(raw, 'type');
  if (typeof type !== 'string' || type.trim() === '') return fail(reasonText('noEventType', 'CCAI', 'type'));
  const vendorType = type.trim();
  const key = vendorType.toLowerCase();
  if (AGENT_TYPES.has(key)) return fail(reasonText('agentState', vendorType));

  const data = field(raw, 'data');
  if (!isRecord(data)) return fail(reasonText('noData', vendorType));

  const recordUrl = key === 'crm_record_pop' ? urlValue(field(data, 'recordUrl')) : undefined;
  if (key === 'crm_record_pop' && recordUrl === undefined) return fail(reasonText('noRecordPopUrl'));

  const callId = field(data, 'call_id');
  const chatId = field(data, 'chat_id');
  const found = interactionIdOf(callId, chatId, key === 'crm_record_pop' ? field(data, 'session_id') : undefined);
  if (found.problem) return fail(found.problem);
  // A record pop may arrive without the session ids: the URL then names the interaction — by its
  // fingerprint, since the URL may carry the customer's number and the key is kept and shown.
  const interactionId = found.id ?? (recordUrl !== undefined ? `${STANDALONE_RECORD}${fingerprint(recordUrl)}` : undefined);
  if (interactionId === undefined) return fail(reasonText('noInteractionId', vendorType, 'call_id or chat_id'));

  const hasCallId = interactionIdOf(callId).id !== undefined;
  return interactionEvent({
    source: source.id,
    interactionId,
    phase: own(CCAI_PHASES, key) ?? null,
    channel: ccaiChannel(field(data, 'session_type'), hasCallId),
    vars: ccaiVars(data),
    raw,
    vendorType,
    ...(recordUrl !== undefined ? { recordUrl } : {}),
  });
}

function ccaiVars(data: Message): Vars {
  const vars: Vars = {};
  const get = (name: string) => field(data, name);
  setVar(vars, 'CALL_ID', get('call_id'));
  setVar(vars, 'CHAT_ID', get('chat_id'));
  setVar(vars, 'SESSION_ID', get('session_id') ?? get('call_id') ?? get('chat_id'));
  setVar(vars, 'SESSION_TYPE', get('session_type'));
  setVar(vars, 'DIRECTION', direction(get('session_type')));
  setVar(vars, 'AGENT_ID', get('agent_id'));
  setVar(vars, 'AGENT_CUSTOM_ID', get('agent_custom_id'));
  setVar(vars, 'AGENT_EMAIL', get('agent_email'));
  setVar(vars, 'QUEUE_ID', get('queue_id') ?? get('to_queue_id'));
  setVar(vars, 'QUEUE_PATH', get('queue_path') ?? get('to_queue_path'));
  setVar(vars, 'QUEUE_NAME', lastSegment(vars.QUEUE_PATH));
  setVar(vars, 'CAMPAIGN_ID', get('campaign_id'));
  setVar(vars, 'CAMPAIGN_NAME', get('campaign_name'));
  setVar(vars, 'DNIS', get('support_phone_number'));
  setVar(vars, 'MENU_ID', get('menu_id'));
  setVar(vars, 'COBROWSE_SESSION_ID', get('cobrowse_session_id'));
  for (const side of ['from', 'to'] as const) {
    for (const name of ['agent_id', 'agent_custom_id', 'agent_email', 'queue_id', 'queue_path']) {
      setVar(vars, `${side}_${name}`.toUpperCase(), get(`${side}_${name}`));
    }
  }

  const endUser = get('end_user');
  for (const holder of [data, isRecord(endUser) ? endUser : {}]) {
    for (const name of ANI_FIELDS) setVarIfAbsent(vars, 'ANI', field(holder, name));
    for (const name of EMAIL_FIELDS) setVarIfAbsent(vars, 'EMAIL', field(holder, name));
    for (const name of CUID_FIELDS) setVarIfAbsent(vars, 'CUID', field(holder, name));
  }
  addCustomData(vars, get('custom_data_not_secured'));
  addCustomData(vars, get('custom_data_secured'));
  return vars;
}

/**
 * CCAI custom data is `{ key: { label, value } }` (or `{ key: value }`); each entry becomes
 * `CUSTOM_<KEY>`, and phone / email / cuid entries also fill ANI / EMAIL / CUID when still empty.
 * A signed (JWT string) custom_data_secured is left to the CRM: it is not an object.
 */
function addCustomData(vars: Vars, customData: unknown): void {
  if (!isRecord(customData)) return;
  let count = 0;
  for (const key of Object.keys(customData)) {
    if (++count > 100) return;
    const entry = customData[key];
    const value = isRecord(entry) ? field(entry, 'value') : entry;
    const name = variableName(key);
    if (!name || scalar(value) === undefined) continue;
    setVarIfAbsent(vars, `CUSTOM_${name}`, value);
    const lower = key.toLowerCase();
    if (ANI_FIELDS.includes(lower)) setVarIfAbsent(vars, 'ANI', value);
    if (EMAIL_FIELDS.includes(lower)) setVarIfAbsent(vars, 'EMAIL', value);
    if (CUID_FIELDS.includes(lower)) setVarIfAbsent(vars, 'CUID', value);
  }
}

/** "Developers / Kim" → "Kim". */
function lastSegment(path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  const segments = path.split('/').map((segment) => segment.trim()).filter(Boolean);
  return segments[segments.length - 1];
}

function direction(sessionType: unknown): string | undefined {
  if (typeof sessionType !== 'string') return undefined;
  if (/outbound|outgoing|uscita|campaign/i.test(sessionType)) return 'outbound';
  if (/inbound|incoming|entrata/i.test(sessionType)) return 'inbound';
  return undefined;
}

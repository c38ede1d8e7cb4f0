import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { adapt } from '../../src/core/adapters';
import type { Source } from '../../src/core/config';
import type { InteractionEvent } from '../../src/core/interaction-event';

const dir = new URL('../../src/core/samples/payloads/ccai/', import.meta.url);
const text = (name: string) => readFileSync(new URL(name, dir), 'utf8');
const payload = (name: string) => JSON.parse(text(`${name}.json`)) as Record<string, unknown>;

const source: Source = {
  id: 'ccai',
  adapter: 'ccai',
  pages: ['https://crm.example.com/*'],
  senders: ['https://*.ccaiplatform.com'],
};

/** CCAI posts JSON strings: every fixture goes in as the adapter iframe sends it. */
function event(message: unknown): InteractionEvent {
  const result = adapt(source, typeof message === 'string' ? message : JSON.stringify(message));
  if (!result.ok) throw new Error(`expected an event, got: ${result.reason}`);
  return result.event;
}

function refused(message: unknown): string {
  const result = adapt(source, message);
  if (result.ok) throw new Error(`expected a refusal, got phase ${result.event.phase}`);
  return result.reason;
}

describe('ccai adapter — events of the CCAI Platform custom CRM guide that pop', () => {
  it('New_Call (campaign call) is answered on voice, with agent, queue and campaign variables', () => {
    const e = event(payload('new_call'));
    expect(e).toMatchObject({ source: 'ccai', interactionId: '103646', phase: 'answered', channel: 'voice', vendorType: 'New_Call' });
    expect(e.vars).toEqual({
      CALL_ID: '103646',
      SESSION_ID: '103646',
      SESSION_TYPE: 'Voice Campaign (UJET)',
      DIRECTION: 'outbound',
      AGENT_ID: '1',
      AGENT_CUSTOM_ID: '007',
      AGENT_EMAIL: 'Kim@example.com',
      QUEUE_ID: '8469',
      QUEUE_PATH: 'Developers / Kim',
      QUEUE_NAME: 'Kim',
      CAMPAIGN_ID: '1432',
      CAMPAIGN_NAME: 'Survey Movie',
      INTERACTION_ID: '103646',
    });
    expect(e.raw).toEqual(payload('new_call'));
    expect(e.recordUrl).toBeUndefined();
  });

  it('End_Call ends the same interaction New_Call answered', () => {
    const e = event(payload('end_call'));
    expect(e).toMatchObject({ interactionId: '103646', phase: 'ended', channel: 'voice' });
  });

  it('New_Chat from web chat is answered on chat', () => {
    const e = event(payload('new_chat'));
    expect(e).toMatchObject({ interactionId: '73522', phase: 'answered', channel: 'chat' });
    expect(e.vars).toMatchObject({ CHAT_ID: '73522', QUEUE_PATH: 'HB TEAM / Ariel', QUEUE_NAME: 'Ariel', DIRECTION: 'inbound' });
    expect(e.vars.CALL_ID).toBeUndefined();
  });

  it('End_Chat with null queue fields ends the chat and leaves those variables absent', () => {
    const e = event(payload('end_chat'));
    expect(e).toMatchObject({ interactionId: '73522', phase: 'ended', channel: 'chat' });
    expect(Object.keys(e.vars)).not.toContain('QUEUE_ID');
    expect(Object.keys(e.vars)).not.toContain('QUEUE_PATH');
    expect(Object.keys(e.vars)).not.toContain('QUEUE_NAME');
    expect(Object.keys(e.vars)).not.toContain('AGENT_CUSTOM_ID');
  });

  it('Active_Chat (agent switches chat tab) is focus', () => {
    expect(event(payload('active_chat'))).toMatchObject({ interactionId: '73521', phase: 'focus', channel: 'chat' });
  });

  it('Dismissed_Chat (agent closes the chat tab) is wrapup_end', () => {
    expect(event(payload('dismissed_chat'))).toMatchObject({ interactionId: '73522', phase: 'wrapup_end' });
  });

  it('Transfer_Chat (fixed form) is transferred on SMS, queue taken from the destination', () => {
    const e = event(payload('transfer_chat'));
    expect(e).toMatchObject({ interactionId: '103646', phase: 'transferred', channel: 'sms' });
    expect(e.vars).toMatchObject({
      QUEUE_ID: '1234',
      QUEUE_PATH: 'Schemes / Auric',
      QUEUE_NAME: 'Auric',
      FROM_QUEUE_PATH: 'Developers / Ariel',
      FROM_AGENT_EMAIL: 'Ira@example.com',
      TO_AGENT_ID: '5',
      TO_AGENT_CUSTOM_ID: '100',
      TO_AGENT_EMAIL: 'ariel@example.com',
      CAMPAIGN_NAME: 'Survey Movie',
    });
    expect(e.vars.AGENT_ID).toBeUndefined();
  });

  it('Transfer_Chat exactly as the guide prints it (missing commas) is refused, not half-read', () => {
    const broken = text('transfer_chat.verbatim.txt');
    expect(() => JSON.parse(broken)).toThrow();
    expect(refused(broken)).toMatch(/not valid JSON/);
  });

  it('Transfer_Call is transferred on voice', () => {
    const e = event(payload('constructed.transfer_call'));
    expect(e).toMatchObject({ interactionId: '103700', phase: 'transferred', channel: 'voice' });
    expect(e.vars.QUEUE_NAME).toBe('Auric');
  });

  it('CRM_Record_Pop is a record event carrying recordUrl', () => {
    const e = event(payload('constructed.crm_record_pop'));
    expect(e).toMatchObject({ interactionId: '103646', phase: 'record', recordUrl: 'https://crm.example.com/record/456' });
  });

  it('CRM_Record_Pop without session ids still pops, keyed on its URL\'s fingerprint', () => {
    const e = event(payload('constructed.crm_record_pop_no_session'));
    expect(e).toMatchObject({ phase: 'record', recordUrl: 'https://crm.example.com/record/789' });
    // Named by the URL's fingerprint, never the URL: the key is kept, listed and exported.
    expect(e.interactionId).toMatch(/^record-[0-9a-f]{16}$/);
    expect(e.interactionId).not.toContain('crm.example.com');
  });

  it('CRM_Record_Pop without a recordUrl is refused', () => {
    expect(refused(JSON.stringify({ type: 'CRM_Record_Pop', data: { call_id: 1 } }))).toMatch(/recordUrl/);
    expect(refused({ type: 'CRM_Record_Pop', data: { call_id: 1, recordUrl: { href: 'x' } } })).toMatch(/recordUrl/);
  });

  it('type names are matched whatever their case (the guide writes New_chat too)', () => {
    const message = { ...payload('new_chat'), type: 'New_chat' };
    expect(event(message)).toMatchObject({ phase: 'answered', vendorType: 'New_chat' });
  });
});

describe('ccai adapter — events recorded, not popped', () => {
  it.each([
    ['chat_inbound_message', '73522'],
    ['chat_outbound_message', '73522'],
    ['cobrowse_session_started', '791'],
    ['cobrowse_session_remote_control_changed', '791'],
    ['party_added', '103646'],
    ['agent_joined_chat', '103646'],
  ])('%s belongs to interaction %s with phase null', (name, id) => {
    const e = event(payload(name));
    expect(e.interactionId).toBe(id);
    expect(e.phase).toBeNull();
  });

  it('a chat message event does not copy the message text into variables', () => {
    const e = event(payload('chat_inbound_message'));
    expect(Object.values(e.vars).join(' ')).not.toContain('order tracking');
  });

  it.each(['Call_Redaction_Started', 'Call_Redaction_Stopped'])('%s with the data of the guide is recorded on the call', (type) => {
    const name = type === 'Call_Redaction_Started' ? 'call_redaction_started.data' : 'call_redaction_stopped.data';
    const e = event({ type, data: payload(name) });
    expect(e).toMatchObject({ interactionId: '97939', phase: null, channel: 'voice' });
    expect(e.vars.AGENT_ID).toBe('2896');
  });

  it('the redaction data alone (no type, as the guide prints it) is refused', () => {
    expect(refused(payload('call_redaction_started.data'))).toMatch(/type/);
  });

  it('an undocumented type that carries a chat_id is recorded', () => {
    expect(event({ type: 'Chat_Something_New', data: { chat_id: 5 } })).toMatchObject({ interactionId: '5', phase: null });
  });
});

describe('ccai adapter — refused: no interaction', () => {
  it.each(['agent_login', 'agent_logout'])('%s is agent state', (name) => {
    expect(refused(JSON.stringify(payload(name)))).toMatch(/agent state/);
  });

  it.each(['cobrowse_session_full_device_changed', 'cobrowse_session_ended', 'agent_assist_started'])(
    '%s (the example of the guide, without call_id/chat_id) cannot be tied to an interaction',
    (name) => {
      expect(refused(JSON.stringify(payload(name)))).toMatch(/no call_id or chat_id/);
    },
  );

  it.each(['agent_login', 'agent_logout', 'agent_joined_chat'])('%s as printed in the guide (trailing comma) is refused', (name) => {
    expect(refused(text(`${name}.verbatim.txt`))).toMatch(/not valid JSON/);
  });
});

describe('ccai adapter — customer identity', () => {
  it('WhatsApp chat: ANI from customer_phone_number, EMAIL and CUSTOM_* from custom_data_not_secured', () => {
    const e = event(payload('constructed.new_chat_whatsapp'));
    expect(e.channel).toBe('whatsapp');
    expect(e.vars).toMatchObject({
      ANI: '+393331234567',
      EMAIL: 'luca@example.it',
      CUSTOM_ORDER_ID: 'ORD-5521',
      QUEUE_NAME: 'Italia',
    });
  });

  it('voice call: ANI, EMAIL, CUID from end_user; DNIS from support_phone_number', () => {
    const e = event(payload('constructed.new_call_end_user'));
    expect(e.vars).toMatchObject({ ANI: '+12223334444', EMAIL: 'kim.customer@example.com', CUID: 'cust-42', DNIS: '+18005550100' });
  });

  it.each([
    ['ani', 'ANI'],
    ['phone_number', 'ANI'],
    ['customer_phone_number', 'ANI'],
    ['email', 'EMAIL'],
    ['cuid', 'CUID'],
  ])('canonical extra field data.%s fills %s', (fieldName, variable) => {
    const e = event({ type: 'New_Call', data: { call_id: 1, [fieldName]: '  value-1  ' } });
    expect(e.vars[variable]).toBe('value-1');
  });

  it('a signed custom_data_secured string is not read as variables', () => {
    const e = event({ type: 'New_Chat', data: { chat_id: 2, custom_data_secured: 'eyJhbGciOi.x.y' } });
    expect(Object.keys(e.vars).some((name) => name.startsWith('CUSTOM_'))).toBe(false);
  });

  it('values are capped at 2000 characters and objects are dropped', () => {
    const e = event({ type: 'New_Call', data: { call_id: 1, agent_email: 'a'.repeat(5000), queue_path: { x: 1 } } });
    expect(e.vars.AGENT_EMAIL).toHaveLength(2000);
    expect(e.vars.QUEUE_PATH).toBeUndefined();
  });
});

describe('ccai adapter — malformed input', () => {
  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a number', 42],
    ['an array', [{ type: 'New_Call', data: { call_id: 1 } }]],
    ['a JSON array string', '[1,2]'],
    ['a JSON null string', 'null'],
    ['bad JSON', '{"type": "New_Call", '],
    ['no type', { data: { call_id: 1 } }],
    ['type not a string', { type: 7, data: { call_id: 1 } }],
    ['no data', { type: 'New_Call' }],
    ['data an array', { type: 'New_Call', data: [1] }],
    ['no ids', { type: 'New_Call', data: { agent_id: 1 } }],
    ['id an object', { type: 'New_Call', data: { call_id: { id: 1 } } }],
    ['id too long', { type: 'New_Call', data: { call_id: 'x'.repeat(300) } }],
    ['a 1 MB string', `{"type":"New_Call","data":{"call_id":1,"x":"${'a'.repeat(1024 * 1024)}"}}`],
  ])('%s → ok:false with a reason', (_label, message) => {
    const result = adapt(source, message);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason.length).toBeGreaterThan(0);
  });

  it('a field named __proto__ or constructor does not reach the prototype', () => {
    const result = adapt(source, '{"type":"New_Call","data":{"__proto__":{"call_id":9}}}');
    expect(result.ok).toBe(false);
    const ctor = adapt(source, { type: 'constructor', data: { chat_id: 3, constructor: 'x' } });
    expect(ctor.ok && ctor.event.phase).toBeNull();
  });
});

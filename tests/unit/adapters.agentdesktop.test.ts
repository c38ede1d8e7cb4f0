import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { adapt } from '../../src/core/adapters';
import type { Source } from '../../src/core/config';
import type { InteractionEvent } from '../../src/core/interaction-event';

const dir = new URL('../../src/core/samples/payloads/agentdesktop/', import.meta.url);
const payload = (name: string) => JSON.parse(readFileSync(new URL(`${name}.json`, dir), 'utf8')) as Record<string, unknown>;

const source: Source = {
  id: 'agentdesktop',
  adapter: 'agentdesktop',
  pages: ['https://agentdesktop.example.it/*'],
  senders: [],
};

function event(message: unknown): InteractionEvent {
  const result = adapt(source, message);
  if (!result.ok) throw new Error(`expected an event, got: ${result.reason}`);
  return result.event;
}

function refused(message: unknown): string {
  const result = adapt(source, message);
  if (result.ok) throw new Error(`expected a refusal, got phase ${result.event.phase}`);
  return result.reason;
}

const CALL = '7b3e9f2a-41c6-4d2e-9a51-0c8d2f6e1a90';

describe('agentdesktop adapter — a telephony contact from ring to wrap-up', () => {
  it.each([
    ['telephony_ringing', 'ringing'],
    ['telephony_established', 'answered'],
    ['telephony_jobstarted', 'answered'],
    ['telephony_popup', 'answered'],
    ['telephony_connectioncleared', 'ended'],
    ['telephony_jobfinished', 'wrapup_end'],
  ])('%s → %s, on the uuid, on voice', (name, phase) => {
    expect(event(payload(name))).toMatchObject({ interactionId: CALL, phase, channel: 'voice' });
  });

  it.each([
    'telephony_connectionstarted',
    'telephony_jobscheduled',
    'telephony_jobchanged_setup',
    'telephony_held',
    'telephony_retrieved',
    'telephony_jobchanged_offline',
  ])('%s is recorded on the call without a pop', (name) => {
    expect(event(payload(name))).toMatchObject({ interactionId: CALL, phase: null, channel: 'voice' });
  });

  it('RINGING carries the caller, the called number, queue, service and direction', () => {
    const e = event(payload('telephony_ringing'));
    expect(e.vendorType).toBe('RINGING');
    expect(e.vars).toMatchObject({
      ANI: '+390212345678',
      DNIS: '800123456',
      QUEUE_NAME: 'Assistenza_Clienti',
      SERVICE: 'ASSISTENZA_CLIENTI',
      DIRECTION: 'inbound',
      INTERACTION_ID: CALL,
      CONTACT_ID: 'CT7-0004711',
      JOB_TYPE: 'inbound',
      IS_ACD: 'true',
      MEDIA_TYPE: 'telephony',
    });
    expect(e.vars.EVENT).toBeUndefined();
  });

  it('DATACHANGED is recorded with the changed CallData as upper-cased variables', () => {
    const e = event(payload('telephony_datachanged'));
    expect(e.phase).toBeNull();
    expect(e.vars).toMatchObject({ CODICE_CLIENTE: 'C-99812', NUMERO_PRATICA: 'PR-2024-0042', ANI: '+390212345678' });
  });

  it('CONNECTIONCLEARED and JOBFINISHED carry the outcome and the times', () => {
    expect(event(payload('telephony_connectioncleared')).vars).toMatchObject({ REASON: 'NORMAL_CLEARING', END_TIME: '1732200185000' });
    expect(event(payload('telephony_jobfinished')).vars).toMatchObject({ REASON: 'RISOLTO', OFFLINE_END_TIME: '1732200245000' });
  });

  it('an outbound manual call is dialing, with direction outbound', () => {
    const e = event(payload('telephony_outbound_dialing'));
    expect(e).toMatchObject({ phase: 'dialing', channel: 'voice' });
    expect(e.vars).toMatchObject({ DIRECTION: 'outbound', DNIS: '+393471234567', IS_ACD: 'false' });
  });

  it('a nested CallData object is flattened into variables', () => {
    const e = event({ ...payload('telephony_popup'), callData: { customerCode: 'K-1', ignored: { deep: 1 } } });
    expect(e.vars.CUSTOMER_CODE).toBe('K-1');
    expect(e.vars.IGNORED).toBeUndefined();
  });

  it('CallData cannot overwrite the canonical variables', () => {
    const e = event({ ...payload('telephony_popup'), callData: { ANI: 'spoofed' } });
    expect(e.vars.ANI).toBe('+390212345678');
  });
});

describe('agentdesktop adapter — chat and multimedia channels', () => {
  it.each([
    ['chat_ringing', 'ringing'],
    ['chat_established', 'answered'],
    ['chat_popup', 'answered'],
    ['chat_connectioncleared', 'ended'],
    ['chat_jobfinished', 'wrapup_end'],
  ])('%s → %s on chat, with CHAT_ID', (name, phase) => {
    const e = event(payload(name));
    expect(e).toMatchObject({ phase, channel: 'chat', interactionId: 'e9a0c3b1-2d4f-4c6e-8a7b-1f0e2d3c4b5a' });
    expect(e.vars.CHAT_ID).toBe('vvc-5f2a81');
  });

  it('media_type channel + content_type email is email, with the subject', () => {
    const e = event(payload('email_popup'));
    expect(e).toMatchObject({ phase: 'answered', channel: 'email' });
    expect(e.vars).toMatchObject({ SUBJECT: 'Richiesta rimborso ordine 12345', ANI: 'giulia.bianchi@example.it', QUEUE_NAME: 'Email_Supporto' });
  });

  it.each([
    ['email_jobscheduled', null],
    ['email_jobstarted', 'answered'],
    ['email_jobfinished', 'wrapup_end'],
  ])('e-mail %s → %s', (name, phase) => {
    expect(event(payload(name))).toMatchObject({ phase, channel: 'email' });
  });

  it('other multimedia content stays on channel "channel", without SUBJECT', () => {
    const e = event(payload('channel_object_popup'));
    expect(e).toMatchObject({ phase: 'answered', channel: 'channel' });
    expect(e.vars.SUBJECT).toBeUndefined();
    expect(e.vars.CONTENT_DESCRIPTION).toBe('Ticket portale #8841');
  });

  it('without uuid the CT7 id keys the interaction', () => {
    const { uuid: _uuid, ...withoutUuid } = payload('telephony_ringing');
    expect(event(withoutUuid).interactionId).toBe('CT7-0004711');
  });

  it('a JSON string is read like an object', () => {
    expect(event(JSON.stringify(payload('telephony_ringing')))).toMatchObject({ phase: 'ringing', interactionId: CALL });
  });
});

describe('agentdesktop adapter — refused', () => {
  it.each(['agent_loggedin', 'agent_pause', 'agent_pausesubstate', 'agent_forced', 'agent_loggedout'])(
    '%s is agent state',
    (name) => {
      expect(refused(payload(name))).toMatch(/agent state/);
    },
  );

  it('agent state is refused even with a contact id on it', () => {
    expect(refused({ event: 'PAUSE', id: 'CT7-1' })).toMatch(/agent state/);
  });

  it.each([
    ['null', null],
    ['a number', 3],
    ['an array', [payload('telephony_ringing')]],
    ['bad JSON', '{"event":"RINGING"'],
    ['no event', { uuid: 'a' }],
    ['event not a string', { event: ['RINGING'], uuid: 'a' }],
    ['no ids', { event: 'RINGING', ani: '123' }],
    ['ids of the wrong type', { event: 'RINGING', uuid: { v: 1 }, id: true }],
    ['a 1 MB string', JSON.stringify({ event: 'RINGING', uuid: 'a', ani: 'x'.repeat(1024 * 1024) })],
  ])('%s → ok:false', (_label, message) => {
    const result = adapt(source, message);
    expect(result.ok).toBe(false);
  });
});

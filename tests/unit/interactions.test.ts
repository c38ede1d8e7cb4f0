// Interaction state: each (interaction, phase) fires once; `missed` is derived; vendor payloads
// from the vendor guides drive it through the real adapters.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { adapt } from '../../src/core/adapters';
import { applyEvent, EMPTY_STATE, prune, type InteractionState } from '../../src/core/interaction-state';
import { SourceSchema } from '../../src/core/config';
import type { InteractionEvent, Phase } from '../../src/core/interaction-event';

const payload = (vendor: string, name: string): unknown =>
  JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../src/core/samples/payloads', vendor, name), 'utf8'));

const ad = SourceSchema.parse({ id: 'ad', adapter: 'agentdesktop', pages: ['https://desk.example.com/*'] });
const ccai = SourceSchema.parse({ id: 'ccai', adapter: 'ccai', pages: ['https://crm.example.com/*'] });

function eventOf(source: typeof ad, message: unknown): InteractionEvent {
  const result = adapt(source, message);
  if (!result.ok) throw new Error(result.reason);
  return result.event;
}

/** Feeds messages in order; returns every phase fired. */
function run(source: typeof ad, messages: unknown[], start: InteractionState = EMPTY_STATE) {
  let state = start;
  const fired: Phase[] = [];
  let now = 1_000;
  for (const message of messages) {
    const applied = applyEvent(state, eventOf(source, message), (now += 1000));
    state = applied.state;
    fired.push(...applied.fire);
  }
  return { state, fired };
}

describe('AgentDesktop call life cycle (AgentDesktop SDK guide)', () => {
  const ringing = payload('agentdesktop', 'telephony_ringing.json');
  const established = payload('agentdesktop', 'telephony_established.json');
  const cleared = payload('agentdesktop', 'telephony_connectioncleared.json');
  const finished = payload('agentdesktop', 'telephony_jobfinished.json');
  const datachanged = payload('agentdesktop', 'telephony_datachanged.json');
  const popup = payload('agentdesktop', 'telephony_popup.json');

  it('fires ringing, answered, ended, wrapup_end once each', () => {
    expect(run(ad, [ringing, established, cleared, finished]).fired).toEqual(['ringing', 'answered', 'ended', 'wrapup_end']);
  });

  it('drops duplicates from several frames and retries', () => {
    const { fired } = run(ad, [ringing, ringing, established, popup, established, cleared, cleared]);
    expect(fired).toEqual(['ringing', 'answered', 'ended']);
  });

  it('derives missed when a call ends without being answered', () => {
    expect(run(ad, [ringing, cleared]).fired).toEqual(['ringing', 'ended', 'missed']);
  });

  it('does not pop a late RINGING after the end', () => {
    expect(run(ad, [ringing, established, cleared, ringing]).fired).toEqual(['ringing', 'answered', 'ended']);
  });

  it('DATACHANGED fires nothing but its variables reach the next phases', () => {
    const { state, fired } = run(ad, [ringing, datachanged, established]);
    expect(fired).toEqual(['ringing', 'answered']);
    const record = Object.values(state.interactions)[0]!;
    expect(record.vars.ANI).toBe('+390212345678');
    expect(Object.values(record.vars)).toContain('C-99812');
  });
});

describe('CCAI chats (CCAI Platform custom CRM guide)', () => {
  const newChat = payload('ccai', 'new_chat.json');
  const active = payload('ccai', 'active_chat.json');
  const endChat = payload('ccai', 'end_chat.json');
  const dismissed = payload('ccai', 'dismissed_chat.json');

  it('New_Chat → answered, End_Chat → ended (no missed: it was answered), Dismissed_Chat → wrapup_end', () => {
    expect(run(ccai, [newChat, endChat, dismissed]).fired).toEqual(['answered', 'ended', 'wrapup_end']);
  });

  it('focus fires again only when the agent switched back', () => {
    const other = { type: 'New_Chat', data: { chat_id: 1, session_type: 'messaging inbound (web chat)' } };
    const activeOther = { type: 'Active_Chat', data: { chat_id: 1, session_type: 'messaging inbound (web chat)' } };
    const { fired } = run(ccai, [newChat, active, active, other, active, activeOther, activeOther]);
    // active_chat.json is chat 73521, new_chat.json chat 73522.
    expect(fired).toEqual(['answered', 'focus', 'answered', 'focus', 'focus']);
  });

  it('keeps interactions of different sources apart', () => {
    const first = run(ccai, [newChat]);
    const { fired } = run(ad, [payload('agentdesktop', 'chat_established.json')], first.state);
    expect(fired).toEqual(['answered']);
  });
});

describe('prune', () => {
  it('forgets the variables historyMinutes after the end, and the record once no duplicate can come', () => {
    const { state } = run(ad, [payload('agentdesktop', 'telephony_ringing.json'), payload('agentdesktop', 'telephony_connectioncleared.json')]);
    const endedAt = Object.values(state.interactions)[0]!.endedAt!;
    const kept = prune(state, endedAt + 60_000, 15);
    expect(Object.values(kept.interactions)[0]!.vars.ANI).toBe('+390212345678');
    expect(prune(state, endedAt + 16 * 60_000, 15).interactions).toEqual({});
    const forgotten = prune(state, endedAt + 6 * 60_000, 5);
    expect(Object.values(forgotten.interactions)[0]!.vars).toEqual({});
    expect(prune(state, endedAt + 5 * 60_000, 0).interactions).not.toEqual({});
    expect(Object.values(prune(state, endedAt + 5 * 60_000, 0).interactions)[0]!.vars).toEqual({});
    expect(prune(state, endedAt + 20 * 60_000, 15).interactions).toEqual({});
  });

  it('a duplicate end after the variables were forgotten still fires nothing', () => {
    const cleared = payload('agentdesktop', 'telephony_connectioncleared.json');
    const { state } = run(ad, [payload('agentdesktop', 'telephony_ringing.json'), cleared]);
    const endedAt = Object.values(state.interactions)[0]!.endedAt!;
    const pruned = prune(state, endedAt + 2 * 60_000, 1);
    expect(applyEvent(pruned, eventOf(ad, cleared), endedAt + 2 * 60_000).fire).toEqual([]);
  });
});

describe('record pops and privacy', () => {
  const recordPop = (recordUrl: string, ids: Record<string, unknown> = {}) =>
    eventOf(ccai, { type: 'CRM_Record_Pop', data: { recordUrl, ...ids } });
  const url = 'https://crm.example.com/record?phone=%2B393331234567';

  it('no record URL (and its phone number) is kept in the interaction, even as a tombstone', () => {
    const applied = applyEvent(EMPTY_STATE, recordPop(url, { call_id: 42 }), 1_000);
    expect(JSON.stringify(applied.state)).not.toContain('393331234567');
    // The same record pop again still fires nothing.
    expect(applyEvent(applied.state, recordPop(url, { call_id: 42 }), 2_000).fire).toEqual([]);
    expect(applyEvent(applied.state, recordPop(`${url}0`, { call_id: 42 }), 2_000).fire).toEqual(['record']);
  });

  it('a record pop without call or chat id counts as ended at once: forgotten historyMinutes later', () => {
    const applied = applyEvent(EMPTY_STATE, recordPop(url), 1_000);
    expect(applied.fire).toEqual(['record']);
    expect(applied.record.key).not.toContain('crm.example.com');
    expect(applied.record.endedAt).toBe(1_000);
    const later = prune(applied.state, 1_000 + 15 * 60_000, 15);
    expect(Object.values(later.interactions).every((r) => r.forgotten)).toBe(true);
    expect(prune(applied.state, 1_000 + 16 * 60_000, 15).interactions).toEqual({});
  });
});

// The pure parts of the delivery promise: the bridge's shape check, the bounded interaction
// record.
import { describe, expect, it } from 'vitest';
import { mayBeEvent } from '../../src/content/shape';
import { applyToRecord, MAX_VAR_CHARS, MAX_VARS } from '../../src/core/interaction-state';
import type { BridgeRule } from '../../src/core/worker-api';

const rule = (adapter: string, typePath?: string): BridgeRule => ({ sourceId: 's', adapter, typePath, pages: [], senders: [] });

describe('the bridge drops what cannot be an event of its adapter', () => {
  it.each([
    ['ccai', { type: 'New_Chat', data: { chat_id: 1 } }, true],
    ['ccai', { type: 'CRM_Record_Pop', data: { recordUrl: 'javascript:alert(1)' } }, true],
    ['ccai', { type: 'New_Chat' }, false],
    ['ccai', { type: 42, data: {} }, false],
    ['ccai', { type: 'New_Chat', data: [] }, false],
    ['agentdesktop', { event: 'RINGING', uuid: 'u1' }, true],
    ['agentdesktop', { event: 'RINGING', id: 7 }, true],
    ['agentdesktop', { event: 'RINGING' }, false],
    ['agentdesktop', { event: '', uuid: 'u1' }, false],
    ['screenpop', { screenpop: 1, interactionId: 'a', phase: 'answered' }, true],
    ['screenpop', { screenpop: '1', interactionId: 'a' }, false],
    ['ccai', 'New_Chat', false],
    ['ccai', null, false],
  ])('%s: %j → %s', (adapter, data, expected) => {
    expect(mayBeEvent(rule(adapter), data)).toBe(expected);
  });

  it('generic: a value at the mapping\'s type path, and nothing inherited', () => {
    expect(mayBeEvent(rule('generic', 'detail.kind'), { detail: { kind: 'ring' } })).toBe(true);
    expect(mayBeEvent(rule('generic', 'detail.kind'), { detail: {} })).toBe(false);
    expect(mayBeEvent(rule('generic', 'constructor'), {})).toBe(false);
  });
});

describe('an interaction record stays small whatever a sender posts', () => {
  it('caps each variable and the number of variables', () => {
    const vars = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`V${i}`, 'x'.repeat(100_000)]));
    const event = { source: 's', interactionId: '1', phase: 'answered' as const, channel: 'chat', vars, raw: null, vendorType: 't' };
    const { record, fire } = applyToRecord(undefined, {}, event, 0);
    expect(fire).toEqual(['answered']);
    expect(Object.keys(record.vars)).toHaveLength(MAX_VARS);
    expect(Math.max(...Object.values(record.vars).map((v) => v.length))).toBe(MAX_VAR_CHARS);
    expect(JSON.stringify(record).length).toBeLessThan(16_000);
  });

  it('many record pops of distinct URLs keep a bounded list of fired marks', () => {
    let record;
    for (let i = 0; i < 200; i++) {
      const event = { source: 's', interactionId: '1', phase: 'record' as const, channel: 'chat', vars: {}, raw: null, vendorType: 't', recordUrl: `https://crm.example.com/${i}/${'p'.repeat(1000)}` };
      record = applyToRecord(record, {}, event, i).record;
    }
    expect(JSON.stringify(record).length).toBeLessThan(10_000);
  });
});

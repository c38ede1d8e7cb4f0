import { describe, expect, it } from 'vitest';
import { adapt } from '../../src/core/adapters';
import type { Source } from '../../src/core/config';
import { PHASES } from '../../src/core/interaction-event';

const source: Source = { id: 'inhouse', adapter: 'screenpop', pages: ['https://desk.example.com/*'], senders: [] };
const valid = { screenpop: 1, phase: 'answered', interactionId: 'c-1', channel: 'whatsapp', vars: { ANI: '+393331234567', TICKET: 42 } };

describe('screenpop adapter — the canonical message', () => {
  it('the canonical message (the example of docs/configuration.md, "Adapters › screenpop") becomes the event as given, numbers as strings', () => {
    const result = adapt(source, valid);
    expect(result).toEqual({
      ok: true,
      event: {
        source: 'inhouse',
        interactionId: 'c-1',
        phase: 'answered',
        channel: 'whatsapp',
        vars: { ANI: '+393331234567', TICKET: '42', INTERACTION_ID: 'c-1' },
        raw: valid,
        vendorType: 'screenpop:answered',
      },
    });
  });

  it('as a JSON string too', () => {
    expect(adapt(source, JSON.stringify(valid))).toMatchObject({ ok: true, event: { phase: 'answered' } });
  });

  it.each(PHASES.filter((phase) => phase !== 'record'))('phase %s is accepted', (phase) => {
    expect(adapt(source, { ...valid, phase })).toMatchObject({ ok: true, event: { phase } });
  });

  it('a record message carries its recordUrl', () => {
    const result = adapt(source, { ...valid, phase: 'record', recordUrl: ' https://crm.example.com/r/1 ' });
    expect(result).toMatchObject({ ok: true, event: { phase: 'record', recordUrl: 'https://crm.example.com/r/1' } });
  });

  it('numeric interaction ids and channel case are normalised; vars may be omitted', () => {
    const result = adapt(source, { screenpop: 1, phase: 'ringing', interactionId: 77, channel: 'Voice' });
    expect(result).toMatchObject({ ok: true, event: { interactionId: '77', channel: 'voice', vars: { INTERACTION_ID: '77' } } });
  });

  it('values are trimmed and capped at 2000 characters', () => {
    const result = adapt(source, { ...valid, vars: { NOTE: `  ${'n'.repeat(3000)}  `, ANI: ' 123 ' } });
    expect(result.ok && result.event.vars.NOTE).toHaveLength(2000);
    expect(result.ok && result.event.vars.ANI).toBe('123');
  });
});

describe('screenpop adapter — strict validation', () => {
  it.each([
    ['no screenpop marker', { ...valid, screenpop: undefined }],
    ['screenpop: 2', { ...valid, screenpop: 2 }],
    ['screenpop: "1"', { ...valid, screenpop: '1' }],
    ['unknown phase', { ...valid, phase: 'answer' }],
    ['phase not a string', { ...valid, phase: 1 }],
    ['missing interactionId', { ...valid, interactionId: undefined }],
    ['empty interactionId', { ...valid, interactionId: '  ' }],
    ['interactionId an object', { ...valid, interactionId: { id: 1 } }],
    ['missing channel', { ...valid, channel: undefined }],
    ['channel not a string', { ...valid, channel: ['voice'] }],
    ['vars an array', { ...valid, vars: ['ANI'] }],
    ['a var that is an object', { ...valid, vars: { ANI: { n: 1 } } }],
    ['a var that is null', { ...valid, vars: { ANI: null } }],
    ['a var that is a boolean', { ...valid, vars: { VIP: true } }],
    ['a var name that is no name', { ...valid, vars: { 'A-NI': '1' } }],
    ['too many vars', { ...valid, vars: Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`V${i}`, 'x'])) }],
    ['record without recordUrl', { ...valid, phase: 'record' }],
    ['recordUrl not a string', { ...valid, phase: 'record', recordUrl: 5 }],
    ['null', null],
    ['an array', [valid]],
    ['a number', 1],
    ['bad JSON', '{"screenpop":1,'],
    ['a 1 MB string', JSON.stringify({ ...valid, vars: { BIG: 'b'.repeat(1024 * 1024) } })],
  ])('%s → ok:false with a reason', (_label, message) => {
    const result = adapt(source, message);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).not.toBe('');
  });

  it('the reason names what is wrong', () => {
    const result = adapt(source, { ...valid, vars: { ANI: { n: 1 } } });
    expect(result).toEqual({ ok: false, reason: '"vars.ANI" must be a string or a number' });
  });
});

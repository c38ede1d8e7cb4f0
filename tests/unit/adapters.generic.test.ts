import { describe, expect, it } from 'vitest';
import { adapt } from '../../src/core/adapters';
import { SourceSchema, type Source } from '../../src/core/config';
import type { InteractionEvent } from '../../src/core/interaction-event';

/** Built through the schema, as the worker gets it from a parsed configuration. */
function source(mapping: Record<string, unknown>): Source {
  return SourceSchema.parse({ id: 'desk', adapter: 'generic', pages: ['https://desk.example.com/*'], mapping });
}

function event(src: Source, message: unknown): InteractionEvent {
  const result = adapt(src, message);
  if (!result.ok) throw new Error(`expected an event, got: ${result.reason}`);
  return result.event;
}

const desk = source({
  type: 'evt.name',
  interactionId: 'data.chat.id',
  channel: 'data.chat.medium',
  phases: { offered: 'ringing', Accepted: 'answered', closed: 'ended' },
  channels: { WA: 'whatsapp', tg: 'telegram' },
  vars: { ANI: 'data.customer.phones[0]', EMAIL: 'data.customer.email', TAGS: 'data.tags', FIRST_TAG: 'data.tags.0' },
  extract: [
    { var: 'ORDER', from: 'data.text', pattern: 'order\\s+#?(\\d+)', flags: 'i' },
    { var: 'AREA', from: '$ANI', pattern: '^\\+39(\\d{2})' },
    { var: 'WHOLE', from: 'data.text', pattern: 'urgent', flags: 'i', group: 0 },
  ],
});

const message = {
  evt: { name: 'Accepted' },
  data: {
    chat: { id: 4411, medium: 'WA' },
    customer: { phones: ['  +390212345678 ', '+390299999999'], email: 'anna@example.it' },
    tags: ['vip', 'late'],
    text: 'URGENT: where is my Order #778812?',
  },
};

describe('generic adapter — mapping', () => {
  it('reads type, id, channel and variables by dotted path (array index allowed)', () => {
    const e = event(desk, message);
    expect(e).toMatchObject({ source: 'desk', interactionId: '4411', phase: 'answered', channel: 'whatsapp', vendorType: 'Accepted' });
    expect(e.vars).toMatchObject({ ANI: '+390212345678', EMAIL: 'anna@example.it', FIRST_TAG: 'vip', INTERACTION_ID: '4411' });
  });

  it('drops non-scalar values', () => {
    expect(event(desk, message).vars.TAGS).toBeUndefined();
  });

  it('extract rules: from a text field, from an already-mapped $VAR, whole match with group 0', () => {
    expect(event(desk, message).vars).toMatchObject({ ORDER: '778812', AREA: '02', WHOLE: 'URGENT' });
  });

  it('an extract rule that does not match leaves the variable absent', () => {
    const e = event(desk, { ...message, data: { ...message.data, text: 'hello' } });
    expect(e.vars.ORDER).toBeUndefined();
  });

  it('type values are matched exactly first, then whatever their case', () => {
    expect(event(desk, { ...message, evt: { name: 'OFFERED' } }).phase).toBe('ringing');
    expect(event(desk, { ...message, evt: { name: 'accepted' } }).phase).toBe('answered');
  });

  it('a type value not in phases is recorded (phase null)', () => {
    expect(event(desk, { ...message, evt: { name: 'typing' } }).phase).toBeNull();
  });

  it('a channel value not in channels is kept, lower-cased; none at all gives defaultChannel', () => {
    expect(event(desk, { ...message, data: { ...message.data, chat: { id: 1, medium: 'Viber' } } }).channel).toBe('viber');
    expect(event(desk, { ...message, data: { ...message.data, chat: { id: 1 } } }).channel).toBe('chat');
    const fixed = source({ type: 't', interactionId: 'i', defaultChannel: 'email' });
    expect(event(fixed, { t: 'x', i: 'y' }).channel).toBe('email');
  });

  it('a long e-mail body is searched only in its first 100 000 characters', () => {
    const far = `${'x'.repeat(150_000)} order 1`;
    expect(event(desk, { ...message, data: { ...message.data, text: far } }).vars.ORDER).toBeUndefined();
    const near = `order 2 ${'x'.repeat(150_000)}`;
    expect(event(desk, { ...message, data: { ...message.data, text: near } }).vars.ORDER).toBe('2');
  });

  it('paths cannot reach prototype properties', () => {
    const proto = source({ type: 't', interactionId: 'i', vars: { X: 'constructor.name', Y: 'i.length' } });
    const e = event(proto, { t: 'a', i: 'abc' });
    expect(e.vars.X).toBeUndefined();
    expect(e.vars.Y).toBeUndefined();
  });
});

describe('generic adapter — refused', () => {
  it.each([
    ['null', null],
    ['an array', [message]],
    ['a number', 1],
    ['bad JSON', '{"evt":'],
    ['other page traffic without the type path', { source: 'react-devtools', payload: {} }],
    ['type not scalar', { ...message, evt: { name: { x: 1 } } }],
    ['no interaction id', { evt: { name: 'Accepted' }, data: { chat: {} } }],
    ['a 1 MB string', JSON.stringify({ ...message, pad: 'p'.repeat(1024 * 1024) })],
  ])('%s → ok:false', (_label, input) => {
    expect(adapt(desk, input).ok).toBe(false);
  });

  it('a generic source without mapping is refused, not thrown', () => {
    const broken = { id: 'x', adapter: 'generic', pages: ['https://a.example/*'], senders: [] } as Source;
    const result = adapt(broken, message);
    expect(result).toMatchObject({ ok: false });
  });

  it('a mapping built without the schema defaults still adapts', () => {
    const raw = { id: 'x', adapter: 'generic', pages: ['https://a.example/*'], senders: [], mapping: { type: 't', interactionId: 'i' } };
    const result = adapt(raw as unknown as Source, { t: 'a', i: 'b' });
    expect(result).toMatchObject({ ok: true, event: { interactionId: 'b', phase: null, channel: 'chat' } });
  });
});

import { describe, expect, it } from 'vitest';
import { SettingsSchema } from '../../src/core/config';
import type { InteractionEvent } from '../../src/core/interaction-event';
import { contextVars, renderText, type RenderContext } from '../../src/core/templates';

const settings = SettingsSchema.parse({ defaultCountry: 'US' });

// CCAI Platform custom CRM guide, agent adapter: the New_Call example.
const newCall = {
  type: 'New_Call',
  data: {
    agent_id: 1,
    agent_custom_id: '007',
    agent_email: 'Kim@example.com',
    queue_id: 8469,
    queue_path: 'Developers / Kim',
    campaign_id: 1432,
    campaign_name: 'Survey Movie',
    call_id: 103646,
    session_type: 'Voice Campaign (UJET)',
  },
};

function ctx(vars: Record<string, string>, raw: unknown = newCall, country = 'US'): RenderContext {
  return { vars, raw, settings: SettingsSchema.parse({ defaultCountry: country }) };
}

function event(patch: Partial<InteractionEvent> = {}): InteractionEvent {
  return {
    source: 'ccai',
    interactionId: '103646',
    phase: 'answered',
    channel: 'voice',
    vars: {},
    raw: newCall,
    vendorType: 'New_Call',
    ...patch,
  };
}

describe('placeholders', () => {
  it('substitutes variables and renders unknown ones empty', () => {
    expect(renderText('ANI={ANI} mail={EMAIL}.', ctx({ ANI: '2223334444' }))).toBe('ANI=2223334444 mail=.');
  });

  it('reads the vendor message with {raw.a.b}, arrays by index, objects as JSON, null as empty', () => {
    const raw = { ...newCall, items: [{ x: 'first' }, { x: 'second' }], none: null };
    const c = ctx({}, raw);
    expect(renderText('{raw.data.queue_path}', c)).toBe('Developers / Kim');
    expect(renderText('{raw.data.call_id}', c)).toBe('103646');
    expect(renderText('{raw.items.1.x}', c)).toBe('second');
    expect(renderText('{raw.items.0}', c)).toBe('{"x":"first"}');
    expect(renderText('[{raw.none}][{raw.data.missing.deeper}][{raw.items.7.x}]', c)).toBe('[][][]');
  });

  it('never reaches into the prototype chain', () => {
    const c = ctx({ ANI: '1' });
    expect(renderText('{constructor}{raw.constructor}{raw.data.__proto__}{toString}', c)).toBe('');
  });

  it('keeps text that only looks like braces', () => {
    expect(renderText('{"a": 1} { } {1x}', ctx({}))).toBe('{"a": 1} { } {1x}');
  });

  it('accepts the mixed-case spelling CCAI uses ({Call_ID})', () => {
    expect(renderText('{Call_ID}', ctx({ CALL_ID: '103646' }))).toBe('103646');
  });
});

describe('filters', () => {
  // CCAI Platform custom CRM guide, "Formato del numero di telefono".
  it.each([
    ['e164', '+12223334444'],
    ['national|digits', '2223334444'], // US Local
    ['national', '(222) 333-4444'], // US standard local
    ['international', '+1 222 333 4444'],
  ])('formats a US number as the CCAI guide does: %s', (filter, expected) => {
    for (const ani of ['2223334444', '+1 222-333-4444', '+12223334444']) {
      expect(renderText(`{ANI|${filter}}`, ctx({ ANI: ani }))).toBe(expected);
    }
  });

  it('uses settings.defaultCountry for numbers without a country code', () => {
    const c = ctx({ ANI: '06 1234 5678' }, {}, 'IT');
    expect(renderText('{ANI|e164}', c)).toBe('+390612345678');
    expect(renderText('{ANI|international}', c)).toBe('+39 06 1234 5678');
    expect(renderText('{ANI|national}', c)).toBe('06 1234 5678');
  });

  it('keeps an unparseable number as its digits', () => {
    expect(renderText('{ANI|e164}', ctx({ ANI: 'ext. 12' }))).toBe('12');
    expect(renderText('[{ANI|e164}]', ctx({ ANI: 'anonymous' }))).toBe('[]');
    expect(renderText('{ANI|international}', ctx({ ANI: '12' }, {}, 'ZZ'))).toBe('12');
  });

  it('digits, lower, upper, raw and chains', () => {
    const c = ctx({ Q: 'Sales / Italy 42', EMAIL: 'Kim@Example.com' });
    expect(renderText('{Q|digits}', c)).toBe('42');
    expect(renderText('{EMAIL|lower}', c)).toBe('kim@example.com');
    expect(renderText('{EMAIL|upper}', c)).toBe('KIM@EXAMPLE.COM');
    expect(renderText('{EMAIL|raw}', c)).toBe('Kim@Example.com');
    expect(renderText('{ EMAIL | lower | upper }', c)).toBe('KIM@EXAMPLE.COM');
  });
});

describe('contextVars', () => {
  const now = new Date('2025-01-02T03:04:05.000Z');

  it('adds the event facts and the channel label', () => {
    const vars = contextVars(event({ channel: 'whatsapp' }), { ANI: '+12223334444' }, settings, now);
    expect(vars).toMatchObject({
      ANI: '+12223334444',
      CHANNEL: 'whatsapp',
      CHANNEL_LABEL: 'WhatsApp',
      PHASE: 'answered',
      INTERACTION_ID: '103646',
      SOURCE: 'ccai',
      TIMESTAMP: '2025-01-02T03:04:05.000Z',
    });
    // Avaya EMC ChatPlugin guide: the tab is named "CRM WhatsApp".
    expect(renderText('CRM {CHANNEL_LABEL}', { vars, raw: {}, settings })).toBe('CRM WhatsApp');
  });

  it('uses configured channel labels', () => {
    const italian = SettingsSchema.parse({ channelLabels: { voice: 'Telefono' } });
    expect(contextVars(event(), {}, italian, now).CHANNEL_LABEL).toBe('Telefono');
  });

  it('resolves every vendor alias in both directions', () => {
    const fromVendor = contextVars(
      event({ vars: { CUSTOMER_PHONE_NUMBER: '+1', SUPPORT_PHONE_NUMBER: '+2', CUSTOM_AGENT_ID: '007', MENU_PATH: 'A/B', TYPE: 'IVR_Call' } }),
      {},
      settings,
      now,
    );
    expect(fromVendor).toMatchObject({ ANI: '+1', PHONE_NUMBER: '+1', DNIS: '+2', AGENT_CUSTOM_ID: '007', QUEUE_PATH: 'A/B', SESSION_TYPE: 'IVR_Call' });
    const canonical = contextVars(event({ vars: { ANI: '+1', DNIS: '+2', AGENT_CUSTOM_ID: '007', QUEUE_PATH: 'A/B', SESSION_TYPE: 'Web' } }), {}, settings, now);
    expect(canonical).toMatchObject({
      CUSTOMER_PHONE_NUMBER: '+1',
      PHONE_NUMBER: '+1',
      SUPPORT_PHONE_NUMBER: '+2',
      CUSTOM_AGENT_ID: '007',
      MENU_PATH: 'A/B',
      TYPE: 'Web',
    });
  });

  it('derives SESSION_ID from the call or chat id (CCAI)', () => {
    expect(contextVars(event({ vars: { CALL_ID: '103646' } }), {}, settings, now).SESSION_ID).toBe('103646');
    expect(contextVars(event({ vars: { CHAT_ID: '73521' } }), {}, settings, now).SESSION_ID).toBe('73521');
  });

  it('keeps a value learned earlier when a later event lacks it', () => {
    const vars = contextVars(event({ vars: { EMAIL: '', AGENT_EMAIL: 'kim@example.com' } }), { EMAIL: 'a@b.c' }, settings, now);
    expect(vars.EMAIL).toBe('a@b.c');
    expect(vars.AGENT_EMAIL).toBe('kim@example.com');
  });

  it('lets the event channel win over a vendor CHANNEL variable', () => {
    expect(contextVars(event({ vars: { CHANNEL: 'voice_call' } }), {}, settings, now).CHANNEL).toBe('voice');
  });
});

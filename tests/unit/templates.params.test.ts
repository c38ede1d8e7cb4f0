import { describe, expect, it } from 'vitest';
import { SettingsSchema } from '../../src/core/config';
import { renderParams, type RenderContext } from '../../src/core/templates';

const settings = SettingsSchema.parse({ defaultCountry: 'US' });
const ctx = (vars: Record<string, string>): RenderContext => ({ vars, raw: {}, settings });

// CCAI Platform custom CRM guide, "Concatenazione": CCAI's Zoho example for "Find an Account by Query".
const zohoCriteria = {
  name: 'criteria',
  value: '=CONCAT_OR((Id:equals:{ACCOUNT_ID}), (Phone:equals:{PHONE_NUMBER|e164}), (Email:equals:{EMAIL}))',
};
const uuid = '3f0c2a9e-5b1d-4c47-9a0e-1b2c3d4e5f60';

describe('param functions (CCAI Platform custom CRM guide)', () => {
  // "Chiavi presenti → Valore risultante"
  it.each([
    [{ ACCOUNT_ID: uuid }, `(Id:equals:${uuid})`],
    [{ ACCOUNT_ID: uuid, EMAIL: 'kim@example' }, `(Id:equals:${uuid}) or (Email:equals:kim@example)`],
    [{ PHONE_NUMBER: '+12223334444', EMAIL: 'kim@example' }, '(Phone:equals:+12223334444) or (Email:equals:kim@example)'],
  ])('CONCAT_OR with keys %j gives %s', (vars, expected) => {
    expect(renderParams([{ ...zohoCriteria, enabled: true }], ctx(vars))).toEqual([['criteria', expected]]);
  });

  it('CONCAT_AND follows the same rules, joining with and', () => {
    const value = zohoCriteria.value.replace('CONCAT_OR', 'CONCAT_AND');
    expect(renderParams([{ name: 'criteria', value, enabled: true }], ctx({ ACCOUNT_ID: uuid, EMAIL: 'kim@example' }))).toEqual([
      ['criteria', `(Id:equals:${uuid}) and (Email:equals:kim@example)`],
    ]);
  });

  it('no keys present: the function returns nothing and the parameter is removed', () => {
    expect(renderParams([{ ...zohoCriteria, enabled: true }], ctx({}))).toEqual([]);
  });

  // "Predefinito": the agent e-mail may be empty when the record is created before an agent answers.
  it('DEFAULT_VALUE uses val1 unless it is empty, then val2', () => {
    const param = { name: 'owner', value: '=DEFAULT_VALUE({AGENT_EMAIL}, crm-bot@example.com)', enabled: true };
    expect(renderParams([param], ctx({ AGENT_EMAIL: 'kim@example.com' }))).toEqual([['owner', 'kim@example.com']]);
    expect(renderParams([param], ctx({}))).toEqual([['owner', 'crm-bot@example.com']]);
    expect(renderParams([{ ...param, value: '=DEFAULT_VALUE({AGENT_EMAIL}, {EMAIL})' }], ctx({}))).toEqual([]);
  });

  it('accepts quoted literals, lower-case names and nested functions', () => {
    const c = ctx({ EMAIL: 'kim@example' });
    expect(renderParams([{ name: 'a', value: '=DEFAULT_VALUE({CUID}, "none, really")', enabled: true }], c)).toEqual([['a', 'none, really']]);
    expect(renderParams([{ name: 'b', value: '=concat_and(x, y)', enabled: true }], c)).toEqual([['b', 'x and y']]);
    expect(
      renderParams([{ name: 'c', value: '=CONCAT_OR(=DEFAULT_VALUE({CUID}, {EMAIL}), {ANI})', enabled: true }], c),
    ).toEqual([['c', 'kim@example']]);
  });

  it('a value that is not a known function is plain text', () => {
    expect(renderParams([{ name: 'f', value: '=SUM(1, 2)', enabled: true }], ctx({}))).toEqual([['f', '=SUM(1, 2)']]);
    expect(renderParams([{ name: 'f', value: '=1+{N}', enabled: true }], ctx({ N: '2' }))).toEqual([['f', '=1+2']]);
  });
});

describe('renderParams', () => {
  // Avaya EMC ChatPlugin guide (ChatTemplate): each parameter can be switched on or off.
  it('keeps enabled params in order, skips switched-off ones, drops empty ones', () => {
    const params = [
      { name: 'channel_type', value: '{CHANNEL}', enabled: true },
      { name: 'user_id', value: '{ANI}', enabled: false },
      { name: 'operator', value: '{AGENT_ID}', enabled: true },
      { name: 'account', value: '{PERSONAL_ACCOUNT}', enabled: true },
      { name: 'blank', value: '  ', enabled: true },
      { name: 'fixed', value: 'crm-screenpop', enabled: true },
    ];
    expect(renderParams(params, ctx({ CHANNEL: 'whatsapp', ANI: '+79001234567', AGENT_ID: '1' }))).toEqual([
      ['channel_type', 'whatsapp'],
      ['operator', '1'],
      ['fixed', 'crm-screenpop'],
    ]);
  });

  it('applies filters inside params', () => {
    expect(renderParams([{ name: 'phone', value: '{ANI|national|digits}', enabled: true }], ctx({ ANI: '+12223334444' }))).toEqual([
      ['phone', '2223334444'],
    ]);
  });
});

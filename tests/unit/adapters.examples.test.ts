// The worked configuration documents in examples/ must stay valid and must adapt the messages
// their vendor sends the way docs/vendors.md says; the doc's event tables must list what the code knows.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  adapt,
  AGENTDESKTOP_AGENT_EVENTS,
  AGENTDESKTOP_PHASES,
  AGENTDESKTOP_RECORDED_EVENTS,
  CCAI_AGENT_TYPES,
  CCAI_PHASES,
  CCAI_RECORDED_TYPES,
} from '../../src/core/adapters';
import { parseConfig, type Config, type Source } from '../../src/core/config';
import { channelLabel, type InteractionEvent } from '../../src/core/interaction-event';

function example(name: string): Config {
  const result = parseConfig(readFileSync(new URL(`../../examples/${name}.json`, import.meta.url), 'utf8'));
  if (!result.ok) throw new Error(`examples/${name}.json is invalid:\n${result.error}`);
  return result.config;
}

function sourceOf(config: Config, id: string): Source {
  const source = config.sources.find((candidate) => candidate.id === id);
  if (!source) throw new Error(`no source ${id}`);
  return source;
}

function event(source: Source, message: unknown): InteractionEvent {
  const result = adapt(source, message);
  if (!result.ok) throw new Error(`expected an event, got: ${result.reason}`);
  return result.event;
}

describe('examples/*.json', () => {
  it.each(['ccai', 'agentdesktop', 'avaya-chatplugin', 'puzzel'])('%s.json is a valid configuration document', (name) => {
    expect(example(name).version).toBe(1);
  });
});

describe('examples/avaya-chatplugin.json (Avaya EMC ChatPlugin guide)', () => {
  const config = example('avaya-chatplugin');
  const source = sourceOf(config, 'avaya-emc');

  it('an e-mail work item: channel_type email, user_id the address, operator, PersonalAccount from the body', () => {
    const e = event(source, {
      event: 'WorkItemAccepted',
      workItem: {
        id: 'WI-20241121-000317',
        channelType: 'E-mail',
        userId: 'ivan.petrov@example.ru',
        agentId: '4711',
        skill: 'Billing',
        subject: 'Перерасчёт за ноябрь',
        body: 'Здравствуйте!\nПрошу сделать перерасчёт по лицевому счету № 1234567890 за ноябрь.\nС уважением, Иван Петров',
      },
    });
    expect(e).toMatchObject({ source: 'avaya-emc', interactionId: 'WI-20241121-000317', phase: 'answered', channel: 'email' });
    expect(e.vars).toMatchObject({
      USER_ID: 'ivan.petrov@example.ru',
      AGENT_ID: '4711',
      PERSONAL_ACCOUNT: '1234567890',
      SUBJECT: 'Перерасчёт за ноябрь',
    });
    const template = config.templates.find((candidate) => candidate.id === 'emc-email');
    expect(template?.when.channels).toContain(e.channel);
    expect(template?.params.map((param) => param.name)).toEqual(['channel_type', 'user_id', 'operator', 'PersonalAccount']);
  });

  it.each([
    ['по л/с 987654321 не прошёл платёж', '987654321'],
    ['Personal account: 55500011', '55500011'],
    ['ЛИЦЕВОЙ СЧЁТ 000123456', '000123456'],
  ])('PersonalAccount is found in "%s"', (body, account) => {
    const e = event(source, { event: 'WorkItemAccepted', workItem: { id: 'w', channelType: 'Email', body } });
    expect(e.vars.PERSONAL_ACCOUNT).toBe(account);
  });

  it('an e-mail body without an account number leaves PersonalAccount empty (the parameter is dropped)', () => {
    const e = event(source, { event: 'WorkItemAccepted', workItem: { id: 'w', channelType: 'Email', body: 'Добрый день, позвоните мне' } });
    expect(e.vars.PERSONAL_ACCOUNT).toBeUndefined();
  });

  it('a WhatsApp work item pops in the tab named "CRM WhatsApp"', () => {
    const e = event(source, {
      event: 'WorkItemAccepted',
      workItem: { id: 'WI-20241121-000412', channelType: 'WhatsApp', userId: '+79161234567', agentId: '4711' },
    });
    expect(e).toMatchObject({ phase: 'answered', channel: 'whatsapp' });
    expect(e.vars).toMatchObject({ USER_ID: '+79161234567', AGENT_ID: '4711' });
    const template = config.templates.find((candidate) => candidate.id === 'emc-chat');
    expect(template?.when.channels).toContain('whatsapp');
    expect(template?.action.type === 'tab' && template.action.target).toBe('CRM {CHANNEL_LABEL}');
    expect(`CRM ${channelLabel(e.channel, config.settings.channelLabels)}`).toBe('CRM WhatsApp');
  });

  it('an unmapped work-item event is recorded without a pop', () => {
    const e = event(source, { event: 'WorkItemUpdated', workItem: { id: 'WI-1', channelType: 'Telegram' } });
    expect(e).toMatchObject({ phase: null, channel: 'telegram' });
  });
});

describe('examples/puzzel.json (Puzzel CRM pop guide)', () => {
  const config = example('puzzel');
  const source = sourceOf(config, 'puzzel');
  const call = (trigger: string) => ({
    type: 'puzzel.crmpop',
    trigger,
    sessionId: '64e2a1f0-13c2-4d7e-9c55-1a2b3c4d5e6f',
    channel: 'phone',
    variables: { anum: '+4791234567', bnum: '+4722334455', queue_key: 'q_sales', queue_name: 'Sales', agent_id: 1012, customerNumber: '12345' },
  });

  it.each([
    ['ring', 'ringing'],
    ['accept', 'answered'],
    ['hangup', 'ended'],
    ['hang-up', 'ended'],
  ])('trigger %s → %s on voice', (trigger, phase) => {
    const e = event(source, call(trigger));
    expect(e).toMatchObject({ interactionId: '64e2a1f0-13c2-4d7e-9c55-1a2b3c4d5e6f', phase, channel: 'voice' });
    expect(e.vars).toMatchObject({ ANI: '+4791234567', DNIS: '+4722334455', QUEUE_ID: 'q_sales', AGENT_ID: '1012', CUSTOMER_NUMBER: '12345' });
  });

  it('the voice pop goes to the named Target "PuzzelCRM", in the background', () => {
    const template = config.templates.find((candidate) => candidate.id === 'puzzel-voice-ring');
    expect(template?.action).toMatchObject({ type: 'tab', target: 'PuzzelCRM', focus: false });
  });

  it('the clipboard variant and the web request are there', () => {
    const types = config.templates.map((template) => template.action.type);
    expect(types).toContain('clipboard');
    expect(config.templates.find((template) => template.id === 'puzzel-web-request')?.action).toMatchObject({ type: 'webhook', method: 'GET' });
  });

  it('a social request accepted by the agent is answered on channel "social"', () => {
    const e = event(source, { ...call('accept'), channel: 'Social' });
    expect(e).toMatchObject({ phase: 'answered', channel: 'social' });
  });
});

describe('examples/ccai.json and examples/agentdesktop.json', () => {
  it("the CCAI source adapts the guide's New_Chat", () => {
    const source = sourceOf(example('ccai'), 'ccai');
    const message = JSON.stringify({ type: 'New_Chat', data: { chat_id: 73522, session_type: 'messaging inbound (web chat)', agent_id: 1 } });
    expect(event(source, message)).toMatchObject({ phase: 'answered', channel: 'chat', interactionId: '73522' });
  });

  it('the AgentDesktop source adapts a POPUP', () => {
    const config = example('agentdesktop');
    const e = event(sourceOf(config, 'agentdesktop'), { event: 'POPUP', uuid: 'u-1', media_type: 'telephony', ani: '0212345678' });
    expect(e).toMatchObject({ phase: 'answered', channel: 'voice' });
    expect(`CRM ${channelLabel(e.channel, config.settings.channelLabels)}`).toBe('CRM Telefono');
  });
});

describe('docs/vendors.md', () => {
  const doc = readFileSync(new URL('../../docs/vendors.md', import.meta.url), 'utf8');

  it('lists every CCAI type the adapter knows', () => {
    const types = [...CCAI_AGENT_TYPES, ...CCAI_RECORDED_TYPES, 'New_Call', 'New_Chat', 'Active_Chat', 'End_Call', 'End_Chat', 'Dismissed_Chat', 'Transfer_Call', 'Transfer_Chat', 'CRM_Record_Pop'];
    expect(types.length).toBe(CCAI_AGENT_TYPES.length + CCAI_RECORDED_TYPES.length + Object.keys(CCAI_PHASES).length);
    for (const type of types) expect(doc, type).toContain(`\`${type}\``);
  });

  it('lists every AgentDesktop event the adapter knows', () => {
    const events = [...AGENTDESKTOP_AGENT_EVENTS, ...AGENTDESKTOP_RECORDED_EVENTS, ...Object.keys(AGENTDESKTOP_PHASES)];
    for (const name of events) expect(doc, name).toContain(`\`${name}`);
  });
});

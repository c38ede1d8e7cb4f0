// "Open CRM" and "Copy link" act exactly as the templates matching the on-demand event, and when
// none does the agent reads why and what to change, in every language.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SettingsSchema, TemplateSchema, type Template } from '../../src/core/config';
import type { InteractionEvent } from '../../src/core/interaction-event';
import { keepOutcome, type Outcome } from '../../src/core/interaction-state';
import { linkTemplates, templateLabel, whyNothingOnDemand } from '../../src/core/on-demand';
import { pluralKey } from '../../src/core/plural';
import { contextVars, matchTemplates, type MatchWhyCode } from '../../src/core/templates';

const settings = SettingsSchema.parse({});
const onDemand = (channel: string): InteractionEvent => ({
  source: 'ccai',
  interactionId: '1',
  phase: 'on_demand',
  channel,
  vars: {},
  raw: null,
  vendorType: 'on_demand',
});
const template = (id: string, fields: Record<string, unknown> = {}): Template =>
  TemplateSchema.parse({ id, url: `https://crm.example.com/${id}`, ...fields });
const run = (templates: Template[], channel: string) => {
  const e = onDemand(channel);
  return matchTemplates(templates, e, contextVars(e, {}, settings));
};

describe('on demand', () => {
  it('says there is no template at all', () => {
    expect(whyNothingOnDemand(run([], 'telegram'), 'telegram')).toEqual({ code: 'onDemandNoTemplates', args: [] });
  });

  it('names the template to tick "on demand" in: the one made for this channel', () => {
    const templates = [
      template('voice', { name: 'Calls', when: { phases: ['answered'], channels: ['voice'] } }),
      template('wa', { name: 'WhatsApp → CRM', when: { phases: ['answered'], channels: ['whatsapp'] } }),
    ];
    expect(whyNothingOnDemand(run(templates, 'whatsapp'), 'whatsapp')).toEqual({ code: 'onDemandNotTicked', args: ['WhatsApp → CRM'] });
    expect(whyNothingOnDemand(run(templates, 'sms'), 'sms')).toEqual({ code: 'onDemandNotTicked', args: ['Calls'] });
  });

  it('says which condition of the on-demand template this interaction misses', () => {
    const templates = [template('wa', { name: 'WhatsApp → CRM', when: { phases: ['answered', 'on_demand'], channels: ['whatsapp'] } })];
    expect(whyNothingOnDemand(run(templates, 'telegram'), 'telegram')).toEqual({
      code: 'onDemandNoMatch',
      args: ['WhatsApp → CRM'],
      why: { code: 'channel', args: ['telegram', '[whatsapp]'] },
    });
  });

  it('"Copy link" takes only matching templates that open a page', () => {
    const templates = [
      template('wa', { when: { phases: ['on_demand'], channels: ['whatsapp'] } }),
      template('hook', { action: { type: 'webhook' } }),
      template('any-tab', { when: { phases: ['on_demand'] } }),
    ];
    expect(linkTemplates(run(templates, 'telegram')).map((t) => t.id)).toEqual(['any-tab']);
    expect(linkTemplates(run(templates, 'whatsapp')).map((t) => t.id)).toEqual(['wa', 'any-tab']);
  });

  it('names templates by the name the agent typed, else the id', () => {
    expect(templateLabel({ id: 'template-1', name: 'Sales CRM' })).toBe('Sales CRM');
    expect(templateLabel({ id: 'template-1', name: '  ' })).toBe('template-1');
  });
});

describe('outcome', () => {
  const popped: Outcome = { kind: 'popped', phase: 'answered', templates: ['wa'], at: 1 };
  it('a later phase no template handles does not hide the pop', () => {
    expect(keepOutcome(popped, { kind: 'noMatch', phase: 'ended', templates: [], at: 2 })).toBe(popped);
    expect(keepOutcome(undefined, { kind: 'noMatch', phase: 'answered', templates: [], at: 2 }).kind).toBe('noMatch');
    expect(keepOutcome(popped, { kind: 'refused', phase: 'on_demand', templates: ['wa'], at: 3 }).kind).toBe('refused');
  });
});

const locale = (lang: string) =>
  JSON.parse(readFileSync(path.resolve(import.meta.dirname, `../../public/_locales/${lang}/messages.json`), 'utf8')) as Record<string, { message: string }>;

describe('translations', () => {
  const WHY: MatchWhyCode[] = ['disabled', 'noPhase', 'phase', 'channel', 'source', 'noQueue', 'queue', 'noRecordUrl', 'afterFinal', 'error'];
  const KEYS = [
    ...WHY.map((c) => `matchWhy_${c}`),
    'onDemandNoTemplates', 'onDemandNotTicked', 'onDemandNoMatch', 'linkNoPage', 'linkRefused', 'popupGone',
    ...['popped', 'noMatch', 'refused', 'failed', 'paused'].map((k) => `outcome_${k}`),
    // "nothing matched" on demand is told by whyNothingOnDemand, the other outcomes by these.
    ...['popped', 'refused', 'failed', 'paused'].map((k) => `popupOutcome_${k}`),
    ...['connected', 'waiting', 'notOpen', 'ignored'].map((s) => `sourceState_${s}`),
    'badgeTitlePaused', 'badgeTitleFailing', 'badgeTitleIgnored', 'badgeTitleCount_other',
  ];
  it.each(['en', 'it', 'ru'])('%s has every reason, outcome and source state', (lang) => {
    const messages = locale(lang);
    for (const key of KEYS) expect(messages[key]?.message, `${key} in ${lang}`).toBeTypeOf('string');
  });

  it('Russian counts have their three forms', () => {
    const messages = locale('ru');
    const has = (k: string) => k in messages;
    expect([1, 3, 5, 21].map((n) => messages[pluralKey('badgeTitleCount', n, 'ru', has)]!.message.replace('$1', String(n)))).toEqual([
      'CRM Screenpop: 1 обращение в работе',
      'CRM Screenpop: 3 обращения в работе',
      'CRM Screenpop: 5 обращений в работе',
      'CRM Screenpop: 21 обращение в работе',
    ]);
    expect(pluralKey('badgeTitleCount', 2, 'it', (k) => k in locale('it'))).toBe('badgeTitleCount_other');
  });
});

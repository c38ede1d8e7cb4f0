import { describe, expect, it } from 'vitest';
import { SettingsSchema, TemplateSchema, type Template } from '../../src/core/config';
import type { InteractionEvent } from '../../src/core/interaction-event';
import { contextVars, matchTemplates, renderParams } from '../../src/core/templates';

const settings = SettingsSchema.parse({});

// CCAI Platform custom CRM guide: the Active_Chat example, queue "HB TEAM / Ariel".
const activeChat = {
  type: 'Active_Chat',
  data: { chat_id: 73521, session_type: 'messaging inbound (web chat)', agent_id: 1, agent_email: 'ariel@example.com', queue_id: 7678, queue_path: 'HB TEAM / Ariel' },
};

function event(patch: Partial<InteractionEvent> = {}): InteractionEvent {
  return {
    source: 'ccai',
    interactionId: '73521',
    phase: 'answered',
    channel: 'chat',
    vars: { CHAT_ID: '73521', QUEUE_PATH: 'HB TEAM / Ariel', QUEUE_ID: '7678' },
    raw: activeChat,
    vendorType: 'New_Chat',
    ...patch,
  };
}

function template(id: string, fields: Record<string, unknown> = {}): Template {
  return TemplateSchema.parse({ id, url: `https://crm.example.com/${id}`, ...fields });
}

function run(templates: Template[], e: InteractionEvent = event()) {
  return matchTemplates(templates, e, contextVars(e, {}, settings));
}

function fired(templates: Template[], e?: InteractionEvent): string[] {
  return run(templates, e)
    .filter((m) => m.matched)
    .map((m) => m.template.id);
}

describe('matchTemplates', () => {
  it('matches everything when `when` is empty, and fires every match in order', () => {
    expect(fired([template('a'), template('b'), template('c')])).toEqual(['a', 'b', 'c']);
  });

  it('filters by phase, channel and source, saying why', () => {
    const results = run([
      template('ringing', { when: { phases: ['ringing'] } }),
      template('wa', { when: { channels: ['whatsapp', 'telegram'] } }),
      template('puzzel', { when: { sources: ['puzzel'] } }),
      template('chat', { when: { phases: ['answered', 'focus'], channels: ['Chat'], sources: ['ccai'] } }),
    ]);
    expect(results.map((r) => [r.template.id, r.matched, r.reason])).toEqual([
      ['ringing', false, 'phase answered not in [ringing]'],
      ['wa', false, 'channel chat not in [whatsapp, telegram]'],
      ['puzzel', false, 'source ccai not in [puzzel]'],
      ['chat', true, undefined],
    ]);
  });

  it('matches queue globs over the queue path, " / " and "/" alike, case-insensitive', () => {
    const queue = (queues: string[]) => template('q', { when: { queues } });
    expect(fired([queue(['HB TEAM/*'])])).toEqual(['q']);
    expect(fired([queue(['hb team / ariel'])])).toEqual(['q']);
    expect(fired([queue(['*/Ariel'])])).toEqual(['q']);
    expect(fired([queue(['Sales/*', '*ariel'])])).toEqual(['q']);
    const miss = run([queue(['Sales/*'])]);
    expect(miss[0]).toMatchObject({ matched: false, reason: 'queue "HB TEAM / Ariel" not in [Sales/*]' });
    expect(fired([queue(['HB TEAM'])])).toEqual([]);
  });

  it('matches queue globs over QUEUE_NAME and the CCAI alias MENU_PATH', () => {
    const byName = event({ vars: { QUEUE_NAME: 'Vendite' } });
    expect(fired([template('q', { when: { queues: ['vendite'] } })], byName)).toEqual(['q']);
    const byMenu = event({ vars: { MENU_PATH: 'Ordini/Conferma ordine/Informazioni ordine' } });
    expect(fired([template('q', { when: { queues: ['Ordini/*'] } })], byMenu)).toEqual(['q']);
    const none = run([template('q', { when: { queues: ['*'] } })], event({ vars: {} }));
    expect(none[0]?.matched).toBe(false);
  });

  it('skips disabled templates and events without a phase', () => {
    expect(run([template('off', { enabled: false })])[0]).toMatchObject({ matched: false, reason: 'disabled' });
    expect(run([template('a')], event({ phase: null, vendorType: 'Agent_Status' }))[0]).toMatchObject({
      matched: false,
      reason: 'event Agent_Status has no phase',
    });
  });

  it('a record template needs the recordUrl of the event', () => {
    const record = template('rec', { action: { type: 'record' }, url: undefined, when: { phases: ['record'] } });
    expect(fired([record], event({ phase: 'record' }))).toEqual([]);
    expect(fired([record], event({ phase: 'record', recordUrl: 'https://crm.example.com/r/1' }))).toEqual(['rec']);
  });

  it('a final match stops the evaluation', () => {
    const results = run([template('a'), template('sales', { final: true }), template('b'), template('c')]);
    expect(results.map((r) => [r.template.id, r.matched, r.reason])).toEqual([
      ['a', true, undefined],
      ['sales', true, undefined],
      ['b', false, 'after final template sales'],
      ['c', false, 'after final template sales'],
    ]);
    // A final template that does not match stops nothing.
    expect(fired([template('x', { final: true, enabled: false }), template('b')])).toEqual(['b']);
  });

  // CCAI Platform custom CRM guide, "Ereditarietà e override delle impostazioni": the session-outcome e-mail, global vs
  // per queue. The queue's template comes first and is final; the global one follows.
  describe('per-queue template overrides the global one (CCAI inheritance table)', () => {
    const queueTemplate = (enabled: boolean) =>
      template('queue-mail', {
        enabled,
        final: true,
        when: { queues: ['HB TEAM / Ariel'], phases: ['wrapup_end'] },
        params: [{ name: 'to', value: 'ariel-team@example.com' }],
        action: { type: 'webhook' },
      });
    const globalTemplate = (enabled: boolean) =>
      template('global-mail', {
        enabled,
        when: { phases: ['wrapup_end'] },
        params: [{ name: 'to', value: 'crm-inbox@example.com' }],
        action: { type: 'webhook' },
      });
    const done = event({ phase: 'wrapup_end', vendorType: 'Dismissed_Chat' });

    function sentTo(globalOn: boolean, queueOn: boolean): string[] {
      const e = done;
      const vars = contextVars(e, {}, settings);
      return matchTemplates([queueTemplate(queueOn), globalTemplate(globalOn)], e, vars)
        .filter((m) => m.matched)
        .map((m) => renderParams(m.template.params, { vars, raw: e.raw, settings })[0]?.[1] ?? '');
    }

    it.each([
      [false, false, []],
      [false, true, ['ariel-team@example.com']],
      [true, false, ['crm-inbox@example.com']],
      [true, true, ['ariel-team@example.com']],
    ])('global %s, queue %s → sent to %j', (globalOn, queueOn, expected) => {
      expect(sentTo(globalOn, queueOn)).toEqual(expected);
    });

    it('another queue still inherits the global template', () => {
      const other = event({ phase: 'wrapup_end', vars: { QUEUE_PATH: 'Developers / Kim' } });
      expect(fired([queueTemplate(true), globalTemplate(true)], other)).toEqual(['global-mail']);
    });
  });
});

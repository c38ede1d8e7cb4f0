// Which tab names a rescued popup may use, and how many rescues a page gets.
import { describe, expect, it } from 'vitest';
import { parseConfig, type Config } from '../../src/core/config';
import { admitRescue, RESCUE_LIMIT, rescueTarget, templateClaims } from '../../src/core/rescue-policy';

const config = parseConfig({
  version: 1,
  templates: [
    { id: 'a', url: 'https://crm.example.com/', action: { type: 'tab' } },
    { id: 'b', url: 'https://crm.example.com/', action: { type: 'tab', target: 'Ticket {TICKET_ID}' } },
    { id: 'c', action: { type: 'record', target: 'CRM Record' } },
    { id: 'd', url: 'https://hooks.example.com/', action: { type: 'webhook' } },
    { id: 'e', url: 'https://crm.example.com/', action: { type: 'notify', target: 'Desk {QUEUE_NAME}' } },
  ],
}) as { ok: true; config: Config };

describe('rescue target', () => {
  it.each([
    ['CRM WhatsApp', true],
    ['crm voice', true],
    ['Ticket 42', true],
    ['CRM Record', true],
    ['Desk Sales', true],
    ['Vendor popup', false],
    ['Tickets', false],
  ])('%s claimed by a template: %s', (name, claimed) => {
    expect(templateClaims(config.config, name)).toBe(claimed);
  });

  it('renames a claimed name, keeps others, and names "_blank" popups "CRM"', () => {
    const renamed = (name: string) => `${name} (popup)`;
    expect(rescueTarget(config.config, 'CRM WhatsApp', renamed)).toBe('CRM WhatsApp (popup)');
    expect(rescueTarget(config.config, 'Vendor popup', renamed)).toBe('Vendor popup');
    expect(rescueTarget({ templates: [] }, '_blank', renamed)).toBe('CRM');
  });
});

describe('rescue rate', () => {
  it(`admits ${RESCUE_LIMIT.count} per minute per page, then again once the oldest is a minute old`, () => {
    let times: number[] = [];
    for (let i = 0; i < RESCUE_LIMIT.count; i++) times = admitRescue(times, 1000 + i)!;
    expect(admitRescue(times, 2000)).toBeNull();
    expect(admitRescue(times, 1000 + RESCUE_LIMIT.windowMs)).toHaveLength(RESCUE_LIMIT.count);
  });
});

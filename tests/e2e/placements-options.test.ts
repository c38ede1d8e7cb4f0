// The options page's fields for the placements (#12): an agent sets a notification, a CRM window's
// position and the clean-up without writing JSON, and the saved document carries them.
import type { Page } from 'puppeteer-core';
import { beforeAll, expect, it } from 'vitest';
import { waitFor } from '../support/browser';
import { useWorld } from '../support/world';

const world = useWorld((sites) => ({
  version: 1,
  sources: [{ id: 'sp', adapter: 'screenpop', pages: [`${sites.desktopOrigin}/desktop/agentdesktop.html*`] }],
  templates: [
    { id: 'calls', when: { phases: ['answered'] }, url: `${sites.otherOrigin}/crm/voice?ani={ANI}` },
    { id: 'missed', when: { phases: ['missed'] }, url: `${sites.otherOrigin}/crm/missed?ani={ANI}` },
  ],
  settings: {},
}));

let options: Page;

beforeAll(async () => {
  options = await world.ext.browser.newPage();
  await options.setViewport({ width: 1000, height: 900 });
  await options.goto(world.ext.optionsUrl);
  await options.waitForSelector('details.template summary');
});

async function openTemplate(id: string): Promise<void> {
  if (!(await options.$(`details[data-template="${id}"][open]`))) await options.click(`details[data-template="${id}"] summary`);
}

async function stored(): Promise<{ templates: { id: string; action: Record<string, unknown> }[] }> {
  const worker = await world.ext.worker();
  return worker.evaluate(async () => (await chrome.storage.local.get('config')).config as { templates: { id: string; action: Record<string, unknown> }[] });
}

it('a CRM window at a given place that closes its tab at the end, and a notification for missed calls', async () => {
  await openTemplate('calls');
  await options.select('#f-templates-0-action-placement', 'window');
  await options.type('#f-templates-0-action-window-left', '1920');
  await options.type('#f-templates-0-action-window-top', '0');
  await options.select('#f-templates-0-action-window-state', 'maximized');
  await options.click('#f-templates-0-action-closeOn-ended');

  await openTemplate('missed');
  await options.select('#f-templates-1-action-type', 'notify');
  await options.type('#f-templates-1-action-title', 'Missed call from {ANI}');

  await options.click('#save-config');
  await waitFor(async () => (await options.$eval('#save-status', (el) => el.textContent ?? '').catch(() => '')).includes('Saved'), 'the saved status');
  const config = await stored();
  expect(config.templates.find((t) => t.id === 'calls')!.action).toMatchObject({
    type: 'tab',
    placement: 'window',
    window: { left: 1920, top: 0, state: 'maximized' },
    closeOn: ['ended'],
  });
  expect(config.templates.find((t) => t.id === 'missed')!.action).toMatchObject({ type: 'notify', title: 'Missed call from {ANI}', message: '' });
});

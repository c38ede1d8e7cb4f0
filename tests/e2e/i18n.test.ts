// An Italian agent reads the options page and its diagnostics in Italian.
import { beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/browser';
import { openCcaiDesktop, postFromAdapter, useWorld } from '../support/world';

const world = useWorld(
  (sites) => ({
    version: 1,
    sources: [{ id: 'ccai', adapter: 'ccai', pages: [`${sites.desktopOrigin}/desktop/ccai.html*`], senders: [sites.otherOrigin] }],
    templates: [{ id: 'wa', when: { phases: ['answered'] }, url: `${sites.otherOrigin}/crm/wa?chat={CHAT_ID}`, action: { type: 'tab', focus: false } }],
    settings: { channelLabels: { whatsapp: 'WhatsApp' } },
  }),
  { lang: 'it' },
);

beforeAll(async () => {
  const { adapter } = await openCcaiDesktop(world);
  await postFromAdapter(adapter, { type: 'New_Chat', data: { chat_id: 4242, session_type: 'Messaging Inbound (WhatsApp)' } });
  await waitFor(() => world.sites.received.find((r) => r.query.chat === '4242'), 'the pop');
});

describe('Italian', () => {
  it('the diagnostics say what happened in Italian', async () => {
    const page = await world.ext.browser.newPage();
    await page.goto(`${world.ext.optionsUrl}#diagnostics`);
    const log = await page.waitForSelector('#diagnostics-log');
    const text = await log!.evaluate((el) => el.textContent ?? '');
    expect(text).toContain('wa: scheda "CRM WhatsApp" aperta');
    expect(text).toContain('answered: modelli wa');
    expect(await page.$eval('#diagnostics-heading', (el) => el.textContent)).not.toBe('Diagnostics');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('it');
  });
});

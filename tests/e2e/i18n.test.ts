// An Italian agent reads the options page and its diagnostics in Italian.
import { beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/browser';
import { openCcaiDesktop, postFromAdapter, useWorld } from '../support/world';

const world = useWorld(
  (sites) => ({
    version: 1,
    sources: [{ id: 'ccai', adapter: 'ccai', pages: [`${sites.desktopOrigin}/desktop/ccai.html*`], senders: [sites.otherOrigin] }],
    templates: [
      { id: 'wa', when: { phases: ['answered'] }, url: `${sites.otherOrigin}/crm/wa?chat={CHAT_ID}&phone={ANI|e164}`, action: { type: 'tab', focus: false } },
      // Outside the allowed prefixes: refused when the chat ends, and the log says why.
      { id: 'hook', name: 'Avviso fine chat', when: { phases: ['ended'] }, url: `${sites.desktopOrigin}/hook/ended?chat={CHAT_ID}`, action: { type: 'webhook' } },
    ],
    settings: { channelLabels: { whatsapp: 'WhatsApp' }, allowedUrlPrefixes: [`${sites.otherOrigin}/`] },
  }),
  { lang: 'it' },
);

beforeAll(async () => {
  const { adapter } = await openCcaiDesktop(world);
  await postFromAdapter(adapter, { type: 'New_Chat', data: { chat_id: 4242, session_type: 'Messaging Inbound (WhatsApp)' } });
  await waitFor(() => world.sites.received.find((r) => r.query.chat === '4242'), 'the pop');
  await postFromAdapter(adapter, { type: 'End_Chat', data: { chat_id: 4242 } });
});

describe('Italian', () => {
  it('the diagnostics say what happened in Italian', async () => {
    const page = await world.ext.browser.newPage();
    await page.goto(`${world.ext.optionsUrl}#diagnostics`);
    const log = await page.waitForSelector('#diagnostics-log');
    const text = await log!.evaluate((el) => el.textContent ?? '');
    expect(text).toContain('wa: scheda "CRM WhatsApp" aperta');
    expect(text).toContain('risposta: modelli wa');
    expect(await page.$eval('#diagnostics-heading', (el) => el.textContent)).not.toBe('Diagnostics');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('it');
    // Why a template did not match shows with the line, in Italian, without opening any details.
    const ended = await page.$$eval('#diagnostics-log .reasons li', (els) => els.map((el) => el.textContent));
    expect(ended).toContain('“wa”: la fase “terminata” non è tra le sue fasi (risposta)');
    // Times in the agent's language: 24-hour clock in Italian, not "2:09:03 AM".
    const time = await page.$eval('#diagnostics-log time', (el) => el.textContent ?? '');
    expect(time).toMatch(/^\d{1,2}:\d{2}:\d{2}$/);
    await page.close();
  });

  it('a webhook not sent says so in Italian, the setting named by its Italian label', async () => {
    const page = await world.ext.browser.newPage();
    await page.goto(`${world.ext.optionsUrl}#diagnostics`);
    const refused = await page.waitForSelector('#diagnostics-log li.log-refused .summary');
    expect(await refused!.evaluate((el) => el.textContent)).toBe(
      `Avviso fine chat: webhook non inviato: ${world.sites.desktopOrigin} è fuori dai Prefissi URL ammessi (Impostazioni)`,
    );
    await page.close();
  });

  it('with no default country set, a local number is read as Italian (the browser\'s country)', async () => {
    const { adapter } = await openCcaiDesktop(world);
    await postFromAdapter(adapter, { type: 'New_Chat', data: { chat_id: 4243, session_type: 'Messaging Inbound (WhatsApp)', customer_phone_number: '333 123 4567' } });
    const request = await waitFor(() => world.sites.received.find((r) => r.query.chat === '4243'), 'the pop');
    expect(request.query.phone).toBe('+393331234567');
  });

  it('validation messages name the field by its label, in Italian, with Italian plurals', async () => {
    const page = await world.ext.browser.newPage();
    await page.goto(world.ext.optionsUrl);
    await page.waitForSelector('details[data-template="wa"]');
    if (!(await page.$('details[data-template="wa"][open]'))) await page.click('details[data-template="wa"] summary');
    const url = await page.waitForSelector('#f-templates-0-url');
    await url!.click({ count: 3 });
    await page.keyboard.press('Backspace');
    await page.type('#f-templates-0-url', 'crm.example.com');
    const inline = await page.waitForSelector('.field-error[data-field="templates[0].url"]');
    expect(await inline!.evaluate((el) => el.textContent)).toBe('deve iniziare con http:// o https://');
    await page.click('#save-config');
    const status = await page.waitForSelector('#save-status');
    expect(await status!.evaluate((el) => el.textContent)).toBe(
      'Non salvato: 1 campo da correggere. La configurazione in uso non cambia.Modello “wa” › URL del CRM: deve iniziare con http:// o https://',
    );
    await page.close();
  });
});

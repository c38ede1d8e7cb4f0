// What an agent reads in the toolbar popup and on its icon, in English and Italian: each agent
// desktop's health ("page not open", "messages ignored from …" with the button that trusts the
// origin, "connected"), what happened to each interaction, and why "Open CRM" / "Copy link" have
// nothing to open. The adapter iframe posts from another origin than its page, so a source that
// trusts only the page's own origin ignores it: the most common setup mistake.
import type { Frame, Page } from 'puppeteer-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { saveConfig, screenshotPath, sleep, storedDiagnostics, waitFor, type ExtensionBrowser } from '../support/browser';
import type { FakeSites } from '../support/fake-sites';
import { openCcaiDesktop, postFromAdapter, useWorld, type World } from '../support/world';
import { whatsappChat } from './options-support';

const TEXT = {
  en: {
    notOpen: 'page not open',
    waiting: 'page open, nothing heard from it yet',
    ignored: (origin: string) => `messages ignored from ${origin}`,
    trusted: (origin: string) => `${origin} added to Trusted senders: its messages are heard now.`,
    connected: 'connected',
    popped: 'Popped by “WhatsApp → CRM” (answered)',
    noMatch: 'No template matched (answered): nothing opened',
    notTicked: 'Nothing to open: no template is set to open on demand. In Options → Templates, open “WhatsApp → CRM” and tick “on demand” under Phases.',
    noMatchOnDemand:
      'Nothing to open: “WhatsApp → CRM” does not match this interaction — channel Telegram is not among its channels (WhatsApp). Change its conditions in Options → Templates.',
    copied: 'Link of “WhatsApp → CRM” copied.',
    badgeTitle: 'CRM Screenpop: 2 interactions in progress',
    refused: 'Not opened: the address of “WhatsApp → CRM” was refused (answered) — see Diagnostics',
    refusedOnDemand: 'Nothing opened: the address of “WhatsApp → CRM” was refused. Diagnostics says why.',
    failingTitle: 'CRM Screenpop: a pop failed — open this menu to see why',
    notOpenTitle: 'CRM Screenpop: no agent desktop page is open — open this menu to see which',
    silentTitle: 'CRM Screenpop: nothing heard yet from "ccai" — open this menu to see why',
    pausedTitle: 'CRM Screenpop: pops are paused',
  },
  it: {
    notOpen: 'pagina non aperta',
    waiting: 'pagina aperta, ancora nessun messaggio',
    ignored: (origin: string) => `messaggi da ${origin} ignorati`,
    trusted: (origin: string) => `${origin} aggiunto ai Mittenti fidati: ora i suoi messaggi vengono ascoltati.`,
    connected: 'collegato',
    popped: 'Aperto da “WhatsApp → CRM” (risposta)',
    noMatch: 'Nessun modello corrisponde (risposta): non si è aperto nulla',
    notTicked: 'Niente da aprire: nessun modello si apre su richiesta. In Opzioni → Modelli, apri “WhatsApp → CRM” e spunta “su richiesta” tra le fasi.',
    noMatchOnDemand:
      'Niente da aprire: “WhatsApp → CRM” non corrisponde a questa interazione — il canale Telegram non è tra i suoi canali (WhatsApp). Cambia le sue condizioni in Opzioni → Modelli.',
    copied: 'Link di “WhatsApp → CRM” copiato.',
    badgeTitle: 'CRM Screenpop: 2 interazioni in corso',
    refused: 'Non aperto: l\'indirizzo di “WhatsApp → CRM” è stato rifiutato (risposta) — vedi Diagnostica',
    refusedOnDemand: 'Non si è aperto nulla: l\'indirizzo di “WhatsApp → CRM” è stato rifiutato. La Diagnostica spiega perché.',
    failingTitle: 'CRM Screenpop: un\'apertura non è riuscita — apri questo menu per sapere perché',
    notOpenTitle: 'CRM Screenpop: nessuna pagina del desktop dell\'operatore è aperta — apri questo menu per sapere quale',
    silentTitle: 'CRM Screenpop: ancora nessun messaggio da "ccai" — apri questo menu per sapere perché',
    pausedTitle: 'CRM Screenpop: aperture sospese',
  },
} as const;

const telegramChat = (chatId: number) => {
  const chat = whatsappChat(chatId);
  return { ...chat, data: { ...chat.data, session_type: 'Messaging (Telegram)' } };
};

const waTemplate = (sites: FakeSites, phases: string[]) => ({
  id: 'template-1',
  name: 'WhatsApp → CRM',
  when: { phases, channels: ['whatsapp'] },
  url: `${sites.otherOrigin}/crm/wa?phone={ANI}&phase={PHASE}`,
  action: { type: 'tab', focus: false },
});

const configFor = (sites: FakeSites, phases: string[], senders: string[] = []) => ({
  version: 1,
  // No senders: only the page's own origin is trusted, and the adapter iframe is another one.
  sources: [{ id: 'ccai', adapter: 'ccai', pages: [`${sites.desktopOrigin}/desktop/ccai.html*`], senders }],
  templates: [waTemplate(sites, phases)],
  settings: {},
});

async function readBadge(ext: ExtensionBrowser): Promise<{ text: string; title: string }> {
  const worker = await ext.worker();
  return worker.evaluate(async () => ({ text: await chrome.action.getBadgeText({}), title: await chrome.action.getTitle({}) }));
}

/**
 * The badge as it settles: the worker refreshes it shortly after a burst of events, never in the
 * queue of pops. Waits up to 3 s for `expected`, then returns what the badge shows (the test fails on it).
 */
async function badge(ext: ExtensionBrowser, expected: { text: string; title?: string }): Promise<{ text: string; title: string }> {
  let last = await readBadge(ext);
  const deadline = Date.now() + 3_000;
  while ((last.text !== expected.text || (expected.title !== undefined && last.title !== expected.title)) && Date.now() < deadline) {
    await sleep(50);
    last = await readBadge(ext);
  }
  return expected.title === undefined ? { text: last.text, title: last.title } : last;
}

const stateOf = (popup: Page) =>
  popup.$eval('li[data-source="ccai"]', (el) => ({ state: el.getAttribute('data-state'), text: el.querySelector('.source-state')?.textContent }));

async function waitForState(popup: Page, state: string) {
  return waitFor(async () => {
    const found = await stateOf(popup).catch(() => undefined);
    return found?.state === state ? found : undefined;
  }, `source state ${state}`);
}

const statusText = (popup: Page) => popup.$eval('#popup-status', (el) => el.textContent).catch(() => null);

describe.each(['en', 'it'] as const)('toolbar popup status and honesty (%s)', (lang) => {
  const text = TEXT[lang];
  const world: World = useWorld((sites) => configFor(sites, ['answered']), { lang });
  let ext: ExtensionBrowser;
  let sites: FakeSites;
  let popup: Page;
  let adapter: Frame;
  const crm = () => sites.received.filter((r) => r.path === '/crm/wa');

  beforeAll(async () => {
    ({ ext, sites } = world);
    popup = await ext.browser.newPage();
    await popup.setViewport({ width: 400, height: 600 });
    await ext.browser.defaultBrowserContext().overridePermissions(`chrome-extension://${ext.extensionId}`, ['clipboard-read', 'clipboard-write']);
    await popup.goto(`chrome-extension://${ext.extensionId}/src/popup/index.html`);
  });

  // The badge warns when the bridge hears nothing (#13 item 2): until this change it stayed blank
  // with the agent desktop closed, which looked the same as all being well.
  it('says the agent desktop page is not open, then that it is open but silent — the badge warns of both', async () => {
    expect((await waitForState(popup, 'notOpen')).text).toBe(text.notOpen);
    expect(await badge(ext, { text: '!', title: text.notOpenTitle })).toEqual({ text: '!', title: text.notOpenTitle });
    ({ adapter } = await openCcaiDesktop(world));
    await popup.bringToFront();
    expect((await waitForState(popup, 'waiting')).text).toBe(text.waiting);
    expect(await badge(ext, { text: '!', title: text.silentTitle })).toEqual({ text: '!', title: text.silentTitle });
  });

  it('messages from an origin missing in Trusted senders: nothing pops, the popup and the badge say so', async () => {
    await postFromAdapter(adapter, whatsappChat(1001));
    await popup.bringToFront();
    const found = await waitForState(popup, 'ignored');
    expect(found.text).toBe(text.ignored(sites.otherOrigin));
    expect(crm()).toHaveLength(0);
    expect(await popup.$$('li[data-key]')).toHaveLength(0);
    expect((await badge(ext, { text: '!' })).text).toBe('!');
    const log = await storedDiagnostics<{ code?: string; args?: string[] }>(ext);
    const codes = log.filter((e) => e.code === 'untrustedOrigin').map((e) => e.args);
    expect(codes).toEqual([['ccai', sites.otherOrigin]]);
    if (lang === 'en') await popup.screenshot({ path: screenshotPath('popup-ignored.png'), fullPage: true });
  });

  it('"Add it to Trusted senders" trusts that origin: the next chat pops and the source is connected', async () => {
    await popup.click('li[data-source="ccai"] button.trust');
    await waitFor(async () => (await statusText(popup)) === text.trusted(sites.otherOrigin), 'the trusted status');
    await postFromAdapter(adapter, whatsappChat(1002));
    const request = await waitFor(() => crm()[0], 'the pop after trusting');
    expect(request.query).toEqual({ phone: '+393331234567', phase: 'answered' });
    await popup.bringToFront();
    expect((await waitForState(popup, 'connected')).text).toBe(text.connected);
    const outcome = await popup.waitForSelector('li[data-key="ccai/1002"] .outcome[data-outcome="popped"]');
    expect(await outcome!.evaluate((el) => el.textContent)).toBe(text.popped);
  });

  it('a chat no template handles says so, unlike one that popped; the badge counts both', async () => {
    await postFromAdapter(adapter, telegramChat(1003));
    await popup.bringToFront();
    const outcome = await popup.waitForSelector('li[data-key="ccai/1003"] .outcome[data-outcome="noMatch"]', { timeout: 10_000 });
    expect(await outcome!.evaluate((el) => el.textContent)).toBe(text.noMatch);
    expect(crm()).toHaveLength(0);
    expect(await badge(ext, { text: '2', title: text.badgeTitle })).toEqual({ text: '2', title: text.badgeTitle });
  });

  it('"Open CRM" with no template for on demand opens nothing and names the template to change', async () => {
    await popup.click('li[data-key="ccai/1002"] .open-crm');
    await waitFor(async () => (await statusText(popup)) === text.notTicked, 'the reason');
    await sleep(300);
    expect(crm()).toHaveLength(0);
    expect(await popup.$eval('#popup-status', (el) => el.getAttribute('role'))).toBe('alert');
  });

  it('"Copy link" follows the template\'s conditions: nothing for Telegram, the WhatsApp link for WhatsApp', async () => {
    const config = configFor(sites, ['answered', 'on_demand'], [sites.desktopOrigin, sites.otherOrigin]);
    expect((await saveConfig(ext, config)).ok).toBe(true);
    await popup.bringToFront();
    await popup.evaluate(() => navigator.clipboard.writeText('before'));
    await popup.click('li[data-key="ccai/1003"] .copy-link');
    await waitFor(async () => (await statusText(popup)) === text.noMatchOnDemand, 'the reason Telegram has no link');
    expect(await popup.evaluate(() => navigator.clipboard.readText())).toBe('before');
    await popup.click('li[data-key="ccai/1002"] .copy-link');
    await waitFor(async () => (await statusText(popup)) === text.copied, 'the copied status');
    expect(await popup.evaluate(() => navigator.clipboard.readText())).toBe(`${sites.otherOrigin}/crm/wa?phone=%2B393331234567&phase=on_demand`);
    if (lang === 'en') await popup.screenshot({ path: screenshotPath('popup-outcomes.png'), fullPage: true });
  });

  it('a refused pop says so on the interaction, on "Open CRM" and on the badge', async () => {
    const config = { ...configFor(sites, ['answered', 'on_demand'], [sites.desktopOrigin, sites.otherOrigin]), settings: { allowedUrlPrefixes: ['https://crm.example.com/'] } };
    expect((await saveConfig(ext, config)).ok).toBe(true);
    await postFromAdapter(adapter, whatsappChat(1004));
    await popup.bringToFront();
    const outcome = await popup.waitForSelector('li[data-key="ccai/1004"] .outcome[data-outcome="refused"]', { timeout: 10_000 });
    expect(await outcome!.evaluate((el) => el.textContent)).toBe(text.refused);
    expect(await badge(ext, { text: '!', title: text.failingTitle })).toEqual({ text: '!', title: text.failingTitle });
    await popup.click('li[data-key="ccai/1004"] .open-crm');
    await waitFor(async () => (await statusText(popup)) === text.refusedOnDemand, 'the on-demand refusal');
    expect(crm()).toHaveLength(0);
  });

  it('paused beats every warning on the badge, in the agent\'s language', async () => {
    const page = await ext.browser.newPage();
    try {
      await page.goto(ext.optionsUrl);
      await page.evaluate(() => chrome.runtime.sendMessage({ kind: 'agent/pause', paused: true }));
      expect(await badge(ext, { text: 'II', title: text.pausedTitle })).toEqual({ text: 'II', title: text.pausedTitle });
      await page.evaluate(() => chrome.runtime.sendMessage({ kind: 'agent/pause', paused: false }));
      expect((await badge(ext, { text: '!' })).text).toBe('!');
    } finally {
      await page.close();
    }
  });

  it('fits 400 px', async () => {
    expect(await popup.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  });
});

// What a script on the agent desktop page, or another extension's content script, can forge — and
// that none of it pops. In real Chromium against dist/, with a second, hostile extension loaded.
import path from 'node:path';
import type { Frame, Page } from 'puppeteer-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { pagesAt, sleep, storedDiagnostics, tabsAt, waitFor, type ExtensionBrowser } from '../support/browser';
import type { FakeSites } from '../support/fake-sites';
import { openCcaiDesktop, postFromAdapter, runWithoutGesture, useWorld } from '../support/world';
import { RESCUE_EVENT, RESCUE_HANDSHAKE_EVENT } from '../../src/core/worker-api';

const OTHER_EXTENSION = path.resolve(import.meta.dirname, '../fixtures/other-extension');

const newChat = (chatId: number) => ({
  type: 'New_Chat',
  data: { chat_id: chatId, session_type: 'Messaging Inbound (WhatsApp)', agent_id: 1, queue_id: 7, queue_path: 'Q' },
});

function config(sites: FakeSites) {
  return {
    version: 1,
    sources: [
      {
        id: 'ccai',
        adapter: 'ccai',
        pages: [`${sites.desktopOrigin}/desktop/ccai.html*`],
        senders: [sites.otherOrigin],
        rescueUrlPrefixes: [`${sites.otherOrigin}/crm/`],
      },
    ],
    templates: [
      {
        id: 'chat',
        when: { phases: ['answered'], sources: ['ccai'] },
        url: `${sites.otherOrigin}/crm/chat?chat={CHAT_ID}`,
        action: { type: 'tab', target: 'CRM WhatsApp', focus: false },
      },
    ],
    settings: {},
  };
}

const world = useWorld(config, { otherExtensions: [OTHER_EXTENSION] });
let ext: ExtensionBrowser;
let sites: FakeSites;
let page: Page;
let adapter: Frame;

beforeAll(async () => {
  ({ ext, sites } = world);
  ({ page, adapter } = await openCcaiDesktop(world));
});

const chatRequests = () => sites.received.filter((r) => r.path === '/crm/chat').map((r) => r.query.chat);

/** The real vendor still pops afterwards: the forgeries were refused, not the bridge broken. */
async function realChatStillPops(chatId: number): Promise<void> {
  await postFromAdapter(adapter, newChat(chatId));
  await waitFor(() => chatRequests().includes(String(chatId)), `the real chat ${chatId}`);
}

describe('Forged vendor messages', () => {
  it("a page script's synthetic MessageEvent claiming the vendor's origin and frame pops nothing", async () => {
    const dispatched = await page.evaluate(
      (origin, data) => {
        const adapterWindow = window.frames[0]!;
        window.dispatchEvent(new MessageEvent('message', { origin, data, source: adapterWindow }));
        window.dispatchEvent(new MessageEvent('message', { origin, data: JSON.parse(data) as unknown }));
        return true;
      },
      sites.otherOrigin,
      JSON.stringify(newChat(90001)),
    );
    expect(dispatched).toBe(true);
    await sleep(1000);
    expect(chatRequests()).toEqual([]);
    expect(await pagesAt(ext, `${sites.otherOrigin}/crm/`)).toHaveLength(0);
    await realChatStillPops(90002);
  });

  it("another extension's content script, forging the event or posting itself, pops nothing", async () => {
    expect(await page.evaluate(() => document.documentElement.dataset.otherExtension)).toBe('ready');
    const before = (await pagesAt(ext, `${sites.otherOrigin}/crm/`)).length;
    await page.evaluate(
      (origin, data) => {
        const detail = JSON.stringify({ origin, data });
        document.dispatchEvent(new CustomEvent('other-extension:forge', { detail }));
      },
      sites.otherOrigin,
      JSON.stringify(newChat(90003)),
    );
    // It really ran: the other extension counted its forgery.
    expect(await page.evaluate(() => document.documentElement.dataset.otherExtensionForged)).toBe('1');
    await sleep(1000);
    expect(chatRequests()).not.toContain('90003');
    expect(await pagesAt(ext, `${sites.otherOrigin}/crm/`)).toHaveLength(before);
    await realChatStillPops(90004);
  });

  it("a window the agent desktop opened, on the vendor adapter's own origin, posting a real message to it pops nothing", async () => {
    // A trusted postMessage from the sender's origin, but from a popup, not from a frame of the page.
    const opened = ext.browser.waitForTarget((t) => t.url().startsWith(`${sites.otherOrigin}/crm/forger`));
    await page.evaluate((url) => void window.open(url, 'forger'), `${sites.otherOrigin}/crm/forger`);
    const forger = (await (await opened).page())!;
    await forger.evaluate((data) => window.opener.postMessage(data, '*'), JSON.stringify(newChat(90005)));
    await sleep(1000);
    expect(chatRequests()).not.toContain('90005');
    await forger.close();
    await realChatStillPops(90006);
  });
});

/** What the vendor's popup manager does under auto-answer: window.open with no user gesture. */
async function openWithoutGesture(on: Page, url: string, name: string): Promise<boolean> {
  return runWithoutGesture<boolean>(on, `window.open(${JSON.stringify(url)}, ${JSON.stringify(name)}) === null`);
}

const requestsTo = (path: string) => sites.received.filter((r) => r.path === path);

describe('Popup rescue cannot be turned against the agent', () => {
  /** An agent desktop no one has clicked (page.evaluate would grant a gesture; this one never gets any). */
  let desk: Page;
  beforeAll(async () => {
    desk = await ext.browser.newPage();
    await desk.goto(`${sites.desktopOrigin}/desktop/ccai.html?untouched`);
    await sleep(300);
  });

  it("a page script's own rescue event, on the document or through a fake hand-over, opens nothing", async () => {
    const detail = JSON.stringify({ url: `${sites.otherOrigin}/crm/forged`, target: 'Forged' });
    await runWithoutGesture(
      desk,
      `(() => {
        const detail = ${JSON.stringify(detail)};
        document.dispatchEvent(new CustomEvent(${JSON.stringify(RESCUE_EVENT)}, { detail }));
        const mine = document.createElement('span');
        document.dispatchEvent(new MouseEvent(${JSON.stringify(RESCUE_HANDSHAKE_EVENT)}, { relatedTarget: mine, cancelable: true }));
        mine.dispatchEvent(new CustomEvent(${JSON.stringify(RESCUE_EVENT)}, { detail }));
      })()`,
    );
    await sleep(1000);
    expect(requestsTo('/crm/forged')).toEqual([]);
    // The rescue itself still works: a refused window.open is opened by the extension.
    expect(await openWithoutGesture(desk, `${sites.otherOrigin}/crm/vendor-popup`, 'Vendor popup')).toBe(true);
    await waitFor(() => requestsTo('/crm/vendor-popup')[0], 'the rescued vendor popup');
    // The rescue belongs to no interaction whose end would clean its log line: the URL stays out.
    const readLog = async () => JSON.stringify(await storedDiagnostics(ext));
    const log = await waitFor(async () => {
      const text = await readLog();
      return /popupRescued.*Vendor popup/.test(text) ? text : undefined;
    }, 'the rescue\'s log line');
    expect(log).not.toContain('vendor-popup');
  });

  it("another extension's content script dispatching the rescue event opens nothing", async () => {
    await page.evaluate(
      (origin, rescue) => {
        const detail = JSON.stringify({ origin, data: '{}', rescue: { event: rescue, detail: { url: `${origin}/crm/forged-by-extension`, target: 'X' } } });
        document.dispatchEvent(new CustomEvent('other-extension:forge', { detail }));
      },
      sites.otherOrigin,
      RESCUE_EVENT,
    );
    expect(await page.evaluate(() => document.documentElement.dataset.otherExtensionForged)).toBe('2');
    await sleep(1000);
    expect(requestsTo('/crm/forged-by-extension')).toEqual([]);
  });

  it('window.open named like a template target leaves that CRM tab alone and opens its own tab', async () => {
    await postFromAdapter(adapter, newChat(90010));
    const [crm] = await waitFor(async () => {
      const tabs = await pagesAt(ext, `${sites.otherOrigin}/crm/chat?chat=90010`);
      return tabs.length ? tabs : undefined;
    }, 'the WhatsApp CRM tab');
    expect(await openWithoutGesture(desk, `${sites.otherOrigin}/crm/phishing`, 'CRM WhatsApp')).toBe(true);
    await waitFor(() => requestsTo('/crm/phishing')[0], 'the rescued popup');
    const [popup] = await tabsAt(ext, `${sites.otherOrigin}/crm/phishing`);
    await waitFor(async () => (await popup!.title().catch(() => '')) === 'CRM WhatsApp (popup)', 'the popup tab\'s own name');
    await sleep(300);
    expect(crm!.url()).toBe(`${sites.otherOrigin}/crm/chat?chat=90010`);
    expect(await pagesAt(ext, `${sites.otherOrigin}/crm/chat`)).toHaveLength(1);
  });

  it("a URL outside the source's rescueUrlPrefixes is not rescued", async () => {
    expect(await openWithoutGesture(desk, `${sites.otherOrigin}/hook/exfiltrate?x=1`, 'Elsewhere')).toBe(true);
    await sleep(1000);
    expect(requestsTo('/hook/exfiltrate')).toEqual([]);
    expect(await pagesAt(ext, `${sites.otherOrigin}/hook/`)).toHaveLength(0);
  });

  it('fifteen refused popups from one page open five tabs, not fifteen', async () => {
    const flooding = await ext.browser.newPage();
    await flooding.goto(`${sites.desktopOrigin}/desktop/ccai.html?flood`);
    await sleep(300);
    for (let i = 1; i <= 15; i++) {
      expect(await openWithoutGesture(flooding, `${sites.otherOrigin}/crm/flood?n=${i}`, `Popup ${i}`)).toBe(true);
    }
    await waitFor(() => requestsTo('/crm/flood').length >= 5, 'the first five rescued popups');
    await sleep(1500);
    expect(requestsTo('/crm/flood').map((r) => r.query.n)).toEqual(['1', '2', '3', '4', '5']);
    expect(await pagesAt(ext, `${sites.otherOrigin}/crm/flood`)).toHaveLength(5);
  });

  it('the limit outlives a worker restart: three popups, the worker stopped, seven more — five tabs in all', async () => {
    const flooding = await ext.browser.newPage();
    await flooding.goto(`${sites.desktopOrigin}/desktop/ccai.html?restart`);
    await sleep(300);
    const popup = (i: number) => openWithoutGesture(flooding, `${sites.otherOrigin}/crm/again?n=${i}`, `Again ${i}`);
    for (let i = 1; i <= 3; i++) expect(await popup(i)).toBe(true);
    await waitFor(() => requestsTo('/crm/again').length >= 3, 'the first three rescued popups');
    // Stopped as Chrome stops it on a crash, with the third rescue's acknowledgement maybe still on its way.
    const worker = ext.browser.targets().find((t) => t.type() === 'service_worker' && t.url().includes(ext.extensionId));
    await (await worker?.worker())?.close().catch(() => undefined);
    for (let i = 4; i <= 10; i++) expect(await popup(i)).toBe(true);
    await waitFor(() => requestsTo('/crm/again').length >= 5, 'two more rescued popups');
    await sleep(1500);
    expect(requestsTo('/crm/again').map((r) => r.query.n)).toEqual(['1', '2', '3', '4', '5']);
  });
});

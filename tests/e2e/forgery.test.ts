// What a script on the agent desktop page, or another extension's content script, can forge — and
// that none of it pops. In real Chromium against dist/, with a second, hostile extension loaded.
import path from 'node:path';
import type { Frame, Page } from 'puppeteer-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { pagesAt, sleep, waitFor, type ExtensionBrowser } from '../support/browser';
import type { FakeSites } from '../support/fake-sites';
import { openCcaiDesktop, postFromAdapter, useWorld } from '../support/world';

const OTHER_EXTENSION = path.resolve(import.meta.dirname, '../fixtures/other-extension');

const newChat = (chatId: number) => ({
  type: 'New_Chat',
  data: { chat_id: chatId, session_type: 'Messaging Inbound (WhatsApp)', agent_id: 1, queue_id: 7, queue_path: 'Q' },
});

function config(sites: FakeSites) {
  return {
    version: 1,
    sources: [
      { id: 'ccai', adapter: 'ccai', pages: [`${sites.desktopOrigin}/desktop/ccai.html*`], senders: [sites.otherOrigin] },
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
});

// A vendor's postMessage becomes a named, reused CRM tab — in real Chromium, against dist/.
import type { Frame, Page } from 'puppeteer-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { pagesAt, saveConfig, sleep, tabGroupTitleOf, tabsAt, waitFor, type ExtensionBrowser } from '../support/browser';
import type { FakeSites } from '../support/fake-sites';
import { emitOn, openCcaiDesktop, openDesktop, postFromAdapter, useWorld } from '../support/world';

const newChat = (chatId: number, sessionType = 'Messaging Inbound (WhatsApp)') => ({
  type: 'New_Chat',
  data: {
    chat_id: chatId,
    session_type: sessionType,
    agent_id: 1,
    agent_email: 'ariel@example.com',
    queue_id: 7678,
    queue_path: 'HB TEAM / Ariel',
  },
});

const ringing = (uuid: string, ani: string, dnis = '') => ({
  event: 'RINGING',
  id: `ct7-${uuid}`,
  uuid,
  type: 'inbound',
  media_type: 'telephony',
  ani,
  dnis,
  queue: 'Sales',
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
      },
      { id: 'ad', adapter: 'agentdesktop', pages: [`${sites.desktopOrigin}/desktop/agentdesktop.html*`] },
    ],
    templates: [
      {
        id: 'chat',
        name: 'Chats → CRM',
        when: { phases: ['answered'], sources: ['ccai'] },
        url: `${sites.otherOrigin}/crm/chat?chat={CHAT_ID}&queue={QUEUE_PATH}&agent={AGENT_EMAIL}&channel={CHANNEL}`,
        action: { type: 'tab', focus: false },
      },
      {
        id: 'voice',
        name: 'Calls → CRM',
        when: { phases: ['ringing'], channels: ['voice'] },
        url: `${sites.otherOrigin}/crm/phone?ani={ANI}&dnis={DNIS}&queue={QUEUE_NAME}`,
        action: { type: 'tab' },
      },
    ],
    settings: {},
  };
}

const world = useWorld(config);
let ext: ExtensionBrowser;
let sites: FakeSites;
let ccaiPage: Page;
let adapter: Frame;
let desktopPage: Page;

beforeAll(async () => {
  ({ ext, sites } = world);
  ({ page: ccaiPage, adapter } = await openCcaiDesktop(world));
  desktopPage = await openDesktop(world, 'agentdesktop.html');
});

const crmPrefix = () => `${sites.otherOrigin}/crm/`;
const crmRequests = (path: string) => sites.received.filter((r) => r.path === path);
const post = (payload: unknown) => postFromAdapter(adapter, payload);
const emit = (event: unknown) => emitOn(desktopPage, event);

async function activeTabUrl(): Promise<string | undefined> {
  const worker = await ext.worker();
  return worker.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.url);
}

async function postRawFromAdapter(data: unknown): Promise<void> {
  await adapter.evaluate((d) => (window as unknown as { postRaw(x: unknown): void }).postRaw(d), data);
}

describe('CCAI agent adapter in a cross-origin iframe', () => {
  it('New_Chat on WhatsApp opens one tab named "CRM WhatsApp" at the rendered URL', async () => {
    await ccaiPage.bringToFront();
    await post(newChat(73522));
    const request = await waitFor(() => crmRequests('/crm/chat')[0], 'the CRM request');
    expect(request.query).toEqual({
      chat: '73522',
      queue: 'HB TEAM / Ariel',
      agent: 'ariel@example.com',
      channel: 'whatsapp',
    });
    const tabs = await tabsAt(ext, crmPrefix());
    expect(tabs).toHaveLength(1);
    await waitFor(async () => (await tabs[0]!.title()) === 'CRM WhatsApp', 'the tab title "CRM WhatsApp"');
    expect(await tabGroupTitleOf(ext, crmPrefix())).toEqual(['CRM WhatsApp']);
    // focus:false: the agent desktop keeps the focus.
    expect(await activeTabUrl()).toBe(`${sites.desktopOrigin}/desktop/ccai.html`);
  });

  it('a second WhatsApp chat reuses that tab: still one CRM tab, at the new URL', async () => {
    await post(newChat(73523));
    await waitFor(() => crmRequests('/crm/chat').some((r) => r.query.chat === '73523'), 'the second chat request');
    await sleep(300);
    const tabs = await pagesAt(ext, crmPrefix());
    expect(tabs).toHaveLength(1);
    expect(new URL(tabs[0]!.url()).searchParams.get('chat')).toBe('73523');
  });

  it('the agent closed the CRM tab: the next chat opens it again, still one tab of that name', async () => {
    const [tab] = await pagesAt(ext, crmPrefix());
    await tab!.close();
    await post(newChat(73524));
    await waitFor(() => crmRequests('/crm/chat').some((r) => r.query.chat === '73524'), 'the chat after the close');
    const tabs = await tabsAt(ext, crmPrefix());
    expect(tabs).toHaveLength(1);
    await waitFor(async () => (await tabs[0]!.title()) === 'CRM WhatsApp', 'the re-created tab titled "CRM WhatsApp"');
  });

  it('the same event delivered twice pops once', async () => {
    await post(newChat(73524));
    await sleep(800);
    expect(crmRequests('/crm/chat')).toHaveLength(0);
  });

  it('a valid-looking message from an origin not in senders opens nothing', async () => {
    // The CRM page itself (127.0.0.1) is not a configured sender of the ccai source.
    await ccaiPage.evaluate((p) => window.postMessage(JSON.stringify(p), '*'), newChat(90001));
    await sleep(1000);
    expect(sites.received).toHaveLength(0);
    expect(await pagesAt(ext, crmPrefix())).toHaveLength(1);
  });

  it('malformed messages break nothing, and the next valid message still pops', async () => {
    await postRawFromAdapter('{"type": "New_Chat", "data": {');
    await postRawFromAdapter('not json at all');
    await post({ type: 'New_Chat' });
    await post({ type: 'New_Chat', data: { chat_id: { nested: true }, session_type: 42 } });
    await post({ type: 42, data: [] });
    await postRawFromAdapter(null);
    await postRawFromAdapter(12345);
    await postRawFromAdapter('x'.repeat(5_000_000));
    await post({ type: 'New_Chat', data: { chat_id: 5, session_type: 'x'.repeat(300_000) } });
    await sleep(500);
    expect(sites.received).toHaveLength(0);
    await post(newChat(73600));
    await waitFor(() => crmRequests('/crm/chat').some((r) => r.query.chat === '73600'), 'the valid chat after the bad ones');
  });
});

describe('AgentDesktop on telephony', () => {
  it('RINGING opens "CRM Voice"; the empty variable\'s parameter is absent', async () => {
    await emit(ringing('u-1', '+390612345678'));
    const request = await waitFor(() => crmRequests('/crm/phone')[0], 'the CRM request');
    expect(request.query).toEqual({ ani: '+390612345678', queue: 'Sales' });
    expect('dnis' in request.query).toBe(false);
    const voice = await waitFor(async () => {
      for (const page of await pagesAt(ext, `${sites.otherOrigin}/crm/phone`)) if ((await page.title()) === 'CRM Voice') return page;
      return undefined;
    }, 'a tab titled "CRM Voice"');
    expect(voice).toBeTruthy();
    // focus defaults to true: the CRM tab comes to the front.
    expect(await activeTabUrl()).toContain('/crm/phone');
    expect((await tabGroupTitleOf(ext, crmPrefix())).sort()).toEqual(['CRM Voice', 'CRM WhatsApp']);
  });

  it('the worker stopped between two events: the second still pops', async () => {
    await ext.stopWorker();
    await emit(ringing('u-2', '+390698765432'));
    await waitFor(() => crmRequests('/crm/phone').some((r) => r.query.ani === '+390698765432'), 'the pop after the restart', 15_000);
    // The target registry survived the restart: the voice tab was reused, not duplicated.
    await sleep(300);
    expect(await pagesAt(ext, `${sites.otherOrigin}/crm/phone`)).toHaveLength(1);
  });

  it('an invalid configuration is rejected whole, naming the field; the old one keeps working', async () => {
    const bad = config(sites);
    (bad.templates[1] as { url: string }).url = 'javascript:alert(1)';
    const reply = await saveConfig(ext, bad);
    expect(reply.ok).toBe(false);
    expect(reply.error).toContain('templates[1].url');
    await emit(ringing('u-3', '+390600000003'));
    await waitFor(() => crmRequests('/crm/phone').some((r) => r.query.ani === '+390600000003'), 'the pop with the old config');
  });
});

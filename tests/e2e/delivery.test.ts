// The delivery promise under stress, in real Chromium: every event pops exactly once through
// worker deaths, and junk or bulk from a trusted sender never stops the next real pop.
import type { Frame, Page } from 'puppeteer-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { pagesAt, sleep, storedDiagnostics, waitFor, type ExtensionBrowser } from '../support/browser';
import type { FakeSites } from '../support/fake-sites';
import { emitOn, openCcaiDesktop, openDesktop, postFromAdapter, useWorld } from '../support/world';

function config(sites: FakeSites) {
  return {
    version: 1,
    sources: [
      { id: 'ccai', adapter: 'ccai', pages: [`${sites.desktopOrigin}/desktop/ccai.html*`], senders: [sites.otherOrigin] },
      { id: 'ad', adapter: 'agentdesktop', pages: [`${sites.desktopOrigin}/desktop/agentdesktop.html*`] },
    ],
    templates: [
      { id: 'chat', when: { phases: ['answered'], sources: ['ccai'] }, url: `${sites.otherOrigin}/crm/chat?chat={CHAT_ID}`, action: { type: 'tab', focus: false } },
      { id: 'voice', when: { phases: ['ringing'], channels: ['voice'] }, url: `${sites.otherOrigin}/crm/phone?call={INTERACTION_ID}`, action: { type: 'tab', focus: false } },
      { id: 'hook', when: { phases: ['answered'], sources: ['ccai'] }, url: `${sites.otherOrigin}/hook/answered?chat={CHAT_ID}`, action: { type: 'webhook', method: 'GET' } },
    ],
    settings: {},
  };
}

const world = useWorld(config);
let ext: ExtensionBrowser;
let sites: FakeSites;
let adapter: Frame;
let desktop: Page;

beforeAll(async () => {
  ({ ext, sites } = world);
  ({ adapter } = await openCcaiDesktop(world));
  desktop = await openDesktop(world, 'agentdesktop.html');
});

const chat = (chatId: number, extra: Record<string, unknown> = {}) => ({
  type: 'New_Chat',
  data: { chat_id: chatId, session_type: 'Messaging Inbound (WhatsApp)', ...extra },
});
const call = (uuid: string) => ({ event: 'RINGING', id: uuid, uuid, media_type: 'telephony', ani: '+390612345678' });
const requests = (path: string, name: string, value: string) =>
  sites.received.filter((r) => r.path === path && r.query[name] === value);

/** Kills the service worker as Chrome does on a crash or update, without waiting for it to stay down. */
async function killWorker(): Promise<void> {
  const target = ext.browser.targets().find((t) => t.type() === 'service_worker' && t.url().includes(ext.extensionId));
  await (await target?.worker())?.close().catch(() => undefined);
}

describe('exactly once across worker deaths', () => {
  it('200 chats and calls with 25 random worker stops: each pops once, in one tab per channel', async () => {
    let seed = 8;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const stops = new Set<number>();
    while (stops.size < 25) stops.add(Math.floor(random() * 200));
    for (let i = 0; i < 200; i++) {
      const isChat = i % 2 === 0;
      if (isChat) await postFromAdapter(adapter, chat(10_000 + i));
      else await emitOn(desktop, call(`chaos-${i}`));
      // Stopped at a random moment: before, during or after the worker handles the event.
      if (stops.has(i)) {
        await sleep(Math.floor(random() * 40));
        await killWorker();
      }
      await waitFor(
        () => (isChat ? requests('/crm/chat', 'chat', String(10_000 + i)) : requests('/crm/phone', 'call', `chaos-${i}`)).length > 0,
        `event ${i} to pop`,
        20_000,
      );
    }
    await sleep(1500);
    const counts = new Map<string, number>();
    for (const r of sites.received) {
      if (r.path === '/crm/chat') counts.set(`chat ${r.query.chat}`, (counts.get(`chat ${r.query.chat}`) ?? 0) + 1);
      if (r.path === '/crm/phone') counts.set(`call ${r.query.call}`, (counts.get(`call ${r.query.call}`) ?? 0) + 1);
    }
    expect(counts.size).toBe(200);
    expect([...counts].filter(([, n]) => n !== 1)).toEqual([]);
    expect(await pagesAt(ext, `${sites.otherOrigin}/crm/chat`)).toHaveLength(1);
    expect(await pagesAt(ext, `${sites.otherOrigin}/crm/phone`)).toHaveLength(1);
    // Every answered chat's webhook reached the receiver, each with one Idempotency-Key.
    const hooked = () => new Set(sites.received.filter((r) => r.path === '/hook/answered').map((r) => r.query.chat));
    await waitFor(() => hooked().size === 100, 'the 100 webhooks', 20_000).catch(async (error: unknown) => {
      const missing = Array.from({ length: 100 }, (_, k) => String(10_000 + 2 * k)).filter((c) => !hooked().has(c));
      const log = await storedDiagnostics(ext);
      throw new Error(`${String(error)}; missing ${missing.join(', ')}: ${log.filter((e) => missing.some((c) => e.key?.endsWith(`/${c}`))).map((e) => e.summary).join(' | ')}`);
    });
    const hooks = sites.received.filter((r) => r.path === '/hook/answered');
    const keysPerChat = new Map<string, Set<string>>();
    for (const hook of hooks) {
      const keys = keysPerChat.get(hook.query.chat!) ?? new Set<string>();
      keys.add(String(hook.headers['idempotency-key']));
      keysPerChat.set(hook.query.chat!, keys);
    }
    expect([...keysPerChat.values()].every((keys) => keys.size === 1)).toBe(true);
  }, 300_000);
});

describe('an event storm', () => {
  it('navigates the target a bounded number of times, the last pop winning', async () => {
    await adapter.evaluate(() => {
      for (let i = 1; i <= 60; i++) parent.postMessage(JSON.stringify({ type: 'New_Chat', data: { chat_id: 60_000 + i, session_type: 'Messaging Inbound (WhatsApp)' } }), '*');
    });
    await waitFor(
      async () => (await pagesAt(ext, `${sites.otherOrigin}/crm/chat`)).some((p) => p.url().includes('chat=60060')),
      'the CRM tab to show the last chat of the storm',
    );
    const [tab] = await pagesAt(ext, `${sites.otherOrigin}/crm/chat`);
    await sleep(1000);
    expect(tab!.url()).toContain('chat=60060');
    expect(await pagesAt(ext, `${sites.otherOrigin}/crm/chat`)).toHaveLength(1);
    const storm = sites.received.filter((r) => r.path === '/crm/chat');
    expect(storm.length).toBeLessThan(30);
    // The diagnostics say why the others did not load.
    const lines = (await storedDiagnostics(ext)).filter((e) => e.key?.startsWith('ccai/600'));
    expect(lines.some((e) => /tab "CRM WhatsApp" not navigated: a newer pop/.test(e.summary))).toBe(true);
  });
});

describe('junk and bulk never stop the next real pop', () => {
  it('after a flood of hostile payloads the next real chat pops, and the drops are reported', async () => {
    await adapter.evaluate(() => {
      const post = (data: unknown) => parent.postMessage(data, '*');
      for (let i = 0; i < 3000; i++) {
        post(i % 3 === 0 ? `{"type": "New_Chat", "data": {${i}` : i % 3 === 1 ? { type: i, data: [] } : JSON.stringify({ nothing: i }));
      }
      post('x'.repeat(400_000));
      // Well-shaped but refused by rule: reaches the worker, which logs it and opens nothing.
      post(JSON.stringify({ type: 'CRM_Record_Pop', data: { chat_id: 1, recordUrl: 'javascript:alert(1)' } }));
    });
    await postFromAdapter(adapter, chat(70_001));
    await waitFor(() => requests('/crm/chat', 'chat', '70001').length === 1, 'the real chat after the flood');
    expect(sites.received.filter((r) => r.path === '/crm/chat')).toHaveLength(1);
    const reported = await waitFor(
      async () => (await storedDiagnostics(ext)).find((e) => /the bridge dropped \d+ messages/.test(e.summary)),
      'the bridge to report its drops',
      20_000,
    );
    expect(reported.summary).toContain('dropped 3001 messages');
  }, 60_000);

  it('after a stream of large messages that would fill the session quota, the next real chat pops', async () => {
    const big = 'x'.repeat(200_000);
    for (let i = 0; i < 80; i++) {
      // Recorded, not popped (no template for "focus"), each a new interaction carrying 200 KB.
      await postFromAdapter(adapter, { type: 'Active_Chat', data: { chat_id: 80_000 + i, email: big, custom_data: { note: big.slice(0, 40_000) } } });
    }
    await sleep(1000);
    await postFromAdapter(adapter, chat(70_002));
    await waitFor(() => requests('/crm/chat', 'chat', '70002').length === 1, 'the real chat after the large messages');
    const bytes = await (await ext.worker()).evaluate(() => chrome.storage.session.getBytesInUse(null));
    expect(bytes).toBeLessThan(2_000_000);
  }, 120_000);
});

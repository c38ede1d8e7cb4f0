// Personal data (phone numbers, addresses) lives only in memory-backed session storage and only
// `historyMinutes` after its interaction ended; nothing personal is written to disk.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Frame } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiagnosticEntry, InteractionSummary } from '../../src/core/worker-api';
import { EXTENSION_ID, waitFor, type ExtensionBrowser } from '../support/browser';
import { filesContaining } from '../support/profile';
import { openCcaiDesktop, postFromAdapter, useWorld } from '../support/world';

const PHONE = '+393331234567';
const EMAIL = 'anna.privacy@example.it';
const chat = (type: string) => ({
  type,
  data: { chat_id: 99001, session_type: 'Messaging Inbound (WhatsApp)', customer_phone_number: PHONE, email: EMAIL, queue_path: 'Sales' },
});

const profile = mkdtempSync(path.join(tmpdir(), 'crm-screenpop-privacy-'));
afterAll(() => rmSync(profile, { recursive: true, force: true }));

const world = useWorld((sites) => ({
  version: 1,
  sources: [{ id: 'ccai', adapter: 'ccai', pages: [`${sites.desktopOrigin}/desktop/ccai.html*`], senders: [sites.otherOrigin] }],
  templates: [
    { id: 'wa', when: { phases: ['answered'] }, url: `${sites.otherOrigin}/crm/wa?phone={ANI}`, action: { type: 'tab', focus: false } },
    // A notification the agent never clicks: what its click would open carries the phone number.
    { id: 'note', when: { phases: ['answered'] }, url: `${sites.otherOrigin}/crm/note?phone={ANI}`, action: { type: 'notify' } },
    // A notification that opens nothing: its text alone carries the number and the address.
    { id: 'info', when: { phases: ['answered'] }, action: { type: 'notify', title: 'Chat from {ANI}', message: '{EMAIL}' } },
  ],
  // Forget an interaction's details as soon as it ended.
  settings: { historyMinutes: 0 },
}), { userDataDir: profile });

let ext: ExtensionBrowser;
let adapter: Frame;

beforeAll(async () => {
  ext = world.ext;
  ({ adapter } = await openCcaiDesktop(world));
});

async function storage(area: 'local' | 'session'): Promise<string> {
  return (await ext.worker()).evaluate((a) => chrome.storage[a as 'local' | 'session'].get().then((all) => JSON.stringify(all)), area);
}

async function askWorker<T>(message: unknown): Promise<T> {
  const page = await ext.browser.newPage();
  try {
    await page.goto(ext.optionsUrl);
    return (await page.evaluate((m) => chrome.runtime.sendMessage(m), message)) as T;
  } finally {
    await page.close();
  }
}

async function notificationsNow(): Promise<string[]> {
  return (await ext.worker()).evaluate(async () => Object.keys(await chrome.notifications.getAll()));
}

let shownForChat: string[] = [];
let shownForTestPop: string[] = [];

describe('privacy', () => {
  it('while the chat runs, its details are in session storage only, never in local storage', async () => {
    const before = await notificationsNow();
    await postFromAdapter(adapter, chat('New_Chat'));
    await waitFor(() => world.sites.received.find((r) => r.query.phone === PHONE), 'the pop');
    // Stored behind the pop (the action runs first, docs/architecture.md "Delivery protocol").
    await waitFor(async () => (await storage('session')).includes(PHONE), "the chat's details in session storage");
    // The unclicked notification's URL too (see below: it goes with the interaction's details).
    await waitFor(async () => (await storage('session')).includes('/crm/note?phone='), 'the pending notification');
    await waitFor(async () => (await storage('session')).includes(EMAIL), "the chat's e-mail address in session storage");
    expect(await storage('local')).not.toContain(PHONE);
    expect(await storage('local')).not.toContain(EMAIL);
    const list = await askWorker<InteractionSummary[]>({ kind: 'interaction/list' });
    expect(list.map((i) => i.who)).toContain(PHONE);
    // Two notifications on screen: one that opens the CRM, one that only shows the number and address.
    shownForChat = await waitFor(async () => {
      const now = (await notificationsNow()).filter((id) => !before.includes(id));
      return now.length === 2 ? now : undefined;
    }, "the chat's two notifications");
  });

  it("a test pop's notification from the options page is on screen too", async () => {
    const before = await notificationsNow();
    const reply = await askWorker<{ ok: boolean }>({
      kind: 'template/test',
      template: { id: 'try', action: { type: 'notify', title: 'Test {ANI}', message: '{EMAIL}' } },
      event: { source: 'ccai', interactionId: 't-1', phase: 'answered', channel: 'chat', vars: { ANI: PHONE, EMAIL } },
    });
    expect(reply.ok).toBe(true);
    shownForTestPop = (await notificationsNow()).filter((id) => !before.includes(id));
    expect(shownForTestPop).toHaveLength(1);
  });

  it('historyMinutes after the end, the phone number and the e-mail address are gone from the log, the interaction list and the screen (notifications, a test pop\'s too)', async () => {
    await postFromAdapter(adapter, chat('End_Chat'));
    // The worker prunes on every event and every minute; an unrelated event is the quick way.
    await postFromAdapter(adapter, { type: 'New_Chat', data: { chat_id: 99002, session_type: 'Messaging Inbound (SMS)' } });
    // Digits only: a rendered URL carries the number percent-encoded (%2B39…).
    await waitFor(async () => !(await storage('session')).includes(PHONE.slice(1)), 'the phone number to leave session storage');
    await waitFor(async () => !(await storage('session')).includes(EMAIL), 'the e-mail address to leave session storage');
    // Off the screen too: the chat's notifications, with or without a URL, and the test pop's.
    await waitFor(async () => {
      const now = await notificationsNow();
      return [...shownForChat, ...shownForTestPop].every((id) => !now.includes(id));
    }, 'the notifications to leave the screen');
    const { entries } = await askWorker<{ entries: DiagnosticEntry[] }>({ kind: 'diagnostics/get' });
    const ofChat = entries.filter((e) => e.key === 'ccai/99001');
    expect(ofChat.length).toBeGreaterThan(0);
    expect(ofChat.every((e) => e.detail === undefined)).toBe(true);
    expect(ofChat.map((e) => e.summary).join('\n')).toContain('New_Chat → answered');
    const list = await askWorker<InteractionSummary[]>({ kind: 'interaction/list' });
    expect(list.map((i) => i.key)).not.toContain('ccai/99001');
  });

  it("nothing of the chat is in any of the extension's storage areas or in its files in the profile", async () => {
    for (const area of ['local', 'session', 'sync'] as const) {
      const all = await (await ext.worker()).evaluate((a) => chrome.storage[a as 'local'].get().then((x) => JSON.stringify(x)), area);
      expect(all, area).not.toContain(PHONE);
      expect(all, area).not.toContain(PHONE.slice(1));
      expect(all, area).not.toContain(EMAIL);
    }
    // The browser's own history holds the CRM tab's URL; the extension's files (storage, IndexedDB,
    // service worker) must not hold the number.
    const ofExtension = (needle: string) => filesContaining(profile, needle).filter((file) => file.includes(EXTENSION_ID));
    expect(ofExtension(PHONE)).toEqual([]);
    expect(ofExtension(PHONE.slice(1))).toEqual([]);
    expect(ofExtension(EMAIL)).toEqual([]);
  });
});

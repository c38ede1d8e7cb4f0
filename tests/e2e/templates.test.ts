// The template engine and the generic adapter end to end: a per-queue `final` template overrides
// the global one, and the Avaya EMC example pops the account number found in an e-mail body.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Frame, Page } from 'puppeteer-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { pagesAt, sleep, storedDiagnostics, tabsAt, waitFor, type ExtensionBrowser } from '../support/browser';
import type { FakeSites } from '../support/fake-sites';
import { emitOn, openCcaiDesktop, openDesktop, postFromAdapter, useWorld } from '../support/world';

let ext: ExtensionBrowser;
let sites: FakeSites;
let adapter: Frame;
let avaya: Page;
let puzzel: Page;

/** examples/puzzel.json, pointed at the fake sites. */
function puzzelExample(sites: FakeSites) {
  const text = readFileSync(path.resolve(import.meta.dirname, '../../examples/puzzel.json'), 'utf8')
    .replaceAll('https://agent.puzzel.example.com/*', `${sites.desktopOrigin}/desktop/puzzel.html*`)
    .replaceAll('https://agent.puzzel.example.com', sites.desktopOrigin)
    .replaceAll('https://myserver.example.com/myapplication.php', `${sites.otherOrigin}/crm/myapplication.php`)
    .replaceAll('https://crm.example.com/api/puzzel-events', `${sites.otherOrigin}/hook/puzzel-events`);
  return JSON.parse(text) as { sources: unknown[]; templates: unknown[] };
}

/** examples/avaya-chatplugin.json, pointed at the fake sites instead of example.ru. */
function avayaExample(sites: FakeSites) {
  const text = readFileSync(path.resolve(import.meta.dirname, '../../examples/avaya-chatplugin.json'), 'utf8')
    .replaceAll('https://emc-bridge.example.ru/*', `${sites.desktopOrigin}/desktop/avaya.html*`)
    .replaceAll('https://emc-bridge.example.ru', sites.desktopOrigin)
    .replaceAll('https://crm.example.ru/card', `${sites.otherOrigin}/crm/card`)
    .replaceAll('https://crm.example.ru/', `${sites.otherOrigin}/crm/`);
  return JSON.parse(text) as { sources: unknown[]; templates: unknown[]; settings: unknown };
}

function config(sites: FakeSites) {
  const avayaDoc = avayaExample(sites);
  const puzzelDoc = puzzelExample(sites);
  return {
    version: 1,
    sources: [
      { id: 'ccai', adapter: 'ccai', pages: [`${sites.desktopOrigin}/desktop/ccai.html*`], senders: [sites.otherOrigin] },
      ...avayaDoc.sources,
      ...puzzelDoc.sources,
    ],
    templates: [
      {
        id: 'sales',
        name: 'Sales queues: their own CRM view',
        when: { phases: ['answered'], sources: ['ccai'], queues: ['Sales/*'] },
        url: `${sites.otherOrigin}/crm/sales?chat={CHAT_ID}`,
        final: true,
      },
      {
        id: 'global',
        name: 'Every chat',
        when: { phases: ['answered'], sources: ['ccai'] },
        url: `${sites.otherOrigin}/crm/global?chat={CHAT_ID}&queue={QUEUE_PATH}`,
        action: { type: 'tab', target: 'CRM global' },
      },
      ...avayaDoc.templates,
      ...puzzelDoc.templates,
    ],
    settings: { ...(avayaDoc.settings as object), allowedUrlPrefixes: [`${sites.otherOrigin}/crm/`, `${sites.otherOrigin}/hook/`] },
  };
}

const world = useWorld(config);

beforeAll(async () => {
  ({ ext, sites } = world);
  ({ adapter } = await openCcaiDesktop(world));
  avaya = await openDesktop(world, 'avaya.html');
  puzzel = await openDesktop(world, 'puzzel.html');
});

const chat = (chatId: number, queuePath: string) => ({
  type: 'New_Chat',
  data: { chat_id: chatId, session_type: 'messaging inbound (web chat)', queue_path: queuePath },
});

describe('a per-queue final template overrides the global one', () => {
  it('a Sales chat pops only the Sales template', async () => {
    await postFromAdapter(adapter, chat(801, 'Sales / Italy'));
    await waitFor(() => sites.received.find((r) => r.path === '/crm/sales'), 'the Sales pop');
    await sleep(500);
    expect(sites.received.map((r) => `${r.path}?chat=${r.query.chat}`)).toEqual(['/crm/sales?chat=801']);
  });

  it('a Support chat falls through to the global template', async () => {
    await postFromAdapter(adapter, chat(802, 'Support / Italy'));
    const request = await waitFor(() => sites.received.find((r) => r.path === '/crm/global'), 'the global pop');
    expect(request.query).toEqual({ chat: '802', queue: 'Support / Italy' });
    await sleep(300);
    expect(sites.received.filter((r) => r.path === '/crm/sales')).toHaveLength(0);
  });
});

describe('Avaya EMC ChatPlugin example (Avaya EMC ChatPlugin guide)', () => {
  const workItem = (id: string, channelType: string, body?: string) => ({
    event: 'WorkItemAccepted',
    workItem: {
      id,
      channelType,
      userId: 'client-4471',
      agentId: 'op-17',
      subject: 'Вопрос по счёту',
      skill: 'Billing',
      ...(body === undefined ? {} : { body }),
    },
  });

  it('an e-mail with the personal account number in its body: the CRM gets it, in the "CRM Email" tab', async () => {
    const body = 'Здравствуйте! Мой лицевой счёт № 7700123456, прошу проверить начисления.';
    await emitOn(avaya, workItem('WI-1', 'E-mail', body));
    const request = await waitFor(() => sites.received.find((r) => r.path === '/crm/card'), 'the e-mail pop');
    expect(request.query).toEqual({
      channel_type: 'email',
      user_id: 'client-4471',
      operator: 'op-17',
      PersonalAccount: '7700123456',
    });
    const [tab] = await tabsAt(ext, `${sites.otherOrigin}/crm/card`);
    await waitFor(async () => (await tab!.title()) === 'CRM Email', 'the tab titled "CRM Email"');
  });

  it('an e-mail body too long for the extract rule\'s work budget still pops, without the number, and diagnostics say why', async () => {
    // Over 100 000 characters of "л/с" (the rule's short form) with no number after any: the rule
    // gives up at its work budget instead of stalling the worker.
    const body = 'л/с '.repeat(30_000);
    await emitOn(avaya, workItem('WI-3', 'E-mail', body));
    const request = await waitFor(() => sites.received.find((r) => r.path === '/crm/card'), 'the e-mail pop');
    expect(request.query.PersonalAccount).toBeUndefined();
    const line = await waitFor(async () => (await storedDiagnostics(ext)).find((e) => e.summary.startsWith('Source "avaya-emc": extract rule for PERSONAL_ACCOUNT')), 'the budget line');
    expect(line.summary).toMatch(/stopped: searching 100000 characters with this regular expression took over \d+ steps/);
  });

  it('a WhatsApp chat opens "CRM WhatsApp" without the switched-off skill parameter', async () => {
    await emitOn(avaya, workItem('WI-2', 'WhatsApp'));
    const request = await waitFor(() => sites.received.find((r) => r.path === '/crm/card'), 'the WhatsApp pop');
    expect(request.query).toEqual({ channel_type: 'whatsapp', user_id: 'client-4471', operator: 'op-17' });
    await waitFor(async () => {
      for (const page of await pagesAt(ext, `${sites.otherOrigin}/crm/card`)) if ((await page.title()) === 'CRM WhatsApp') return true;
      return false;
    }, 'a tab titled "CRM WhatsApp"');
    expect(await pagesAt(ext, `${sites.otherOrigin}/crm/card`)).toHaveLength(2);
  });
});

describe('Puzzel example (Puzzel CRM pop guide)', () => {
  const trigger = (name: string) => ({
    trigger: name,
    sessionId: 'pz-90017',
    channel: 'phone',
    variables: { anum: '+47 912 34 567', bnum: '22004400', queue_key: 'q_sales', queue_name: 'Sales', agent_id: '1201' },
  });
  const emit = (event: unknown) => emitOn(puzzel, event);

  it('ring: the named Target "PuzzelCRM" opens with the caller number, and the web request is sent', async () => {
    await emit(trigger('ring'));
    const pop = await waitFor(() => sites.received.find((r) => r.path === '/crm/myapplication.php'), 'the Puzzel pop');
    // DEFAULT_VALUE({CUSTOMER_NUMBER}, {ANI|e164}): no customer number, so the caller's, in E.164.
    expect(pop.query).toEqual({ customerNumber: '+4791234567', queue_key: 'q_sales' });
    const [tab] = await tabsAt(ext, `${sites.otherOrigin}/crm/myapplication.php`);
    await waitFor(async () => (await tab!.title()) === 'PuzzelCRM', 'the tab titled "PuzzelCRM"');
    const hook = await waitFor(() => sites.received.find((r) => r.path === '/hook/puzzel-events'), 'the web request');
    expect(hook.method).toBe('GET');
    expect(hook.query).toMatchObject({ event: 'ringing', anum: '+47 912 34 567', queue_key: 'q_sales', session: 'pz-90017' });
    expect(hook.headers['x-api-key']).toBe('replace-me');
    expect(hook.headers['idempotency-key']).toBeTruthy();
  });

  it('hang-up sends the web request again, as "ended", and pops nothing', async () => {
    await emit(trigger('hangup'));
    const hook = await waitFor(() => sites.received.find((r) => r.path === '/hook/puzzel-events'), 'the hang-up web request');
    expect(hook.query.event).toBe('ended');
    await sleep(300);
    expect(sites.received.filter((r) => r.path.startsWith('/crm/'))).toHaveLength(0);
  });
});

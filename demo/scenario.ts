// The scripted demo (no display): an agent's morning on two desktops, with a timeline of how long
// each pop took from the vendor's event to the CRM's request, and screenshots of what the agent saw.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Frame, Page } from 'puppeteer-core';
import { pagesAt, sleep, storedDiagnostics, tabGroupTitleOf, waitFor, type ExtensionBrowser } from '../tests/support/browser';
import type { FakeSites, ReceivedRequest } from '../tests/support/fake-sites';

export interface DemoDesk {
  ext: ExtensionBrowser;
  sites: FakeSites;
  ccaiPage: Page;
  agentDesktopPage: Page;
}

const POP_TIMEOUT_MS = 10_000;
const EXPECTED_TABS = ['CRM WhatsApp', 'CRM Voice', 'CRM Email'];

/** What the simulated desktops record of each message they posted (demo/site/**.js). */
interface Posted {
  type: string;
  id: string | number;
  at: number;
}

interface DemoWindow {
  demoPosted: Posted[];
  demo: Record<string, (...args: unknown[]) => unknown>;
}

interface ExpectedEvent {
  type: string;
  /** Shown in brackets: the channel, and how it was answered where that matters. */
  label: string;
  pop?: { path: string; target: string; screenshot: string };
  /** Why no tab opens for this event. */
  noPop?: string;
}

interface Step {
  does: string;
  page: 'ccai' | 'agentdesktop';
  act: (surface: Page | Frame) => Promise<void>;
  events: ExpectedEvent[];
}

class StepFailure extends Error {}

const STEPS: Step[] = [
  {
    does: 'a WhatsApp chat offered in the CCAI adapter iframe, answered by the agent',
    page: 'ccai',
    act: async (adapter) => {
      await adapter.evaluate(() => (window as unknown as DemoWindow).demo.setAutoAnswer!(false));
      await adapter.click('#btn-whatsapp');
      await adapter.click('#btn-answer');
    },
    events: [{ type: 'New_Chat', label: 'whatsapp', pop: { path: '/crm/whatsapp', target: 'CRM WhatsApp', screenshot: '1-crm-whatsapp.png' } }],
  },
  {
    does: 'the chat ends and a second WhatsApp chat is answered',
    page: 'ccai',
    act: async (adapter) => {
      await adapter.click('#btn-end');
      await adapter.click('#btn-whatsapp');
      await adapter.click('#btn-answer');
    },
    events: [
      { type: 'End_Chat', label: 'whatsapp', noPop: 'no template for ended' },
      { type: 'New_Chat', label: 'whatsapp', pop: { path: '/crm/whatsapp', target: 'CRM WhatsApp', screenshot: '2-crm-whatsapp-second-chat.png' } },
    ],
  },
  {
    does: 'an incoming call on AgentDesktop, answered by auto-answer',
    page: 'agentdesktop',
    act: async (desktop) => {
      await desktop.evaluate(() => (window as unknown as DemoWindow).demo.setAutoAnswer!(true));
      await desktop.click('#btn-incoming');
    },
    events: [
      { type: 'RINGING', label: 'voice', noPop: 'voice pops on answer' },
      { type: 'ESTABLISHED', label: 'voice, auto-answer timer, no user gesture', pop: { path: '/crm/contacts', target: 'CRM Voice', screenshot: '3-crm-voice.png' } },
    ],
  },
  {
    does: 'the chat ends and an e-mail is answered in the CCAI adapter',
    page: 'ccai',
    act: async (adapter) => {
      await adapter.click('#btn-end');
      await adapter.click('#btn-email');
      await adapter.click('#btn-answer');
    },
    events: [
      { type: 'End_Chat', label: 'whatsapp', noPop: 'no template for ended' },
      { type: 'New_Chat', label: 'email', pop: { path: '/crm/email', target: 'CRM Email', screenshot: '4-crm-email.png' } },
    ],
  },
  {
    does: 'the agent hangs up the call on AgentDesktop',
    page: 'agentdesktop',
    act: async (desktop) => {
      await desktop.click('#btn-hangup');
    },
    events: [
      { type: 'CONNECTIONCLEARED', label: 'voice', noPop: 'no template for ended' },
      { type: 'JOBFINISHED', label: 'voice', noPop: 'no template for wrap-up end' },
    ],
  },
];

export async function playScenario(desk: DemoDesk, outputDir: string): Promise<number> {
  const { ext, sites } = desk;
  const started = Date.now();
  await rm(outputDir, { recursive: true, force: true });
  await mkdir(outputDir, { recursive: true });
  const lines: string[] = [];
  const say = (line: string) => {
    lines.push(line);
    console.log(line);
  };
  const screenshots: string[] = [];
  const shoot = async (page: Page, name: string) => {
    await page.bringToFront();
    await page.screenshot({ path: path.join(outputDir, name) });
    screenshots.push(name);
  };

  const blocker = ext.browser.process()?.spawnargs.includes('--disable-popup-blocking') ? 'OFF' : 'on';
  say(`CRM Screenpop demo — scripted scenario (no display). ${await ext.browser.version()}, popup blocker ${blocker}.`);
  say(`Agent desktops on ${sites.desktopOrigin}, CCAI adapter iframe and fake CRM on ${sites.otherOrigin}.`);
  say('Time from the vendor event being posted to the fake CRM receiving the request:');
  say('');
  const adapter = await waitFor(
    () => desk.ccaiPage.frames().find((f) => f.url().includes('/adapter/ccai.html')),
    'the CCAI adapter iframe',
  );
  await adapter.waitForFunction(() => typeof (window as unknown as Partial<DemoWindow>).demo === 'object');
  await desk.agentDesktopPage.waitForFunction(() => typeof (window as unknown as Partial<DemoWindow>).demo === 'object');

  let failure: string | undefined;
  for (const step of STEPS) {
    const page = step.page === 'ccai' ? desk.ccaiPage : desk.agentDesktopPage;
    const surface = step.page === 'ccai' ? adapter : desk.agentDesktopPage;
    const stepStarted = Date.now();
    try {
      await page.bringToFront();
      const crmBefore = new Set(await pagesAt(ext, `${sites.otherOrigin}/crm/`));
      const postedBefore = await surface.evaluate(() => (window as unknown as DemoWindow).demoPosted.length);
      const requestsBefore = sites.received.length;
      let requestsAccounted = requestsBefore;
      await step.act(surface);
      for (const [index, expected] of step.events.entries()) {
        const posted = await waitFor(
          () => surface.evaluate((i) => (window as unknown as DemoWindow).demoPosted[i] ?? null, postedBefore + index),
          `${expected.type} to be posted`,
          POP_TIMEOUT_MS,
        );
        if (posted.type !== expected.type) throw new StepFailure(`expected ${expected.type} to be posted, got ${posted.type}`);
        const event = `${expected.type} (${expected.label})`;
        if (!expected.pop) {
          say(`${'—'.padStart(9)}  ${event} → no pop (${expected.noPop ?? 'as configured'})`);
          continue;
        }
        const pop = expected.pop;
        const request = await popRequest(sites, requestsBefore, pop.path, event);
        requestsAccounted += 1;
        const tab = await waitFor(() => tabShowing(ext, sites, request, pop.target), `a tab titled "${pop.target}" at the requested URL`, POP_TIMEOUT_MS).catch(() => {
          throw new StepFailure(`${event}: the CRM was asked, but no tab titled "${pop.target}" shows it within ${POP_TIMEOUT_MS / 1000} s`);
        });
        const outcome = crmBefore.has(tab) ? 'reused' : 'opened';
        say(`${`+${request.at - posted.at} ms`.padStart(9)}  ${event} → tab "${pop.target}" ${outcome} ${requestPath(request)}`);
        await shoot(tab, pop.screenshot);
      }
      // Events that should not pop must not have reached the CRM either.
      await sleep(400);
      const extra = sites.received.slice(requestsAccounted);
      if (extra.length) throw new StepFailure(`unexpected CRM request ${requestPath(extra[0]!)}`);
      if (step.page === 'agentdesktop' && step.events.some((e) => e.pop)) await shoot(desk.agentDesktopPage, 'desktop-agentdesktop.png');
    } catch (error) {
      failure = `${step.does}: ${(error as Error).message}`;
      // What the extension itself saw and did during the failed step: the first thing to read.
      say('The extension\'s diagnostics for this step:');
      const entries = await storedDiagnostics(ext).catch((e: unknown) => {
        say(`  (unreadable: ${String(e)})`);
        return [];
      });
      for (const entry of entries.filter((e) => e.at >= stepStarted - 1000)) {
        say(`  ${new Date(entry.at).toISOString().slice(11, 23)} ${entry.kind.padEnd(7)} ${entry.summary}${entry.detail ? `\n      ${entry.detail.slice(0, 300)}` : ''}`);
      }
      break;
    }
  }

  say('');
  const crmTabs = await pagesAt(ext, `${sites.otherOrigin}/crm/`);
  const titles = await Promise.all(crmTabs.map((tab) => tab.title()));
  const groups = await tabGroupTitleOf(ext, `${sites.otherOrigin}/crm/`);
  say(`CRM tabs: ${crmTabs.length} — ${titles.map((t) => `"${t}"`).join(', ')}`);
  say(`Tab groups: ${groups.map((g) => `"${g}"`).join(', ')}`);
  if (!failure && [...titles].sort().join('|') !== [...EXPECTED_TABS].sort().join('|')) {
    failure = `expected exactly the tabs ${EXPECTED_TABS.join(', ')} (one per channel, reused), found ${titles.join(', ') || 'none'}`;
  }
  await shoot(desk.ccaiPage, failure ? 'failure-desktop-ccai.png' : 'desktop-ccai.png');
  if (failure) await shoot(desk.agentDesktopPage, 'failure-desktop-agentdesktop.png');

  say(failure ? `FAILED: ${failure}` : `OK in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  await writeFile(path.join(outputDir, 'timeline.txt'), `${lines.join('\n')}\n`);
  console.log(`Screenshots in ${path.relative(process.cwd(), outputDir)}/: ${screenshots.join(', ')}; timeline.txt`);
  return failure ? 1 : 0;
}

async function popRequest(sites: FakeSites, since: number, crmPath: string, event: string): Promise<ReceivedRequest> {
  try {
    return await waitFor(
      () => sites.received.slice(since).find((r) => r.path === crmPath && !claimed.has(r)),
      `the CRM request for ${event}`,
      POP_TIMEOUT_MS,
    ).then((request) => {
      claimed.add(request);
      return request;
    });
  } catch {
    throw new StepFailure(`${event} did not pop: the CRM received no ${crmPath} request within ${POP_TIMEOUT_MS / 1000} s`);
  }
}

/** Requests already matched to an earlier event. */
const claimed = new WeakSet<ReceivedRequest>();

/** The CRM tab at exactly the URL the CRM received, once the extension has named it. */
async function tabShowing(ext: ExtensionBrowser, sites: FakeSites, request: ReceivedRequest, target: string): Promise<Page | undefined> {
  for (const tab of await pagesAt(ext, `${sites.otherOrigin}${request.path}`)) {
    const url = new URL(tab.url());
    const sameQuery = JSON.stringify(Object.fromEntries(url.searchParams)) === JSON.stringify(request.query);
    if (sameQuery && (await tab.title()) === target) return tab;
  }
  return undefined;
}

function requestPath(request: ReceivedRequest): string {
  // Decoded, as the CRM read it: easier on the eye than percent-encoding.
  const query = Object.entries(request.query).map(([name, value]) => `${name}=${value}`).join('&');
  return `${request.path}${query ? `?${query}` : ''}`;
}

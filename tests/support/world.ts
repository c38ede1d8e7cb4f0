// What every end-to-end file sets up: the fake sites, Chromium with the extension and a saved
// configuration; the simulated agent desktops and the way vendors post to them.
import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { launchExtension, saveConfig, sleep, waitFor, type ExtensionBrowser, type LaunchOptions } from './browser';
import { startFakeSites, type FakeSites } from './fake-sites';

export interface World {
  ext: ExtensionBrowser;
  sites: FakeSites;
}

/**
 * Registers the file's hooks: before all, the sites, the browser and `config(sites)` saved through
 * the worker's real write path; before each test, the received requests cleared; after all, closed.
 * Register it first: the file's own beforeAll then sees a ready world.
 */
export function useWorld(config: (sites: FakeSites) => unknown, launch: LaunchOptions = {}): World {
  const world = {} as World;
  beforeAll(async () => {
    world.sites = await startFakeSites();
    world.ext = await launchExtension(launch);
    const reply = await saveConfig(world.ext, config(world.sites));
    if (!reply.ok) throw new Error(`The test configuration was rejected: ${reply.error}`);
  });
  afterAll(async () => {
    await world.ext?.close();
    await world.sites?.close();
  });
  beforeEach(() => {
    world.sites.received.length = 0;
    world.sites.answersCut.length = 0;
    world.sites.hookStatus = 200;
  });
  return world;
}

/** Opens the CCAI-style CRM page; returns it and its cross-origin agent-adapter iframe. */
export async function openCcaiDesktop({ ext, sites }: World): Promise<{ page: Page; adapter: Frame }> {
  const page = await ext.browser.newPage();
  await page.goto(`${sites.desktopOrigin}/desktop/ccai.html`);
  const adapter = await waitFor(() => page.frames().find((f) => f.url().includes('/adapter/ccai.html')), 'the adapter iframe');
  await adapter.waitForFunction(() => typeof (window as unknown as { post?: unknown }).post === 'function');
  await settle();
  return { page, adapter };
}

/** Opens a same-origin agent desktop page of tests/fixtures/site/desktop (`agentdesktop.html`, …). */
export async function openDesktop({ ext, sites }: World, file: string): Promise<Page> {
  const page = await ext.browser.newPage();
  await page.goto(`${sites.desktopOrigin}/desktop/${file}`);
  await settle();
  return page;
}

/** The bridge reads where to listen asynchronously at document_start; give it that moment. */
function settle(): Promise<void> {
  return sleep(300);
}

/** The CCAI agent adapter posts a message to its parent, as a JSON string. */
export async function postFromAdapter(adapter: Frame, payload: unknown): Promise<void> {
  await adapter.evaluate((p) => (window as unknown as { post(x: unknown): void }).post(p), payload);
}

/** A same-origin agent desktop posts an event object to itself. */
export async function emitOn(page: Page, event: unknown): Promise<void> {
  await page.evaluate((e) => (window as unknown as { emit(x: unknown): void }).emit(e), event);
}

/**
 * Runs `expression` in the page the way a vendor's own code runs under auto-answer: with no user
 * activation (puppeteer's page.evaluate would grant one, and the popup blocker would let it pass).
 */
export async function runWithoutGesture<T>(page: Page, expression: string): Promise<T> {
  const cdp = await page.createCDPSession();
  try {
    const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { expression, userGesture: false, returnByValue: true, awaitPromise: true });
    if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
    return result.value as T;
  } finally {
    await cdp.detach();
  }
}

// Launches the system Chromium with the built extension, as an agent runs it: popup blocker on.
import { existsSync, mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findChrome } from './chrome-path';
import puppeteer, { type Browser, type Page, type Target, type WebWorker } from 'puppeteer-core';

/** The built extension; CRM_DIST points elsewhere (e.g. a private build while another build runs). */
export const DIST = process.env.CRM_DIST ?? path.resolve(import.meta.dirname, '../../dist');
export const EXTENSION_ID = 'bbihefaoipnkddimelmphcckcfaeogdc';

export interface ExtensionBrowser {
  browser: Browser;
  extensionId: string;
  /** The extension's service worker (started again if it was stopped), within `timeoutMs` (20 s). */
  worker(timeoutMs?: number): Promise<WebWorker>;
  /** Stops the service worker, as Chrome does after 30 s idle. */
  stopWorker(): Promise<void>;
  optionsUrl: string;
  close(): Promise<void>;
}

export interface LaunchOptions {
  headless?: boolean;
  /** A real window size instead of puppeteer's fixed 800×600 viewport (the demo, screenshots). */
  windowSize?: { width: number; height: number };
  /** false: the caller closes the browser on Ctrl+C itself (puppeteer's own handler exits at once). */
  handleSignals?: boolean;
  /** A profile to keep across launches (a browser restart); the caller removes it. */
  userDataDir?: string;
  /** The browser's UI language (what chrome.i18n picks the extension's strings by), e.g. "it". */
  lang?: string;
  /** Another build to load (a packed package's unpacked copy), and the id its key gives. */
  dist?: string;
  extensionId?: string;
  /** Other unpacked extensions to load beside ours (e.g. a hostile one in security tests). */
  otherExtensions?: string[];
}

export async function launchExtension(options: LaunchOptions = {}): Promise<ExtensionBrowser> {
  const dist = options.dist ?? DIST;
  const extensionId = options.extensionId ?? EXTENSION_ID;
  if (!existsSync(path.join(dist, 'manifest.json'))) throw new Error(`${dist} is missing: run \`npm run build\` first`);
  const userDataDir = options.userDataDir ?? (await mkdtemp(path.join(tmpdir(), 'crm-screenpop-')));
  const browser = await puppeteer.launch({
    executablePath: findChrome(),
    headless: options.headless ?? true,
    pipe: true,
    userDataDir,
    enableExtensions: [dist, ...(options.otherExtensions ?? [])],
    ...(options.windowSize ? { defaultViewport: null } : {}),
    handleSIGINT: options.handleSignals ?? true,
    handleSIGTERM: options.handleSignals ?? true,
    handleSIGHUP: options.handleSignals ?? true,
    // Agents have Chrome's popup blocker on; a test without it would prove nothing.
    ignoreDefaultArgs: ['--disable-popup-blocking'],
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      ...(options.windowSize ? [`--window-size=${options.windowSize.width},${options.windowSize.height}`] : []),
      ...(options.lang ? [`--lang=${options.lang}`] : []),
    ],
  });
  const isWorker = (t: Target) => t.type() === 'service_worker' && t.url().startsWith(`chrome-extension://${extensionId}/`);
  await browser.waitForTarget(isWorker, { timeout: 20_000 });
  /** Whether the worker answers (a stopped one's handle may linger in the target list a while). */
  const answers = async (running: WebWorker): Promise<boolean> =>
    within(running.evaluate(() => typeof chrome !== 'undefined' && Boolean(chrome.runtime?.id)).catch(() => false), 1_000, () => false);
  const worker = async (timeoutMs = 20_000): Promise<WebWorker> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      // After restarts, stopped workers' targets can linger in the list: ask every one at once (one
      // by one, a dozen stale handles at a second each outlast any deadline) and take the newest
      // that answers.
      const answering = await Promise.all(
        browser
          .targets()
          .filter(isWorker)
          .map((target) =>
            // Attaching to a worker that is going away can hang: bounded like the question itself.
            within(
              (async () => {
                const running = await target.worker().catch(() => null);
                return running && (await answers(running)) ? running : null;
              })(),
              2_000,
              () => null,
            ),
          ),
      );
      const running = answering.filter((w): w is WebWorker => w !== null).at(-1);
      if (running) return running;
      if (Date.now() > deadline) throw new Error('the service worker does not answer');
      // Wake it the way Chrome does: an extension page asks it something.
      const page = await browser.newPage();
      await page.goto(`chrome-extension://${extensionId}/src/options/index.html`).catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await page.close().catch(() => undefined);
    }
  };
  return {
    browser,
    extensionId,
    worker,
    async stopWorker() {
      const target = browser.targets().find(isWorker);
      if (!target) return;
      await (await target.worker())?.close();
      await waitFor(() => !browser.targets().some(isWorker), 'the service worker to stop');
    },
    optionsUrl: `chrome-extension://${extensionId}/src/options/index.html`,
    async close() {
      await browser.close();
      if (!options.userDataDir) await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Saves a configuration document through the worker's real write path; returns its reply. */
export async function saveConfig(ext: ExtensionBrowser, config: unknown): Promise<{ ok: boolean; error?: string }> {
  const page = await ext.browser.newPage();
  try {
    await page.goto(ext.optionsUrl);
    return await page.evaluate((doc) => chrome.runtime.sendMessage({ kind: 'config/save', config: doc }), config);
  } finally {
    await page.close();
  }
}

/** Pages of the browser whose URL starts with `prefix`. */
export async function pagesAt(ext: ExtensionBrowser, prefix: string): Promise<Page[]> {
  // browser.pages() attaches to every tab and can hang on one still being created (a background
  // tab under load): bounded, so that a test says so instead of running into its own timeout. Never
  // "no tabs" for it, which would pass a test that expects none.
  const pages = await within(ext.browser.pages(), 10_000, () => {
    throw new Error('the browser did not list its tabs within 10 s');
  });
  return pages.filter((p) => p.url().startsWith(prefix));
}

/**
 * Closes a tab. Puppeteer's close waits for the target to be gone, and for a background tab opened
 * by the extension that wait can outlast the test under load (the tab closes all the same): bounded.
 */
export async function closePage(page: Page): Promise<void> {
  await within(page.close().catch(() => undefined), 5_000, () => undefined);
}

/** Tabs at `prefix`, once at least one is there (a new tab shows up in puppeteer a moment late). */
export async function tabsAt(ext: ExtensionBrowser, prefix: string): Promise<Page[]> {
  return waitFor(async () => {
    const found = await pagesAt(ext, prefix);
    return found.length ? found : undefined;
  }, `a tab at ${prefix}`);
}

export async function waitFor<T>(
  probe: () => T | Promise<T>,
  what: string,
  timeoutMs = 10_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    // A probe that hangs (a browser call that never answers) ends at the deadline, named, instead
    // of running into the test's own timeout.
    const expired = Symbol('expired');
    const answer = await within<T, typeof expired>(Promise.resolve(probe()), Math.max(0, deadline - Date.now()), () => expired);
    if (answer === expired) break;
    last = answer;
    if (last) return last as NonNullable<T>;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
}

/** `promise`, or what `late()` gives (or throws) once `ms` have passed without it settling. */
export async function within<T, L>(promise: Promise<T>, ms: number, late: () => L): Promise<T | L> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<L>((resolve, reject) => {
    timer = setTimeout(() => {
      try {
        resolve(late());
      } catch (error) {
        reject(error as Error);
      }
    }, ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function sleep(ms: number): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
}

/** Tab groups' titles, read through the extension (what the agent sees on the tab strip). */
export async function tabGroupTitleOf(ext: ExtensionBrowser, urlPrefix: string): Promise<string[]> {
  const worker = await ext.worker();
  return worker.evaluate(async (prefix: string) => {
    const tabs = await chrome.tabs.query({});
    const titles: string[] = [];
    for (const tab of tabs) {
      if (!tab.url?.startsWith(prefix) || tab.groupId === -1) continue;
      titles.push((await chrome.tabGroups.get(tab.groupId)).title ?? '');
    }
    return titles;
  }, urlPrefix);
}

/**
 * Where a test's screenshot goes: `test-output/` (ignored by git), or the README's
 * `docs/screenshots/` when UPDATE_DOCS_SCREENSHOTS=1 — so that a test run leaves the tree clean.
 */
export function screenshotPath(name: string): string {
  const dir = process.env.UPDATE_DOCS_SCREENSHOTS === '1'
    ? path.resolve(import.meta.dirname, '../../docs/screenshots')
    : path.resolve(import.meta.dirname, '../../test-output');
  mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}

/** The diagnostics log as the worker stores it (chunks `diag:<n>` in session storage), oldest first. */
export async function storedDiagnostics<T = { at: number; kind: string; key?: string; summary: string; detail?: string }>(
  ext: ExtensionBrowser,
): Promise<T[]> {
  const read = async () => {
    if (typeof chrome === 'undefined' || !chrome.storage) return null;
    const all = await chrome.storage.session.get(null);
    return Object.keys(all)
      .filter((key) => key.startsWith('diag:'))
      .sort((a, b) => Number(a.slice(5)) - Number(b.slice(5)))
      .flatMap((key) => all[key] as Array<{ at: number }>)
      .sort((a, b) => a.at - b.at);
  };
  // A worker that was just stopped or started may be attached before `chrome` exists in it, or
  // go away under the call: ask again. Session storage is the extension's, not the worker's: when
  // no worker handle answers (puppeteer attached to one going away), an extension page reads it.
  let failures = 0;
  return waitFor(async () => {
    try {
      if (failures < 2) return (await (await ext.worker(4_000)).evaluate(read)) as T[] | null;
      const page = await ext.browser.newPage();
      try {
        await page.goto(`chrome-extension://${ext.extensionId}/src/lookup/index.html`);
        return (await page.evaluate(read)) as T[] | null;
      } finally {
        await page.close();
      }
    } catch {
      failures++;
      return null;
    }
  }, 'the diagnostics from the worker');
}

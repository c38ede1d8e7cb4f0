// Where the bridge listens: the table it reads, and its registration on exactly the configured
// source pages (no static content scripts, so it runs nowhere else).
import browser from 'webextension-polyfill';
import type { Config } from '../core/config';
import { BRIDGE_TABLE_KEY, type BridgeRule } from '../core/worker-api';
import { writeLocal } from './storage';

const BRIDGE_SCRIPT_ID = 'bridge';
const RESCUE_SCRIPT_ID = 'rescue';

/** Tells the bridge where to listen, and registers it on exactly the configured source pages. */
export async function publishBridge(config: Config): Promise<void> {
  const rules: BridgeRule[] = config.sources.map((s) => ({
    sourceId: s.id,
    adapter: s.adapter,
    ...(s.adapter === 'generic' && s.mapping ? { typePath: s.mapping.type } : {}),
    pages: s.pages,
    senders: s.senders,
  }));
  // The key the content script reads (src/core/worker-api.ts), one of storage.ts's keys.
  await writeLocal({ [BRIDGE_TABLE_KEY]: rules });
  const matches = [...new Set(rules.flatMap((rule) => rule.pages))];
  const registered = await chrome.scripting.getRegisteredContentScripts({ ids: [BRIDGE_SCRIPT_ID, RESCUE_SCRIPT_ID] });
  const same = registered.length === 2 && registered.every((s) => sameSet(s.matches ?? [], matches));
  if (same) return;
  if (registered.length) {
    await chrome.scripting.unregisterContentScripts({ ids: registered.map((s) => s.id) });
  }
  if (!matches.length) return;
  await chrome.scripting.registerContentScripts([
    { id: BRIDGE_SCRIPT_ID, js: ['content/bridge.js'], matches, allFrames: true, runAt: 'document_start' },
    {
      id: RESCUE_SCRIPT_ID,
      js: ['content/rescue-main.js'],
      matches,
      allFrames: true,
      runAt: 'document_start',
      world: 'MAIN',
    },
  ]);
  await injectIntoOpenTabs(matches);
}

/** Pages already open when a source is configured get the bridge without a reload. */
async function injectIntoOpenTabs(matches: string[]): Promise<void> {
  const tabs = await browser.tabs.query({ url: matches });
  await Promise.all(
    tabs.map(async (tab) => {
      if (tab.id === undefined) return;
      try {
        await chrome.scripting.executeScript({ target: { tabId: tab.id, allFrames: true }, files: ['content/bridge.js'] });
        await chrome.scripting.executeScript({
          target: { tabId: tab.id, allFrames: true },
          files: ['content/rescue-main.js'],
          world: 'MAIN',
        });
      } catch {
        // A frame we may not script (error page, chrome://): it gets the bridge on its next load.
      }
    }),
  );
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

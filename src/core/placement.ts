// Pure rules behind the placements: which tab a target name stands for, which pages an action must
// never touch, where the CRM window opens, when a CRM tab may be closed, which frames the side
// panel may unblock. The worker applies them with chrome.* calls.
import type { Source, WindowBounds } from './config';
import { matchesPage } from './patterns';

/** The tab a target name stands for, and what we opened in it (for clean-up). */
export interface TargetTab {
  tabId: number;
  windowId: number;
}

/**
 * Target name → tab. A Map, never a plain object: a window name such as `toString`, `constructor`
 * or `__proto__` (a vendor's `window.open(url, "toString")`) is an ordinary name, not a way into
 * Object.prototype. Stored as a list of entries for the same reason.
 */
export class TargetRegistry {
  private readonly tabs = new Map<string, TargetTab>();

  constructor(entries: unknown = []) {
    if (!Array.isArray(entries)) return;
    for (const entry of entries) {
      if (!Array.isArray(entry) || typeof entry[0] !== 'string') continue;
      const tab = readTargetTab(entry[1]);
      if (tab) this.tabs.set(entry[0], tab);
    }
  }

  get(target: string): TargetTab | undefined {
    return this.tabs.get(target);
  }

  set(target: string, tab: TargetTab): void {
    this.tabs.set(target, tab);
  }

  /** Names pointing at `tabId`. */
  namesOf(tabId: number): string[] {
    return [...this.tabs].filter(([, tab]) => tab.tabId === tabId).map(([name]) => name);
  }

  /** Forgets the tab under every name; true when it had one. */
  forgetTab(tabId: number): boolean {
    const names = this.namesOf(tabId);
    for (const name of names) this.tabs.delete(name);
    return names.length > 0;
  }

  entries(): [string, TargetTab][] {
    return [...this.tabs];
  }
}

function readTargetTab(value: unknown): TargetTab | undefined {
  const v = value as Partial<TargetTab> | null;
  if (typeof v !== 'object' || v === null) return undefined;
  if (!Number.isInteger(v.tabId) || !Number.isInteger(v.windowId)) return undefined;
  return { tabId: v.tabId!, windowId: v.windowId! };
}

/** Is `url` an agent desktop, i.e. a page a configured source listens on? */
export function isSourcePage(url: string | undefined, sources: readonly Pick<Source, 'pages'>[]): boolean {
  if (!url) return false;
  return sources.some((source) => source.pages.some((page) => matchesPage(page, url)));
}

export function sameOrigin(a: string | undefined, b: string | undefined): boolean {
  try {
    return new URL(a ?? '').origin === new URL(b ?? '').origin;
  } catch {
    return false;
  }
}

/**
 * May the clean-up close this tab? Only if it still shows the page we opened for this interaction
 * (same origin), no later interaction has taken it over, and it is no agent desktop.
 */
export function mayCloseTab(
  opened: { origin: string; interactionKey: string },
  now: { url: string | undefined; interactionKey: string | undefined },
  sources: readonly Pick<Source, 'pages'>[],
): boolean {
  if (now.interactionKey !== opened.interactionKey) return false;
  if (!sameOrigin(now.url, opened.origin)) return false;
  return !isSourcePage(now.url, sources);
}

/** The origin of a URL we open, kept instead of the URL (which may carry a phone number). */
export function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
}

/** The CRM window's bounds as the agent last left them, and the action setting they replaced. */
export interface RememberedBounds {
  bounds: WindowBounds;
  /** JSON of the action's `window` when the agent moved it: a new admin setting wins again. */
  actionSetting: string;
}

export function boundsKey(action: WindowBounds | undefined): string {
  return JSON.stringify(action ?? {});
}

/** Where a new CRM window opens: where the agent left it, unless the action's setting changed since. */
export function crmWindowBounds(action: WindowBounds | undefined, remembered: RememberedBounds | undefined): WindowBounds {
  if (remembered && remembered.actionSetting === boundsKey(action)) return remembered.bounds;
  return action ?? {};
}

/** A declarativeNetRequest session rule, in the shape Chrome takes (typed here, applied by the worker). */
export interface FramingRule {
  id: number;
  priority: number;
  action: { type: 'modifyHeaders'; responseHeaders: { header: string; operation: 'remove' }[] };
  condition: {
    resourceTypes: ['sub_frame'];
    initiatorDomains: string[];
    tabIds: number[];
    urlFilter?: string;
    regexFilter?: string;
  };
}

/** Frames of our own pages that belong to no tab: the side panel. */
const NO_TAB = -1;
export const FRAMING_RULE_BASE = 1200;

/**
 * One rule per admin-listed origin: in frames our side panel loads (initiator: this extension,
 * no tab), that origin's X-Frame-Options and Content-Security-Policy headers are removed. Nothing
 * else is touched: not the CRM in a tab, not another extension's or site's frame of it.
 */
export function framingRules(origins: readonly string[], extensionId: string): FramingRule[] {
  const rules: FramingRule[] = [];
  for (const pattern of origins) {
    const m = /^(https?):\/\/(\*\.)?([^/*:]+)(:\d{1,5})?\/?$/.exec(pattern);
    if (!m) continue;
    const [, scheme, wildcard, host = '', port = ''] = m;
    const where = wildcard
      ? { regexFilter: `^${scheme}://([a-z0-9-]+\\.)*${host.replace(/[.]/g, '\\.')}${port}/` }
      : { urlFilter: `|${scheme}://${host}${port}/` };
    rules.push({
      id: FRAMING_RULE_BASE + rules.length,
      priority: 1,
      action: {
        type: 'modifyHeaders',
        responseHeaders: [
          { header: 'x-frame-options', operation: 'remove' },
          { header: 'content-security-policy', operation: 'remove' },
        ],
      },
      condition: { resourceTypes: ['sub_frame'], initiatorDomains: [extensionId], tabIds: [NO_TAB], ...where },
    });
  }
  return rules;
}

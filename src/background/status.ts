// What the agent can read at a glance: each source's health for the popup, and the toolbar badge
// (interactions in progress, paused, or a warning when pops fail, a source's messages are ignored,
// or the bridge hears nothing: a source page open but silent, or no source page open).
import browser from 'webextension-polyfill';
import type { Config } from '../core/config';
import type { InteractionRecord } from '../core/interaction-state';
import { pluralKey } from '../core/plural';
import type { SourceHealth, SourceStatus, StatusReply } from '../core/worker-api';
import { interactionStore } from './interaction-records';
import { IGNORED_SHOWN_MS, readHealth } from './source-health';

async function pageOpen(pages: string[]): Promise<boolean> {
  try {
    return (await browser.tabs.query({ url: pages })).length > 0;
  } catch {
    return false; // a pattern tabs.query does not take: the heard-from signal decides
  }
}

/** Messages from an untrusted origin came lately, and nothing trusted since. */
function isIgnored(h: SourceHealth, now: number): boolean {
  return h.ignored !== undefined && now - h.ignored.at < IGNORED_SHOWN_MS && (h.heardAt ?? 0) < h.ignored.at;
}

export async function sourceStatuses(config: Config, now = Date.now()): Promise<SourceStatus[]> {
  const health = await readHealth();
  return Promise.all(
    config.sources.map(async (source): Promise<SourceStatus> => {
      const h = health[source.id] ?? {};
      const base = { id: source.id, adapter: source.adapter };
      if (h.ignored && isIgnored(h, now)) {
        return { ...base, state: 'ignored', origin: h.ignored.origin };
      }
      // A source page can be a frame inside another site's tab: having heard it counts as open.
      const open = (await pageOpen(source.pages)) || (h.heardAt !== undefined && now - h.heardAt < IGNORED_SHOWN_MS);
      if (!open) return { ...base, state: 'notOpen' };
      return { ...base, state: h.heardAt !== undefined ? 'connected' : 'waiting' };
    }),
  );
}

/**
 * What the badge warns of about the sources, from the popup's own statuses (one reading of the
 * truth): a source whose messages are ignored; one whose page is open but was never heard from;
 * no source page open at all. None with no sources configured.
 */
type SourceWarning = { kind: 'ignored'; id: string; origin: string } | { kind: 'silent'; id: string } | { kind: 'notOpen' };

async function sourceWarning(config: Config, now = Date.now()): Promise<SourceWarning | undefined> {
  if (!config.sources.length) return undefined;
  const statuses = await sourceStatuses(config, now);
  const ignored = statuses.find((s) => s.state === 'ignored');
  if (ignored) return { kind: 'ignored', id: ignored.id, origin: ignored.origin ?? '' };
  const silent = statuses.find((s) => s.state === 'waiting');
  if (silent) return { kind: 'silent', id: silent.id };
  // An agent may use one of several desktops: only when none is open does nothing reach us.
  if (statuses.every((s) => s.state === 'notOpen')) return { kind: 'notOpen' };
  return undefined;
}

export async function readStatus(config: Config): Promise<StatusReply> {
  return { paused: config.settings.paused, sources: await sourceStatuses(config) };
}

const inProgress = (r: InteractionRecord) => !r.forgotten && r.phase !== null && r.endedAt === null;
const failing = (r: InteractionRecord) => inProgress(r) && (r.outcome?.kind === 'refused' || r.outcome?.kind === 'failed');

const BADGE_DELAY_MS = 150;
let badgeTimer: ReturnType<typeof setTimeout> | undefined;
let shown = '';

/**
 * Refreshes the badge shortly after a burst of jobs, once: it never waits in the queue of events,
 * so a flood of messages costs no badge work per message.
 */
export function scheduleBadge(config: () => Config): void {
  badgeTimer ??= setTimeout(() => {
    badgeTimer = undefined;
    refreshBadge(config()).catch(() => undefined);
  }, BADGE_DELAY_MS);
}

/** Paused beats a warning, which beats the count: each hides what matters less. */
export async function refreshBadge(config: Config): Promise<void> {
  const records = await interactionStore.list();
  const warning = await sourceWarning(config);
  const failed = records.find(failing);
  const count = records.filter(inProgress).length;
  const msg = (key: string, ...args: string[]) => browser.i18n.getMessage(key, args);
  let text = count ? String(count) : '';
  let color = '#1a5fb4';
  const locale = msg('locale') || 'en';
  let title = count ? msg(pluralKey('badgeTitleCount', count, locale, (k) => !!msg(k)), String(count)) : msg('extName');
  if (config.settings.paused) {
    [text, color, title] = ['II', '#5e5c64', msg('badgeTitlePaused')];
  } else if (failed || warning) {
    text = '!';
    color = '#c01c28';
    if (failed) title = msg('badgeTitleFailing');
    else if (warning!.kind === 'ignored') title = msg('badgeTitleIgnored', warning!.id, warning!.origin);
    else if (warning!.kind === 'silent') title = msg('badgeTitleSilent', warning!.id);
    else title = msg('badgeTitleNotOpen');
  }
  const next = JSON.stringify([text, color, title]);
  if (next === shown) return;
  shown = next;
  await Promise.all([
    browser.action.setBadgeText({ text }),
    browser.action.setBadgeBackgroundColor({ color }),
    browser.action.setTitle({ title }),
  ]);
}

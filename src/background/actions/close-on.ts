// Clean-up (`closeOn`): when the interaction ends or its wrap-up ends, the CRM tab we opened for it
// is closed — only if it still shows the site we opened (same origin), no later pop has taken the
// tab over, and it is no agent desktop. Kept in session storage: origins and ids, no URL.
import type { CloseOnPhase } from '../../core/config';
import { mayCloseTab } from '../../core/placement';
import { currentConfig } from '../config-store';
import { readSession, writeSession } from '../storage';
import { loadTargets } from './targets';

/** A bound on what a long shift leaves behind when interactions never end. */
const MAX_KEPT = 100;

export interface PendingClose {
  interactionKey: string;
  tabId: number;
  /** Origin of the page we opened (no path, no query: no personal data). */
  origin: string;
  phases: CloseOnPhase[];
}

export async function closeLater(pending: PendingClose): Promise<void> {
  const list = (await readSession('closeOnTabs', [])).filter(
    (p) => !(p.tabId === pending.tabId && p.interactionKey === pending.interactionKey),
  );
  list.push(pending);
  await writeSession({ closeOnTabs: list.slice(-MAX_KEPT) });
}

async function owners(): Promise<Map<number, string | null>> {
  return new Map(await readSession('tabOwners', []));
}

/** Every page we open says whose it is: a later pop's page saves the tab from an earlier end. */
export async function noteTabOwner(tabId: number, interactionKey: string | undefined): Promise<void> {
  const map = await owners();
  map.delete(tabId);
  map.set(tabId, interactionKey ?? null);
  await writeSession({ tabOwners: [...map].slice(-MAX_KEPT) });
}

export interface CloseOutcome {
  tabId: number;
  target: string;
  closed: boolean;
}

/** The phase arrived: closes what may be closed; each pending close is tried once. */
export async function closeOnPhase(interactionKey: string, phase: CloseOnPhase): Promise<CloseOutcome[]> {
  const list = await readSession('closeOnTabs', []);
  const due = list.filter((p) => p.interactionKey === interactionKey && p.phases.includes(phase));
  if (!due.length) return [];
  await writeSession({ closeOnTabs: list.filter((p) => !due.includes(p)) });
  const registry = await loadTargets();
  const owner = await owners();
  const outcomes: CloseOutcome[] = [];
  for (const pending of due) {
    let tab: chrome.tabs.Tab;
    try {
      tab = await chrome.tabs.get(pending.tabId);
    } catch {
      continue; // the agent closed it already
    }
    const [target = ''] = registry.namesOf(pending.tabId);
    const may = mayCloseTab(
      { origin: pending.origin, interactionKey },
      { url: tab.url || tab.pendingUrl, interactionKey: owner.get(pending.tabId) ?? undefined },
      currentConfig().sources,
    );
    if (may) await chrome.tabs.remove(pending.tabId).catch(() => undefined);
    outcomes.push({ tabId: pending.tabId, target, closed: may });
  }
  return outcomes;
}

/** tabs.onRemoved: nothing left to close there. */
export async function forgetPendingClose(tabId: number): Promise<void> {
  const list = await readSession('closeOnTabs', []);
  const kept = list.filter((p) => p.tabId !== tabId);
  if (kept.length !== list.length) await writeSession({ closeOnTabs: kept });
  const map = await owners();
  if (map.delete(tabId)) await writeSession({ tabOwners: [...map] });
}

/** Interactions past `historyMinutes` close nothing any more. */
export async function forgetPendingClosesOf(isLive: (interactionKey: string) => boolean): Promise<void> {
  const list = await readSession('closeOnTabs', []);
  const kept = list.filter((p) => isLive(p.interactionKey));
  if (kept.length !== list.length) await writeSession({ closeOnTabs: kept });
}

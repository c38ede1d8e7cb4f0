// A window.open the popup blocker refused on a source page, opened by the extension instead —
// within the limits of core/rescue-policy: never in a template's tab, inside the source's
// rescueUrlPrefixes, a few per minute per page.
import type { RescueMessage } from '../core/worker-api';
import { matchesPage } from '../core/patterns';
import { admitRescue, rescueTarget, rescueUrlAllowed } from '../core/rescue-policy';
import { checkUrl } from '../core/templates';
import { openInTarget } from './actions/tab';
import { currentConfig } from './config-store';
import { logDiagnostic } from './diagnostics';
import type { HeardOn } from './pipeline';
import { readSession, writeSession } from './storage';

/** Rescue ids remembered: far more than the few a page may open in a minute. */
const MAX_IDS = 100;

export async function handleRescue(message: RescueMessage, sender: HeardOn): Promise<void> {
  // Exactly once across worker deaths, as for vendor events: a rescue whose tab opened is done.
  const ids = await readSession('rescueIds', { admitted: [], done: [] });
  if (message.id && message.redelivered && ids.done.includes(message.id)) return;
  const config = currentConfig();
  const source = config.sources.find((s) => s.id === message.sourceId);
  if (!source || !sender.frameUrl || !source.pages.some((page) => matchesPage(page, sender.frameUrl!))) return;
  if (config.settings.paused) return;
  const checked = checkUrl(message.url, config.settings);
  if (!checked.ok) {
    await logDiagnostic({ kind: 'refused', code: 'rescueRefused', args: [checked.reason] });
    return;
  }
  if (!rescueUrlAllowed(source, checked.url)) {
    await logDiagnostic({ kind: 'refused', code: 'rescueOutsidePrefixes', args: [new URL(checked.url).origin, source.id] });
    return;
  }
  // A re-delivered rescue was counted when first admitted: the limit is per popup, not per delivery.
  const counted = message.id !== undefined && message.redelivered === true && ids.admitted.includes(message.id);
  if (!counted) {
    if (!(await admitForPage(sender.tabId))) {
      await logDiagnostic({ kind: 'refused', code: 'rescueTooMany' });
      return;
    }
    if (message.id) await rememberRescue(message.id, 'admitted');
  }
  const target = rescueTarget(config, message.target, (name) => chrome.i18n.getMessage('rescuedPopupTarget', [name]) || `${name} (popup)`);
  const opened = await openInTarget({
    url: checked.url,
    target,
    action: { reuse: true, focus: true, placement: 'tab' },
    agentWindowId: sender.windowId,
    // The dying worker may have opened it already: then the tab is found, not loaded again.
    redelivered: message.redelivered === true,
  });
  if (message.id) await rememberRescue(message.id, 'done');
  // The URL is left out: it may carry the customer's number, and this line has no interaction
  // whose end would clean it.
  await logDiagnostic({ kind: 'action', code: 'popupRescued', args: [target, opened.outcome] });
}

/** Per tab, in session storage: a worker restart must not reset the count. */
async function admitForPage(tabId: number | undefined): Promise<boolean> {
  const key = String(tabId ?? -1);
  const all = await readSession('rescueTimes', {});
  const admitted = admitRescue(Object.hasOwn(all, key) ? all[key]! : [], Date.now());
  if (!admitted) return false;
  await writeSession({ rescueTimes: { ...all, [key]: admitted } });
  return true;
}

/** A rescue id reached a step (counted against the limit; its tab opened), newest kept. */
async function rememberRescue(id: string, step: 'admitted' | 'done'): Promise<void> {
  const ids = await readSession('rescueIds', { admitted: [], done: [] });
  await writeSession({ rescueIds: { ...ids, [step]: [...ids[step], id].slice(-MAX_IDS) } });
}

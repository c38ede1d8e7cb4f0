// The notify action: a desktop notification for an interaction (a missed call, or an agent who
// wants to choose when the CRM opens). A click on it, or on its "Open CRM" button, opens the URL
// in the named target like a tab action. What a click opens is kept in session storage (the URL
// carries personal data) and forgotten once the notification is clicked or dismissed.
import type { NotifyAction } from '../../core/config';
import { readSession, writeSession } from '../storage';
import { openInTarget, type OpenRequest, type OpenResult } from './tab';

const MAX_KEPT = 50;
const ICON = 'icons/notify-128.png';

export type PendingOpen = Omit<OpenRequest, 'action'> & { action: Pick<NotifyAction, 'reuse' | 'focus' | 'placement' | 'window'> };

/**
 * Every notification on screen, with or without a URL: its text may carry a phone number or an
 * address, so it is cleared when its interaction is forgotten (a test pop's, historyMinutes after
 * it was shown).
 */
export interface KeptNotification {
  /** What a click opens; none: the notification only informs. */
  open?: PendingOpen;
  /** The interaction it is about; none: a test pop from the options page. */
  interactionKey?: string;
  shownAt: number;
}

async function kept(): Promise<Map<string, KeptNotification>> {
  return new Map(await readSession('notifications', []));
}

async function save(map: Map<string, KeptNotification>): Promise<void> {
  // The oldest past MAX_KEPT leave the screen too: one nobody keeps track of would never be cleared.
  const entries = [...map];
  for (const [id] of entries.slice(0, -MAX_KEPT)) await chrome.notifications.clear(id).catch(() => false);
  await writeSession({ notifications: entries.slice(-MAX_KEPT) });
}

/** Which interaction, phase and template a notification is for: the same three, the same notification. */
export interface NotificationOwner {
  interactionKey: string;
  phase: string;
  templateId: string;
}

export interface NotifyRequest {
  title: string;
  message: string;
  /** What a click opens; none: the notification only informs. */
  open?: PendingOpen;
  /** None: a test pop (a notification of its own each time). */
  owner?: NotificationOwner;
}

/**
 * Exactly once (#8): an event the bridge delivers again after a worker restart fires its phase
 * again; the same id makes Chrome replace the notification instead of showing a second one.
 * Hashed: the id is kept in storage and handed around, the interaction id need not be.
 */
export function notificationId(owner: NotificationOwner): string {
  const text = `${owner.interactionKey}\n${owner.phase}\n${owner.templateId}`;
  // cyrb53: 53 well-mixed bits, plenty for the notifications of one browser session.
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return `crm-${(4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36)}`;
}

export async function showNotification({ title, message, open, owner }: NotifyRequest, now = Date.now()): Promise<string> {
  const id = owner ? notificationId(owner) : `crm-${crypto.randomUUID()}`;
  // Kept before it is shown: a worker that dies in between leaves nothing on screen untracked.
  const map = await kept();
  map.delete(id);
  const interactionKey = owner?.interactionKey ?? open?.interactionKey;
  map.set(id, { ...(open ? { open } : {}), ...(interactionKey !== undefined ? { interactionKey } : {}), shownAt: now });
  await save(map);
  await chrome.notifications.create(id, {
    type: 'basic',
    iconUrl: chrome.runtime.getURL(ICON),
    title,
    message,
    // Stays until the agent acts: a missed call must not vanish while they are on another one.
    requireInteraction: true,
    ...(open ? { buttons: [{ title: chrome.i18n.getMessage('notifyOpenCrm') || 'Open CRM' }] } : {}),
  });
  return id;
}

/** notifications.onClicked / onButtonClicked: open the CRM, then take the notification away. */
export async function openFromNotification(id: string): Promise<(OpenResult & { target: string }) | undefined> {
  const map = await kept();
  const open = map.get(id)?.open;
  await chrome.notifications.clear(id).catch(() => false);
  if (map.delete(id)) await save(map);
  if (!open) return undefined;
  const opened = await openInTarget(open);
  return { ...opened, target: open.target };
}

/**
 * Privacy: the notifications of an interaction past `historyMinutes` leave the screen (with what a
 * click would open), and so do a test pop's, historyMinutes after it was shown.
 */
export async function forgetNotificationsOf(isLive: (interactionKey: string) => boolean, now = Date.now(), historyMinutes = 0): Promise<void> {
  const map = await kept();
  const gone = [...map]
    .filter(([, kept]) => (kept.interactionKey !== undefined ? !isLive(kept.interactionKey) : now - kept.shownAt >= historyMinutes * 60_000))
    .map(([id]) => id);
  if (!gone.length) return;
  for (const id of gone) {
    map.delete(id);
    await chrome.notifications.clear(id).catch(() => false);
  }
  await save(map);
}

/** notifications.onClosed: dismissed; nothing to open or clear any more. */
export async function forgetNotification(id: string): Promise<void> {
  const map = await kept();
  if (map.delete(id)) await save(map);
}

/** The action's title and message, rendered; the defaults say channel, phase and who. */
export function notificationText(
  action: Pick<NotifyAction, 'title' | 'message'>,
  render: (text: string) => string,
  defaults: { channelLabel: string; phase: string; who: string },
): { title: string; message: string } {
  const phase = chrome.i18n.getMessage(`phase_${defaults.phase}`) || defaults.phase;
  const title = render(action.title).trim() || chrome.i18n.getMessage('notifyDefaultTitle', [defaults.channelLabel, phase]) || `${defaults.channelLabel}: ${phase}`;
  const message = render(action.message).trim() || defaults.who;
  return { title: title.slice(0, 200), message: message.slice(0, 1000) };
}

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

async function pending(): Promise<Map<string, PendingOpen>> {
  return new Map(await readSession('notifications', []));
}

async function save(map: Map<string, PendingOpen>): Promise<void> {
  await writeSession({ notifications: [...map].slice(-MAX_KEPT) });
}

export interface NotifyRequest {
  title: string;
  message: string;
  /** What a click opens; none: the notification only informs. */
  open?: PendingOpen;
}

export async function showNotification({ title, message, open }: NotifyRequest): Promise<string> {
  const id = `crm-${crypto.randomUUID()}`;
  if (open) {
    const map = await pending();
    map.set(id, open);
    await save(map);
  }
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
  const map = await pending();
  const open = map.get(id);
  await chrome.notifications.clear(id).catch(() => false);
  if (!open) return undefined;
  map.delete(id);
  await save(map);
  const opened = await openInTarget(open);
  return { ...opened, target: open.target };
}

/** Privacy: a notification of an interaction past `historyMinutes` opens nothing any more. */
export async function forgetNotificationsOf(isLive: (interactionKey: string) => boolean): Promise<void> {
  const map = await pending();
  const gone = [...map].filter(([, open]) => open.interactionKey !== undefined && !isLive(open.interactionKey)).map(([id]) => id);
  if (!gone.length) return;
  for (const id of gone) {
    map.delete(id);
    await chrome.notifications.clear(id).catch(() => false);
  }
  await save(map);
}

/** notifications.onClosed: dismissed; nothing to open any more. */
export async function forgetNotification(id: string): Promise<void> {
  const map = await pending();
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

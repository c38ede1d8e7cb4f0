// The words of docs/configuration.md: an interaction reaches an agent on a channel and moves through phases.

export const PHASES = [
  'ringing',
  'dialing',
  'answered',
  'focus',
  'ended',
  'missed',
  'transferred',
  'wrapup_end',
  'record',
  'on_demand',
] as const;
export type Phase = (typeof PHASES)[number];

export const ADAPTERS = ['ccai', 'agentdesktop', 'generic', 'screenpop'] as const;
export type AdapterId = (typeof ADAPTERS)[number];

export type Vars = Record<string, string>;

/** What every adapter turns a vendor message into. */
export interface InteractionEvent {
  /** Id of the configured source the message came through. */
  source: string;
  interactionId: string;
  /** null: the message is recorded (variables merged, diagnostics) but pops nothing. */
  phase: Phase | null;
  /** Channel id: voice, chat, email, sms, whatsapp, telegram, messenger, video, or any other id. */
  channel: string;
  vars: Vars;
  /** The vendor message as received (parsed when it came as a JSON string). */
  raw: unknown;
  /** The vendor's name for the event (`New_Chat`, `RINGING`, …), for diagnostics. */
  vendorType: string;
  /** URL the vendor asks to open (CCAI `CRM_Record_Pop`'s `recordUrl`). */
  recordUrl?: string;
  /** What the adapter left out and why (an extract rule stopped by its work budget), for diagnostics. */
  notes?: string[];
}

export type AdapterResult =
  | { ok: true; event: InteractionEvent }
  /** Not an interaction message of this vendor (agent state, malformed, …): nothing to do. */
  | { ok: false; reason: string };

export const DEFAULT_CHANNEL_LABELS: Readonly<Record<string, string>> = {
  voice: 'Voice',
  chat: 'Chat',
  email: 'Email',
  sms: 'SMS',
  whatsapp: 'WhatsApp',
  telegram: 'Telegram',
  messenger: 'Messenger',
  video: 'Video',
};

let defaultLabels: Readonly<Record<string, string>> = DEFAULT_CHANNEL_LABELS;

/**
 * The labels {CHANNEL_LABEL} falls back to, in the browser's language: the worker and the pages
 * set them from `_locales` `channel_<id>` (this module stays browser-free); English until then.
 */
export function setDefaultChannelLabels(labels: Readonly<Record<string, string>>): void {
  defaultLabels = labels;
}

/** The default labels as `message` (chrome.i18n.getMessage) says them; English where it has none. */
export function defaultChannelLabels(message: (key: string) => string): Record<string, string> {
  return Object.fromEntries(Object.entries(DEFAULT_CHANNEL_LABELS).map(([id, label]) => [id, message(`channel_${id}`) || label]));
}

/** settings.channelLabels first, then the default in the browser's language, then the id. */
export function channelLabel(channel: string, labels: Readonly<Record<string, string>> = {}): string {
  const configured = labels[channel];
  if (configured) return configured;
  const known = defaultLabels[channel];
  if (known) return known;
  return channel.charAt(0).toUpperCase() + channel.slice(1);
}

/**
 * Interaction id prefix of a record pop that came without a call or chat id: nothing will end
 * it, so it counts as ended as soon as it popped (and is forgotten historyMinutes later).
 */
export const STANDALONE_RECORD = 'record-';

// Channel detection from the vendors' own words. Channel ids end up in tab names and template
// matching, so whatever a vendor sends is reduced to a short, safe id.

/** A channel id (docs/configuration.md, "Channels"): lower-case letters, digits, `_` and `-`. */
export function channelId(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const id = value
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (id === '' || id.length > 40) return undefined;
  return synonym(id);
}

function synonym(id: string): string {
  if (id === 'e-mail' || id === 'e_mail' || id === 'mail') return 'email';
  if (id === 'phone' || id === 'telephony' || id === 'voice_call' || id === 'call') return 'voice';
  return id;
}

// Order matters: "Messaging Inbound (SMS)" is SMS not chat, "Voice Inbound (IVR using Mobile)" is
// voice not mobile chat, "Video call" is video not voice.
const CCAI_RULES: readonly [RegExp, string][] = [
  [/whats\s*app/, 'whatsapp'],
  [/telegram/, 'telegram'],
  [/messenger/, 'messenger'],
  [/e-?mail/, 'email'],
  [/\bsms\b|\bmms\b/, 'sms'],
  [/video/, 'video'],
  [/voice|call|ivr|pstn|phone|segreteria|voicemail|vocale/, 'voice'],
  [/chat|messag|web|mobile|\bapp\b|dispositivi/, 'chat'],
];

/**
 * CCAI `session_type` → channel. CCAI writes the same type in several spellings
 * ("messaging inbound (web chat)", "Messaging Inbound (Web Chat)"), hence the word rules.
 * No session_type: a call_id means voice, a chat_id chat.
 */
export function ccaiChannel(sessionType: unknown, hasCallId: boolean): string {
  if (typeof sessionType === 'string') {
    const text = sessionType.toLowerCase();
    for (const [pattern, channel] of CCAI_RULES) {
      if (pattern.test(text)) return channel;
    }
  }
  return hasCallId ? 'voice' : 'chat';
}

/**
 * AgentDesktop `media_type` (+ `content_type` for multimedia): telephony → voice, chat → chat,
 * channel + email → email; other multimedia content stays `channel`.
 */
export function agentDesktopChannel(mediaType: unknown, contentType: unknown): string {
  const media = channelId(mediaType);
  if (media === undefined || media === 'voice') return 'voice';
  if (media === 'channel') return channelId(contentType) === 'email' ? 'email' : 'channel';
  return media;
}

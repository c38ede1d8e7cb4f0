import { describe, expect, it } from 'vitest';
import { agentDesktopChannel, ccaiChannel, channelId } from '../../src/core/adapters/channels';

describe('CCAI session_type → channel', () => {
  it.each([
    // Spellings from the CCAI Platform custom CRM guide's examples and its list of session types.
    ['Messaging Inbound (SMS)', 'sms'],
    ['messaging inbound (web chat)', 'chat'],
    ['Messaging Inbound (Web Chat)', 'chat'],
    ['Voice Campaign (UJET)', 'voice'],
    ['Messaging (WhatsApp)', 'whatsapp'],
    ['WhatsApp Inbound', 'whatsapp'],
    ['Messaging (Telegram)', 'telegram'],
    ['Facebook Messenger', 'messenger'],
    ['Messaging Inbound (E-mail)', 'email'],
    ['Email', 'email'],
    ['Video Call (mobile)', 'video'],
    ['Messaging (mobile)', 'chat'],
    ['Messaging (web)', 'chat'],
    ['Messaging Outbound (SMS via API)', 'sms'],
    ['Voice Inbound', 'voice'],
    ['Voice Inbound (IVR using Mobile)', 'voice'],
    ['Voice Scheduled (web)', 'voice'],
    ['Outbound_Call_(api)', 'voice'],
    ['Incoming_Call_(app)', 'voice'],
    ['IVR_Call', 'voice'],
    ['voice_call', 'voice'],
    ['Web', 'chat'],
    ['Dispositivi mobili', 'chat'],
    ['SMS', 'sms'],
  ])('%s → %s', (sessionType, channel) => {
    expect(ccaiChannel(sessionType, false)).toBe(channel);
  });

  it('no session_type: a call is voice, a chat is chat', () => {
    expect(ccaiChannel(undefined, true)).toBe('voice');
    expect(ccaiChannel(null, false)).toBe('chat');
    expect(ccaiChannel('Something unheard of', true)).toBe('voice');
  });
});

describe('AgentDesktop media_type → channel', () => {
  it.each([
    ['telephony', undefined, 'voice'],
    ['chat', undefined, 'chat'],
    ['channel', 'email', 'email'],
    ['channel', 'object', 'channel'],
    ['channel', undefined, 'channel'],
    [undefined, undefined, 'voice'],
    ['Video', undefined, 'video'],
  ])('%s + %s → %s', (media, content, channel) => {
    expect(agentDesktopChannel(media, content)).toBe(channel);
  });
});

describe('channel ids from integrators', () => {
  it('are lower-cased and reduced to safe characters', () => {
    expect(channelId('WhatsApp')).toBe('whatsapp');
    expect(channelId('E-mail')).toBe('email');
    expect(channelId(' Social Media ')).toBe('social_media');
    expect(channelId('<script>')).toBe('script');
  });

  it('refuse what is no id', () => {
    expect(channelId('')).toBeUndefined();
    expect(channelId('!!!')).toBeUndefined();
    expect(channelId(5)).toBeUndefined();
    expect(channelId('x'.repeat(41))).toBeUndefined();
  });
});

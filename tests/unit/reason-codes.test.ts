// The engine's reasons for refusing a URL travel as English text; each one written from a code
// reads back as that code, so the pages say it in en, it and ru.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SettingsSchema } from '../../src/core/config';
import { readReason, reasonText, REASON_MESSAGES, type ReasonCode } from '../../src/core/reason-codes';
import { checkUrl, renderUrl } from '../../src/core/templates';
import { clipboardText } from '../../src/core/action-resolve';
import { adapt } from '../../src/core/adapters';

const locale = (lang: string) =>
  JSON.parse(readFileSync(path.resolve(import.meta.dirname, `../../public/_locales/${lang}/messages.json`), 'utf8')) as Record<string, { message: string }>;
const placeholders = (text: string) => [...new Set(text.match(/\$[1-9]/g) ?? [])].sort();
const codes = Object.keys(REASON_MESSAGES) as ReasonCode[];
const settings = SettingsSchema.parse({ allowedUrlPrefixes: ['https://crm.example.com/'] });

describe('engine reasons', () => {
  it.each(['en', 'it', 'ru'])('%s has every reason with the same placeholders', (lang) => {
    const messages = locale(lang);
    for (const code of codes) {
      const message = messages[`reason_${code}`]?.message;
      expect(message, `reason_${code} in ${lang}`).toBeTypeOf('string');
      expect(placeholders(message!), `reason_${code} in ${lang}`).toEqual(placeholders(REASON_MESSAGES[code]));
      if (lang !== 'en') expect(message, `reason_${code} in ${lang}`).not.toBe(locale('en')[`reason_${code}`]!.message);
    }
  });

  it('the English page names the setting by its label, not its JSON path', () => {
    expect(locale('en').reason_urlOutsidePrefixes!.message).toBe('$1 is outside the Allowed URL prefixes (Settings)');
  });

  it('every reason reads back as its code and arguments', () => {
    for (const code of codes) {
      const args = placeholders(REASON_MESSAGES[code]).map((_, i) => `arg ${i + 1}: $2 (x)`);
      expect(readReason(reasonText(code, ...args)), code).toEqual({ code, args });
    }
  });

  it('the reasons the URL checks give are read back', () => {
    const refused = (result: { ok: boolean; reason?: string }) => (result.ok ? null : readReason(result.reason!));
    expect(refused(checkUrl('https://evil.example.org/x?phone=1', settings))).toEqual({ code: 'urlOutsidePrefixes', args: ['https://evil.example.org'] });
    expect(refused(checkUrl('javascript:alert(1)', settings))).toEqual({ code: 'urlScheme', args: ['javascript:'] });
    expect(refused(checkUrl('  ', settings))).toEqual({ code: 'urlEmpty', args: [] });
    expect(refused(checkUrl('not a url', settings))).toEqual({ code: 'urlInvalid', args: [] });
    const ctx = { vars: { HOST: 'x' }, raw: null, settings };
    const template = (url: string) => ({ id: 't', url, params: [] }) as never;
    expect(refused(renderUrl(template('{HOST}/x'), ctx))).toEqual({ code: 'urlPlaceholderScheme', args: [] });
    expect(refused(renderUrl(template('https://{HOST}/x'), ctx))).toEqual({ code: 'urlPlaceholderHost', args: ['HOST'] });
    expect(refused(clipboardText({ id: 'c', action: { type: 'clipboard' } } as never, ctx))).toEqual({ code: 'nothingToCopy', args: [] });
  });

  it("the adapters' reasons are read back; the screenpop protocol's field checks stay as they came", () => {
    const reason = (adapter: string, message: unknown) => {
      const adapted = adapt({ id: 's', adapter, pages: [], senders: [] } as never, message);
      return adapted.ok ? null : adapted.reason;
    };
    expect(readReason(reason('ccai', 'not json')!)).toEqual({ code: 'messageNotJson', args: [] });
    expect(readReason(reason('ccai', [])!)).toEqual({ code: 'messageNotObject', args: ['an array'] });
    expect(readReason(reason('ccai', { type: 'Agent_Login', data: {} })!)).toEqual({ code: 'agentState', args: ['Agent_Login'] });
    expect(readReason(reason('ccai', { type: 'New_Chat', data: {} })!)).toEqual({ code: 'noInteractionId', args: ['New_Chat', 'call_id or chat_id'] });
    expect(readReason(reason('agentdesktop', {})!)).toEqual({ code: 'noEventType', args: ['AgentDesktop', 'event'] });
    const protocol = reason('screenpop', { screenpop: 1, phase: 'answered', interactionId: 'x', channel: 'chat', vars: [] });
    expect(protocol).toBe('"vars" must be an object of strings or numbers');
    expect(readReason(protocol!)).toBeNull();
  });
});

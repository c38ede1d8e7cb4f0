// What an agent reads in Italian and Russian (#13): the terms reviewed (a page pattern is not a
// template, a CRM record is not a browser tab), plurals by the language's rules, times and dates
// in the browser's locale, and no English left in lines the worker writes or the schema refuses.
// chrome.i18n is stood in for by the locale files, with Chrome's $1…$9 substitution.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseConfig, SettingsSchema } from '../../src/core/config';
import { channelLabel, defaultChannelLabels, setDefaultChannelLabels, DEFAULT_CHANNEL_LABELS } from '../../src/core/interaction-event';
import { readIssue } from '../../src/core/validation-codes';
import { validate } from '../../src/options/draft';
import { diagnosticLine, localizedArgs } from '../../src/options/diagnostic-text';
import { sayValidation } from '../../src/options/field-names';
import { formatTime, tn } from '../../src/options/i18n';
import { contextVars } from '../../src/core/templates/vars';
import { localeMessages, stubI18n, type Messages } from '../support/i18n';

const locale = localeMessages;
const [en, it_, ru] = ['en', 'it', 'ru'].map(locale) as [Messages, Messages, Messages];

/** chrome.i18n as Chrome gives it: the strings of `lang`, the browser's UI language `ui`. */
const speak = stubI18n;

afterEach(() => {
  vi.unstubAllGlobals();
  setDefaultChannelLabels(DEFAULT_CHANNEL_LABELS);
});

/** Keys whose English speaks of page or URL patterns (sources' pages, wildcards). */
const patternKeys = Object.keys(en).filter((key) => /pattern|wildcard/i.test(en[key]!.message));

describe('terms', () => {
  it('finds the messages about page patterns', () => {
    expect(patternKeys).toEqual(expect.arrayContaining(['sourcePages', 'val_pagePattern', 'val_pagesMissing']));
  });

  it('Russian says «маска адреса» for a page pattern; «шаблон» is a template only', () => {
    for (const key of patternKeys) {
      expect(ru[key]!.message, key).not.toMatch(/шаблон/i);
      expect(ru[key]!.message, key).toMatch(/маск/i);
    }
  });

  it('Italian says "pattern" for a page pattern; "modello" is a template only', () => {
    for (const key of patternKeys) {
      expect(it_[key]!.message, key).not.toMatch(/modell/i);
      expect(it_[key]!.message, key).toMatch(/pattern/i);
    }
  });

  it('Italian: "scheda" is a browser tab, never a CRM record', () => {
    const count = (text: string, word: RegExp) => (text.match(word) ?? []).length;
    for (const key of Object.keys(en)) {
      const english = en[key]!.message;
      if (!/\brecords?\b|\bcard\b/i.test(english)) continue;
      expect(count(it_[key]!.message, /\bsched[ae]\b/gi), `${key}: ${it_[key]!.message}`).toBeLessThanOrEqual(count(english, /\btabs?\b/gi));
    }
    for (const key of ['lookupOpening', 'lookupOpenRecord', 'lookupOutcome_open', 'diagMsg_lookupRecord']) expect(it_[key]!.message, key).toMatch(/record/);
  });

  it('Russian: a CRM record is a «карточка» throughout, not sometimes a «запись»', () => {
    for (const key of Object.keys(en)) {
      if (/\brecords?\b/i.test(en[key]!.message)) expect(ru[key]!.message, key).not.toMatch(/запис/i);
    }
  });

  it('Italian: a source is a "sorgente", an origin an "origine"', () => {
    for (const key of Object.keys(en)) {
      if (/\bsources?\b/i.test(en[key]!.message) && !/origin/i.test(en[key]!.message)) expect(it_[key]!.message, key).not.toMatch(/origine/i);
    }
    expect(it_.diagMsg_bridgeDropped!.message).toMatch(/^Sorgente /);
  });

  it('the advanced-only setting of a rescued popup is named where the agent finds it, in their language', () => {
    expect(en.diagMsg_rescueOutsidePrefixes!.message).toContain('Advanced: edit JSON › rescueUrlPrefixes');
    expect(it_.diagMsg_rescueOutsidePrefixes!.message).toContain(`${it_.section_json!.message} › rescueUrlPrefixes`);
    expect(ru.diagMsg_rescueOutsidePrefixes!.message).toContain(`${ru.section_json!.message}» › rescueUrlPrefixes`);
    for (const lang of [en, it_, ru]) expect(lang.diagMsg_rescueOutsidePrefixes!.message).not.toMatch(/["«]rescueUrlPrefixes["»]/);
  });
});

describe('plurals', () => {
  const answered = (n: number) => diagnosticLine('lookupAnswered', ['crm', '200', '80', String(n)]);
  const record = (n: number) => diagnosticLine('lookupRecord', ['crm', 'CRM Voce', String(n), 'first']);

  it('Russian: 1 совпадение, 3 совпадения, 5 совпадений', () => {
    speak('ru');
    expect(answered(1)).toBe('crm: поиск ответил HTTP 200 за 80 мс, 1 совпадение');
    expect(answered(3)).toBe('crm: поиск ответил HTTP 200 за 80 мс, 3 совпадения');
    expect(answered(5)).toBe('crm: поиск ответил HTTP 200 за 80 мс, 5 совпадений');
    expect(record(1)).toContain('(1 совпадение,');
    expect(record(3)).toContain('(3 совпадения,');
    expect(record(5)).toContain('(5 совпадений,');
    expect(tn('lookupTryOutcome', 5, '200', 'x')).toBe('HTTP 200, 5 совпадений: x');
    expect(tn('lookupTryOutcome', 21, '200', 'x')).toBe('HTTP 200, 21 совпадение: x');
  });

  it('Italian: 1 risultato, 3 risultati; English: 1 match, 3 matches', () => {
    speak('it');
    expect(answered(1)).toMatch(/, 1 risultato$/);
    expect(answered(3)).toMatch(/, 3 risultati$/);
    expect(tn('lookupTryOutcome', 1, '200', 'x')).toBe('HTTP 200, 1 risultato: x');
    speak('en');
    expect(answered(1)).toBe('crm: lookup answered HTTP 200 in 80 ms, 1 match');
    expect(answered(3)).toBe('crm: lookup answered HTTP 200 in 80 ms, 3 matches');
    expect(tn('lookupTryOutcome', 3, '200', 'x')).toBe('HTTP 200, 3 matches: x');
    for (const lang of [en, it_, ru]) for (const key of Object.keys(lang)) expect(lang[key]!.message, key).not.toMatch(/\(es\)|\/i\b/);
  });

  it('the lookup rule is said in words, not as its JSON value', () => {
    speak('it');
    expect(record(3)).toBe('crm: record aperto nella scheda "CRM Voce" (3 risultati, aperto il primo)');
    speak('ru');
    expect(record(1).replace(/.*\(/, '(')).not.toMatch(/single|first/);
  });
});

describe('times and dates in the browser\'s locale', () => {
  const at = new Date(2026, 11, 3, 14, 9, 3).getTime();

  it('an en-GB browser reads a 24-hour clock, though its strings are the English file', () => {
    speak('en', 'en-GB');
    expect(formatTime(at)).toBe('14:09:03');
    speak('en', 'en-US');
    expect(formatTime(at).replace(/\s/g, ' ')).toBe('2:09:03 PM');
     // Chromium under --lang reports "en-US" while it picks the Italian strings: the strings win.
    speak('it', 'en-US');
    expect(formatTime(at)).toBe('14:09:03');
  });

  it('the date of the cached policy is shown in the browser\'s locale, not as ISO', () => {
    const iso = new Date(at).toISOString();
    speak('it', 'it-IT');
    const [date] = localizedArgs('policyFromCache', [iso]);
    expect(date).not.toContain('T');
    expect(date).toContain('3/12/2026');
    expect(date).toContain('14:09');
  });
});

describe('no English left', () => {
  it('a side panel that could not open without a click says so in Italian', () => {
    speak('it');
    const note = ' (side panel not shown: Chrome opens a side panel only on a click by the agent, and this interaction came without one)';
    const line = diagnosticLine('tabOpened', ['panel', 'CRM Panel', note]);
    expect(line).toMatch(/^panel: scheda "CRM Panel" aperta \(pannello laterale non mostrato: .+\)$/);
    expect(line).not.toMatch(/side panel|Chrome opens/);
  });

  it('the clipboard refusal says so in Russian', () => {
    speak('ru');
    expect(diagnosticLine('notCopied', ['wa', 'the browser refused to copy'])).not.toMatch(/browser|refused/);
  });

  it('a wildcard over a public suffix is refused in Italian, by a code', () => {
    speak('it');
    const prefixes = validate({ version: 1, settings: { allowedUrlPrefixes: ['https://*.com/', 'https://*/'] } }, sayValidation);
    expect(prefixes['settings.allowedUrlPrefixes[0]']).toBe(it_.val_wildcardSuffix!.message.replace(/\$1/g, 'com'));
    expect(prefixes['settings.allowedUrlPrefixes[1]']).toBe(it_.val_wildcardBare!.message);
    const result = parseConfig({ version: 1, sources: [{ id: 's', adapter: 'ccai', pages: ['https://*.co.uk/*'], senders: ['https://*.com'] }] });
    expect(!result.ok && result.issues?.map((i) => i.message)).toEqual([
      { code: 'wildcardSuffix', args: ['co.uk'] },
      { code: 'wildcardSuffix', args: ['com'] },
    ]);
  });

  it('an extract rule a linear engine cannot run is refused by a code', () => {
    const result = parseConfig({
      version: 1,
      sources: [{ id: 's', adapter: 'generic', pages: ['https://d.example.com/*'], mapping: { type: 'type', interactionId: 'id', extract: [{ var: 'A', from: 'body', pattern: '(a)\\1' }] } }],
    });
    expect(!result.ok && result.error).toContain('sources[0].mapping.extract[0].pattern: cannot be used: ');
    const issue = !result.ok ? result.issues?.find((i) => i.path.endsWith('pattern')) : undefined;
    expect(issue?.message.code).toBe('regexUnsupported');
    speak('ru');
    expect(sayValidation(issue!.message)).toMatch(/^нельзя использовать: /);
    expect(readIssue({ code: 'custom', message: 'x' }).code).toBe('text');
  });
});

describe('channel names', () => {
  it('the default {CHANNEL_LABEL} comes from the browser\'s language; a configured label wins', () => {
    speak('it');
    setDefaultChannelLabels(defaultChannelLabels((key) => chrome.i18n.getMessage(key)));
    expect(channelLabel('voice')).toBe('Voce');
    expect(channelLabel('voice', { voice: 'Telefono' })).toBe('Telefono');
    expect(channelLabel('carrier-pigeon')).toBe('Carrier-pigeon');
    const event = { schema: 'screenpop.interaction/1', source: 's', channel: 'voice', phase: 'ringing', interactionId: 'c1' } as never;
    expect(contextVars(event, {}, SettingsSchema.parse({})).CHANNEL_LABEL).toBe('Voce');
  });

  it('in English the defaults are what they were', () => {
    speak('en');
    setDefaultChannelLabels(defaultChannelLabels((key) => chrome.i18n.getMessage(key)));
    for (const [id, label] of Object.entries(DEFAULT_CHANNEL_LABELS)) expect(channelLabel(id)).toBe(label);
  });
});

// Every string the agent reads comes from _locales (en, it, ru). A missing key shows itself
// (the key, not an empty label) so that the locale check in the e2e tests catches it.
import { pluralKey } from '../core/plural';
import { browserLocale } from '../core/locale-country';
import { defaultChannelLabels, setDefaultChannelLabels } from '../core/interaction-event';

// {CHANNEL_LABEL} in previews as the worker renders it: in the browser's language (#13).
if (globalThis.chrome?.i18n) setDefaultChannelLabels(defaultChannelLabels((key) => chrome.i18n.getMessage(key)));

export function t(key: string, ...substitutions: Array<string | number>): string {
  const subs = substitutions.map(String);
  const text = chrome.i18n?.getMessage(key, subs.length ? subs : undefined);
  return text || key;
}

/** The message for `count` in the plural form the page's language uses; `count` is $1. */
export function tn(base: string, count: number, ...more: Array<string | number>): string {
  const key = pluralKey(base, count, uiLocale(), (k) => !!chrome.i18n?.getMessage(k));
  return t(key, count, ...more);
}

/** The language the strings are in (the locale file actually used), for plurals. */
export function uiLocale(): string {
  return chrome.i18n?.getMessage('locale') || 'en';
}

/** The browser's locale ("en-GB", "it-IT"), for the default country, times and dates. */
export function pageLocale(): string {
  return browserLocale(chrome.i18n.getUILanguage(), chrome.i18n.getMessage('locale'));
}

function inLocale<T>(format: (locale: string) => T, fallback: () => T): T {
  try {
    return format(pageLocale());
  } catch {
    return fallback(); // a tag Intl does not know
  }
}

/**
 * A time in the browser's locale, e.g. "14:09:03" in en-GB and Italian, "2:09:03 PM" in en-US:
 * the strings' file is only "en" for an en-GB browser, whose agent still reads a 24-hour clock.
 */
export function formatTime(at: number): string {
  const date = new Date(at);
  return inLocale((locale) => date.toLocaleTimeString(locale), () => date.toLocaleTimeString(uiLocale()));
}

/** A date and time in the browser's locale, e.g. "3/12/2026, 14:09:03" in Italian. */
export function formatDateTime(at: number): string {
  const date = new Date(at);
  return inLocale((locale) => date.toLocaleString(locale), () => date.toLocaleString(uiLocale()));
}

/** Sets the page's language to the one its strings are in (screen readers pronounce by it). */
export function setDocumentLanguage(): void {
  // Each locale file names its own language: chrome.i18n's @@ui_locale and getUILanguage() can
  // report the browser's language while the messages come from another locale file.
  const lang = chrome.i18n?.getMessage('locale');
  if (lang) document.documentElement.lang = lang;
}

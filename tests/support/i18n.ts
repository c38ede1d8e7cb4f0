// chrome.i18n for unit tests of the pages' wording: the strings of a locale file, with Chrome's
// $1…$9 substitution, and the browser's UI language.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { vi } from 'vitest';

export type Messages = Record<string, { message: string }>;

export function localeMessages(lang: string): Messages {
  return JSON.parse(readFileSync(path.resolve(import.meta.dirname, `../../public/_locales/${lang}/messages.json`), 'utf8')) as Messages;
}

/** Stubs the global `chrome` with chrome.i18n speaking `lang`, in a browser whose UI language is `ui`. */
export function stubI18n(lang: string, ui = lang): void {
  const messages = localeMessages(lang);
  vi.stubGlobal('chrome', {
    i18n: {
      getMessage: (key: string, subs?: string | string[]) => {
        const list = subs === undefined ? [] : Array.isArray(subs) ? subs : [subs];
        return (messages[key]?.message ?? '').replace(/\$([1-9])/g, (_, n: string) => list[Number(n) - 1] ?? '');
      },
      getUILanguage: () => ui,
    },
  });
}

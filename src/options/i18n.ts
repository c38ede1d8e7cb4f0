// Every string the agent reads comes from _locales (en, it, ru). A missing key shows itself
// (the key, not an empty label) so that the locale check in the e2e tests catches it.
export function t(key: string, ...substitutions: Array<string | number>): string {
  const subs = substitutions.map(String);
  const text = chrome.i18n?.getMessage(key, subs.length ? subs : undefined);
  return text || key;
}

/** Sets the page's language to the one its strings are in (screen readers pronounce by it). */
export function setDocumentLanguage(): void {
  // Each locale file names its own language: chrome.i18n's @@ui_locale and getUILanguage() can
  // report the browser's language while the messages come from another locale file.
  const lang = chrome.i18n?.getMessage('locale');
  if (lang) document.documentElement.lang = lang;
}

// The country a browser's language implies, for reading local phone numbers when the agent set
// no default country: "it" and "it-IT" → IT, "ru" → RU, "en" → US, "pt-BR" → BR.
export function countryFromLocale(locale: string, fallback = 'US'): string {
  try {
    const region = new Intl.Locale(locale).maximize().region;
    return region && /^[A-Z]{2}$/.test(region) ? region : fallback;
  } catch {
    return fallback;
  }
}

/** The settings with the browser's country filled in where the document leaves it empty. */
export function withCountry<T extends { settings: { defaultCountry: string } }>(config: T, locale: string): T {
  if (config.settings.defaultCountry) return config;
  return { ...config, settings: { ...config.settings, defaultCountry: countryFromLocale(locale) } };
}

/**
 * The browser's locale: Chrome's UI language (which carries a region, "en-GB"), unless the
 * extension's strings came from another language's file — then that language, as Chromium under
 * `--lang` reports "en-US" everywhere while picking the Italian strings.
 */
export function browserLocale(uiLanguage: string, localeFile: string): string {
  if (!localeFile || uiLanguage.toLowerCase().startsWith(localeFile.toLowerCase())) return uiLanguage || localeFile || 'en';
  return localeFile;
}

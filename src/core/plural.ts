// Plural forms by the language's own rules (Russian has one/few/many): a message key per form,
// `<base>_one`, `<base>_few`, `<base>_many`, `<base>_other`, as each locale needs.
export function pluralKey(base: string, count: number, locale: string, has: (key: string) => boolean): string {
  let form: string = 'other';
  try {
    form = new Intl.PluralRules(locale).select(count);
  } catch {
    // An unknown locale tag: the "other" form reads acceptably everywhere.
  }
  const key = `${base}_${form}`;
  return has(key) ? key : `${base}_other`;
}

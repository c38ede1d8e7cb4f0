// The three languages carry the same messages with the same placeholders: a key added to one
// language only shows the agent of another an empty string.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const read = (lang: string) =>
  JSON.parse(readFileSync(path.resolve(import.meta.dirname, `../../public/_locales/${lang}/messages.json`), 'utf8')) as Record<string, { message: string }>;
const placeholders = (text: string) => [...new Set(text.match(/\$[1-9]/g) ?? [])].sort();

describe('locales', () => {
  const en = read('en');
  it.each(['it', 'ru'])('%s has exactly the English keys, each with the same placeholders', (lang) => {
    const other = read(lang);
    expect(Object.keys(other).sort()).toEqual(Object.keys(en).sort());
    for (const [key, { message }] of Object.entries(en)) expect(placeholders(other[key]!.message), `${key} in ${lang}`).toEqual(placeholders(message));
  });
});

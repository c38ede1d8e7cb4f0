// The options page's export leaves a lookup's credentials out, and an import of that export keeps
// the stored ones; host access covers the lookup's API and pages.
import { describe, expect, it } from 'vitest';
import { parseConfig, type Config } from '../../src/core/config';
import { exportDocument, neededOrigins, restoreSecrets } from '../../src/options/draft';

function config(auth: unknown): Config {
  const parsed = parseConfig({
    version: 1,
    templates: [
      {
        id: 'lk',
        url: 'https://crm.example.com/contacts/{ACCOUNT_ID}',
        lookup: {
          request: { url: 'https://api.example.com/search', auth },
          noMatchUrl: 'https://new.example.com/contact',
          fallbackUrl: 'https://search.example.com/?q={ANI}',
        },
      },
    ],
  });
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.config;
}

describe('lookup secrets and host access', () => {
  it.each([
    [{ type: 'header', name: 'X-Api-Key', value: 'secret-1' }, 'secret-1'],
    [{ type: 'basic', username: 'u', password: 'secret-2' }, 'secret-2'],
  ])('export blanks the secret, import of that export restores it (%#)', (auth, secret) => {
    const stored = config(auth);
    const exported = exportDocument(stored, false);
    expect(JSON.stringify(exported)).not.toContain(secret);
    expect(JSON.stringify(exportDocument(stored, true))).toContain(secret);
    expect(restoreSecrets(exported, stored).config).toEqual(stored);
  });

  it('host access: the record, API, no-match, fallback and token hosts', () => {
    const oauth = config({ type: 'oauth2', authorizeUrl: 'https://id.example.com/a', tokenUrl: 'https://token.example.com/t', clientId: 'c' });
    expect(neededOrigins(oauth).sort()).toEqual(
      ['crm', 'api', 'new', 'search', 'token'].map((h) => `https://${h}.example.com/*`).sort(),
    );
  });
});

// Importing a configuration file: a stored webhook secret goes back only where it was meant to go.
import { describe, expect, it } from 'vitest';
import { parseConfig, type Config } from '../../src/core/config';
import { exportDocument, restoreSecrets } from '../../src/options/draft';

function doc(url: string, auth: unknown): Config {
  const parsed = parseConfig({ version: 1, templates: [{ id: 'hook', url, action: { type: 'webhook', auth } }] });
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.config;
}

const authOf = (config: Config) => (config.templates[0]!.action as { auth: Record<string, string> }).auth;

describe('restoreSecrets', () => {
  const stored = doc('https://hooks.example.com/tvox', { type: 'basic', username: 'agent7', password: 's3cret' });

  it('export → import on the same webhook origin keeps the stored password', () => {
    const file = exportDocument(stored, false);
    expect(authOf(file).password).toBe('');
    const restored = restoreSecrets(doc('https://hooks.example.com/tvox/v2', authOf(file)), stored);
    expect(authOf(restored.config).password).toBe('s3cret');
    expect(restored.missing).toEqual([]);
  });

  it('same id and user name but another webhook host: the password is not handed over and must be typed', () => {
    const file = doc('https://attacker.example.net/collect', { type: 'basic', username: 'agent7', password: '' });
    const restored = restoreSecrets(file, stored);
    expect(authOf(restored.config).password).toBe('');
    expect(restored.missing).toEqual(['hook']);
  });

  it('the same for a header secret, and for another port or scheme of the same host', () => {
    const header = doc('https://hooks.example.com/p', { type: 'header', name: 'X-Api-Key', value: 'k-123' });
    for (const url of ['https://hooks.example.com:8443/p', 'http://hooks.example.com/p', 'https://evil.example.com/p']) {
      const restored = restoreSecrets(doc(url, { type: 'header', name: 'X-Api-Key', value: '' }), header);
      expect(authOf(restored.config).value, url).toBe('');
    }
    expect(authOf(restoreSecrets(doc('https://hooks.example.com/q', { type: 'header', name: 'X-Api-Key', value: '' }), header).config).value).toBe('k-123');
  });
});

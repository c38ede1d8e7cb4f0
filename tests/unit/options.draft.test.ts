// Host access the options page asks for on Save: the side panel's CRM origins too — the rule that
// lets the side panel frame them (declarativeNetRequestWithHostAccess) does nothing without it.
import { describe, expect, it } from 'vitest';
import { parseConfig, type Config } from '../../src/core/config';
import { neededOrigins } from '../../src/options/draft';

function config(doc: unknown): Config {
  const parsed = parseConfig(doc);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.config;
}

describe('neededOrigins', () => {
  it('includes the side panel origins, as host patterns (any port, subdomains kept)', () => {
    const doc = config({
      version: 1,
      sources: [{ id: 'ccai', adapter: 'ccai', pages: ['https://desk.example.com/*'] }],
      templates: [{ id: 'crm', url: 'https://crm.example.com/x', action: { type: 'tab', placement: 'sidepanel' } }],
      settings: { sidePanelOrigins: ['https://panel.example.com', 'https://*.crm.example.net', 'http://legacy.example.org:8080'] },
    });
    expect(neededOrigins(doc).sort()).toEqual(
      [
        'https://desk.example.com/*',
        'https://crm.example.com/*',
        'https://panel.example.com/*',
        'https://*.crm.example.net/*',
        'http://legacy.example.org/*',
      ].sort(),
    );
  });

  it('no side panel origins: none added', () => {
    const doc = config({ version: 1, templates: [{ id: 'crm', url: 'https://crm.example.com/x' }] });
    expect(neededOrigins(doc)).toEqual(['https://crm.example.com/*']);
  });
});

// Where the bridge runs (Chrome match patterns) and whom it trusts (sender origins).
import { describe, expect, it } from 'vitest';
import { matchesOrigin, matchesPage } from '../../src/core/patterns';

describe('matchesPage', () => {
  it.each([
    ['https://crm.example.com/*', 'https://crm.example.com/contacts?id=1', true],
    ['https://crm.example.com/*', 'http://crm.example.com/', false],
    ['https://crm.example.com/*', 'https://evil.com/?https://crm.example.com/', false],
    ['https://crm.example.com/*', 'https://crm.example.com.evil.com/', false],
    ['https://*.example.com/agent/*', 'https://eu.example.com/agent/x', true],
    ['https://*.example.com/agent/*', 'https://example.com/agent/', true],
    ['https://*.example.com/agent/*', 'https://eu.example.com/other', false],
    ['*://desk.example.com/*', 'http://desk.example.com/a', true],
    ['http://127.0.0.1/desktop/*', 'http://127.0.0.1:8080/desktop/a.html', true],
    ['http://127.0.0.1:8080/*', 'http://127.0.0.1:9090/', false],
    ['<all_urls>', 'file:///etc/passwd', false],
  ])('%s ~ %s → %s', (pattern, url, expected) => {
    expect(matchesPage(pattern, url)).toBe(expected);
  });
});

describe('matchesOrigin', () => {
  it.each([
    ['https://*.ccaiplatform.com', 'https://tenant.loc.ccaiplatform.com', true],
    ['https://*.ccaiplatform.com', 'https://ccaiplatform.com.evil.com', false],
    ['https://*.ccaiplatform.com', 'http://tenant.ccaiplatform.com', false],
    ['https://agent.example.com', 'https://agent.example.com', true],
    ['https://agent.example.com', 'https://agent.example.com:8443', false],
    ['http://localhost:8080', 'http://localhost:8080', true],
    ['http://localhost:8080', 'http://localhost:8081', false],
    ['https://agent.example.com', 'null', false],
  ])('%s ~ %s → %s', (pattern, origin, expected) => {
    expect(matchesOrigin(pattern, origin)).toBe(expected);
  });
});

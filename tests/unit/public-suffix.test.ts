// #10 item 8: a sender or page pattern must stop at a registrable domain. Hosting platforms hand
// out subdomains to anyone: "https://*.web.app" would trust every Firebase site, as "*.com" every
// .com site.
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/core/config';
import { originPatternError, pagePatternError } from '../../src/core/patterns';
import { isPublicSuffix } from '../../src/core/public-suffix';

const source = (patch: Record<string, unknown>) => ({
  version: 1,
  sources: [{ id: 'desk', adapter: 'ccai', pages: ['https://desk.example.com/*'], ...patch }],
});

describe('wildcards over a hosting platform are refused like *.com', () => {
  it.each(['https://*.web.app', 'https://*.blogspot.com', 'https://*.workers.dev', 'https://*.firebaseapp.com', 'https://*.gitlab.io'])(
    'sender %s',
    (sender) => {
      expect(originPatternError(sender)).toMatch(/public suffix/);
      const result = parseConfig(source({ senders: [sender] }));
      expect(!result.ok && result.error).toContain('sources[0].senders[0]:');
    },
  );

  it.each(['https://*.web.app/*', 'https://*.workers.dev/desk/*'])('page %s', (page) => {
    expect(pagePatternError(page)).toMatch(/public suffix/);
  });

  it('a wildcard under a site on such a platform is a registrable domain, and is accepted', () => {
    expect(originPatternError('https://*.myteam.web.app')).toBeNull();
    expect(parseConfig(source({ senders: ['https://*.myteam.web.app', 'https://*.example.com'] })).ok).toBe(true);
  });
});

describe('isPublicSuffix (the function a Public Suffix List library can stand behind)', () => {
  it.each([
    ['com', true],
    ['co.uk', true],
    ['web.app', true],
    ['WORKERS.DEV', true],
    ['example.com', false],
    ['myteam.web.app', false],
    ['ccaiplatform.com', false],
  ])('%s → %s', (domain, expected) => {
    expect(isPublicSuffix(domain)).toBe(expected);
  });
});

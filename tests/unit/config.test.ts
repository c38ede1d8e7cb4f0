// The configuration document: every write path validates it whole; an error names the field.
import { describe, expect, it } from 'vitest';
import { effectiveConfig, readPolicy } from '../../src/core/policy';
import { parseConfig, type Config } from '../../src/core/config';

const valid = {
  version: 1,
  sources: [{ id: 'ccai', adapter: 'ccai', pages: ['https://crm.example.com/*'], senders: ['https://*.ccaiplatform.com'] }],
  templates: [
    {
      id: 'wa',
      name: 'WhatsApp → CRM',
      when: { phases: ['answered'], channels: ['whatsapp', 'telegram'], sources: ['ccai'], queues: ['Sales/*'] },
      url: 'https://crm.example.com/contacts/search?phone={ANI|e164}&mail={EMAIL}',
      params: [{ name: 'who', value: '=DEFAULT_VALUE({EMAIL}, {ANI})' }],
      action: { type: 'tab', target: 'CRM {CHANNEL_LABEL}', reuse: true, focus: true, placement: 'tab' },
      final: false,
    },
  ],
  settings: { defaultCountry: 'IT', channelLabels: { voice: 'Telefono' } },
};

function parsed(input: unknown): Config {
  const result = parseConfig(input);
  if (!result.ok) throw new Error(result.error);
  return result.config;
}

describe('parseConfig', () => {
  it('accepts the documented example and fills every default', () => {
    const config = parsed(valid);
    expect(config.settings).toEqual({
      defaultCountry: 'IT',
      allowedUrlPrefixes: [],
      paused: false,
      channelLabels: { voice: 'Telefono' },
      historyMinutes: 15,
    });
    expect(config.templates[0]!.params[0]!.enabled).toBe(true);
  });

  it('accepts "settings": {} and an action with only its type', () => {
    const config = parsed({ version: 1, templates: [{ id: 't', url: 'https://crm.example.com/', action: { type: 'tab' } }], settings: {} });
    expect(config.templates[0]!.action).toEqual({ type: 'tab', target: 'CRM {CHANNEL_LABEL}', reuse: true, focus: true, placement: 'tab' });
  });

  it('accepts a JSON string', () => {
    expect(parseConfig(JSON.stringify(valid)).ok).toBe(true);
  });

  it.each([
    [{ ...valid, version: 2 }, 'version'],
    [{ ...valid, sources: [{ ...valid.sources[0], adapter: 'nope' }] }, 'sources[0].adapter'],
    [{ ...valid, sources: [{ ...valid.sources[0], pages: [] }] }, 'sources[0].pages'],
    [{ ...valid, sources: [{ ...valid.sources[0], senders: ['*'] }] }, 'sources[0].senders[0]'],
    [{ ...valid, sources: [{ ...valid.sources[0], senders: ['https://x.example.com/path'] }] }, 'sources[0].senders[0]'],
    [{ ...valid, sources: [{ id: 'g', adapter: 'generic', pages: ['https://a.example.com/*'] }] }, 'sources[0].mapping'],
    [{ ...valid, templates: [{ ...valid.templates[0], url: 'javascript:alert(1)' }] }, 'templates[0].url'],
    [{ ...valid, templates: [{ ...valid.templates[0], url: undefined }] }, 'templates[0].url'],
    [{ ...valid, templates: [{ ...valid.templates[0], when: { phases: ['rang'] } }] }, 'templates[0].when.phases[0]'],
    [{ ...valid, templates: [{ ...valid.templates[0], action: { type: 'fax' } }] }, 'templates[0].action.type'],
    [{ ...valid, templates: [valid.templates[0], valid.templates[0]] }, 'templates[1].id'],
    [{ ...valid, settings: { defaultCountry: 'Italy' } }, 'settings.defaultCountry'],
  ])('rejects a bad document naming the field (%#: %s)', (input, field) => {
    const result = parseConfig(input);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toContain(`${field}:`);
  });

  it('rejects text that is not JSON with a clear message', () => {
    const result = parseConfig('{"version": 1,');
    expect(result).toMatchObject({ ok: false });
    expect(!result.ok && result.error).toMatch(/not valid JSON/);
  });
});

describe('policy', () => {
  const user = parsed({ version: 1, templates: [{ id: 'mine', url: 'https://crm.example.com/me' }] });
  const admin = { ...valid, templates: [{ ...valid.templates[0], id: 'admin' }] };

  it('no policy: the user document runs', () => {
    expect(effectiveConfig(user, readPolicy({}, parseConfig))).toBe(user);
  });

  it('a policy document replaces the user one and locks the options page by default', () => {
    const policy = readPolicy({ config: admin }, parseConfig);
    expect(policy.locked).toBe(true);
    expect(effectiveConfig(user, policy).templates.map((t) => t.id)).toEqual(['admin']);
  });

  it('allowUserTemplates: user templates run after the policy ones', () => {
    const policy = readPolicy({ config: JSON.stringify(admin), allowUserTemplates: true, locked: false }, parseConfig);
    expect(policy.locked).toBe(false);
    expect(effectiveConfig(user, policy).templates.map((t) => t.id)).toEqual(['admin', 'mine']);
  });

  it('an invalid policy document is reported, naming the field', () => {
    const policy = readPolicy({ config: { version: 1, templates: [{ id: 'x', url: 'ftp://x' }] } }, parseConfig);
    expect(policy.config).toBeNull();
    expect(policy.error).toContain('templates[0].url');
  });
});

describe('misspelled settings are refused, not ignored', () => {
  it('names an unknown key and the known key it was meant to be', () => {
    const result = parseConfig({ ...valid, settings: { allowedURLPrefixes: ['https://crm.example.com/'] } });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toContain('settings: unknown key "allowedURLPrefixes" (did you mean "allowedUrlPrefixes"?)');
  });

  it('when.phase (for phases) is refused instead of matching every phase', () => {
    const result = parseConfig({ ...valid, templates: [{ ...valid.templates[0], when: { phase: ['ringing'] } }] });
    expect(!result.ok && result.error).toContain('templates[0].when: unknown key "phase" (did you mean "phases"?)');
  });

  it('an unknown key far from every known one is named without a guess', () => {
    const result = parseConfig({ ...valid, templates: [{ ...valid.templates[0], action: { type: 'tab', colour: 'red' } }] });
    expect(!result.ok && result.error).toContain('templates[0].action: unknown key "colour"');
    expect(!result.ok && result.error).not.toContain('did you mean');
  });

  it('unknown keys at the top, in sources and in webhook auth are refused too', () => {
    expect(parseConfig({ ...valid, setting: {} })).toMatchObject({ ok: false, error: expect.stringContaining('"setting" (did you mean "settings"?)') });
    const source = { ...valid.sources[0], sender: ['https://a.example.com'] };
    expect(parseConfig({ ...valid, sources: [source] })).toMatchObject({ ok: false, error: expect.stringContaining('sources[0]: unknown key "sender"') });
    const hook = { ...valid.templates[0], action: { type: 'webhook', auth: { type: 'basic', username: 'u', pasword: 'p' } } };
    expect(parseConfig({ ...valid, templates: [hook] })).toMatchObject({ ok: false, error: expect.stringContaining('"pasword" (did you mean "password"?)') });
  });
});

describe('patterns must name a registrable domain', () => {
  it.each([
    ['sources[0].senders[0]', { senders: ['https://*.com'] }],
    ['sources[0].senders[0]', { senders: ['https://*.co.uk'] }],
    ['sources[0].pages[0]', { pages: ['https://*.com/*'] }],
    ['sources[0].pages[0]', { pages: ['*://*/*'] }],
    ['sources[0].pages[0]', { pages: ['<all_urls>'] }],
  ])('refuses %s in %j', (field, patch) => {
    const result = parseConfig({ ...valid, sources: [{ ...valid.sources[0], ...patch }] });
    expect(!result.ok && result.error).toContain(`${field}:`);
  });

  it('accepts a wildcard under a registrable domain, localhost and IP addresses', () => {
    const source = {
      ...valid.sources[0],
      pages: ['https://*.example.co.uk/*', 'http://localhost:8080/*', 'http://127.0.0.1/*'],
      senders: ['https://*.ccaiplatform.com', 'https://*.example.co.uk', 'http://localhost:8080'],
    };
    expect(parseConfig({ ...valid, sources: [source] }).ok).toBe(true);
  });

  it('refuses an allowed URL prefix covering a public suffix', () => {
    const result = parseConfig({ ...valid, settings: { allowedUrlPrefixes: ['https://*.com/'] } });
    expect(!result.ok && result.error).toContain('settings.allowedUrlPrefixes[0]:');
  });
});

describe('the default document the service worker starts with', () => {
  it('is what the schema makes of an empty document (written out so the worker loads no schema)', async () => {
    const { ConfigSchema } = await import('../../src/core/config');
    const { EMPTY_CONFIG } = await import('../../src/core/config-defaults');
    expect(EMPTY_CONFIG).toEqual(ConfigSchema.parse({ version: 1 }));
  });
});

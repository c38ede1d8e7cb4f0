// The policy files docs/admin.md shows are checked in under examples/policy/; each must carry the
// same valid configuration document for the same extension id, in its platform's own format.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/core/config';

const DIR = path.resolve(import.meta.dirname, '../../examples/policy');
const ID = 'abcdefghijklmnopabcdefghijklmnop';
const read = (name: string) => readFileSync(path.join(DIR, name), 'utf8');

const linux = JSON.parse(read('linux-chrome.json'));
const reference = linux['3rdparty'].extensions[ID].config;

function expectValid(config: unknown): void {
  const parsed = parseConfig(config);
  expect(parsed.ok ? '' : parsed.error).toBe('');
  expect(config).toEqual(reference);
}

/** Windows .reg: `[key]` lines and `"name"=value` lines; REG_SZ strings unescaped, dwords as numbers. */
function parseReg(text: string): Record<string, Record<string, string | number>> {
  const lines = text.split('\r\n');
  expect(lines[0]).toBe('Windows Registry Editor Version 5.00');
  const keys: Record<string, Record<string, string | number>> = {};
  let current: Record<string, string | number> | null = null;
  for (const line of lines.slice(1)) {
    if (!line || line.startsWith(';')) continue;
    const key = /^\[(HKEY_LOCAL_MACHINE\\[^\]]+)\]$/.exec(line);
    if (key) {
      current = keys[key[1]!] = {};
      continue;
    }
    const value = /^"([^"]+)"=(?:"((?:[^"\\]|\\.)*)"|dword:([0-9a-f]{8}))$/.exec(line);
    if (!value || !current) throw new Error(`not a .reg line: ${line.slice(0, 80)}`);
    current[value[1]!] = value[3] !== undefined ? parseInt(value[3], 16) : value[2]!.replace(/\\(.)/g, '$1');
  }
  return keys;
}

/** A plist's dict/array/string/integer/true/false, enough for a configuration profile. */
function parsePlist(xml: string): unknown {
  const tokens = xml.replace(/<\?xml[^>]*>|<!DOCTYPE[^>]*>|<\/?plist[^>]*>/g, '').match(/<[^>]+>[^<]*/g) ?? [];
  let i = 0;
  const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  const value = (): unknown => {
    const token = tokens[i++]!.trim();
    const [, tag, text = ''] = /^<([^>]+)>([\s\S]*)$/.exec(token)!;
    if (tag === 'dict') {
      const out: Record<string, unknown> = {};
      while (!tokens[i]!.startsWith('</dict>')) {
        const key = /^<key>([^<]*)/.exec(tokens[i++]!)![1]!;
        i++; // </key>
        out[key] = value();
      }
      i++;
      return out;
    }
    if (tag === 'array') {
      const out: unknown[] = [];
      while (!tokens[i]!.startsWith('</array>')) out.push(value());
      i++;
      return out;
    }
    if (tag === 'array/') return [];
    if (tag === 'true/') return true;
    if (tag === 'false/') return false;
    i++; // the closing tag
    if (tag === 'integer') return Number(text);
    if (tag === 'string') return unescape(text);
    throw new Error(`unexpected plist tag ${tag}`);
  };
  return value();
}

describe('example policy files (examples/policy/)', () => {
  it('Linux JSON: force-installed from the update.xml, host access narrowed, the document valid', () => {
    const settings = linux.ExtensionSettings[ID];
    expect(settings).toMatchObject({ installation_mode: 'force_installed', runtime_blocked_hosts: ['*://*'] });
    expect(settings.update_url).toMatch(/^https:\/\/.+\/update\.xml$/);
    expect(settings.runtime_allowed_hosts).toEqual(['*://crm.example.com', '*://it.example.com']);
    expect(linux['3rdparty'].extensions[ID]).toMatchObject({ locked: true, allowUserTemplates: false });
    expectValid(reference);
    expect(reference.settings.reportUrl).toMatch(/^https:\/\/it\.example\.com\//);
  });

  for (const [file, vendor] of [
    ['windows-chrome.reg', 'Google\\Chrome'],
    ['windows-edge.reg', 'Microsoft\\Edge'],
  ] as const) {
    it(`${file}: the ${vendor} policy keys, the document as a JSON string`, () => {
      const keys = parseReg(read(file));
      const base = `HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\${vendor}`;
      expect(JSON.parse(keys[base]!.ExtensionSettings as string)).toEqual(linux.ExtensionSettings);
      const ext = keys[`${base}\\3rdparty\\extensions\\${ID}\\policy`]!;
      expectValid(JSON.parse(ext.config as string));
      expect(ext.locked).toBe(1);
      expect(ext.allowUserTemplates).toBe(0);
    });
  }

  it('macOS .mobileconfig: a Chrome payload that installs, and the extension payload that configures', () => {
    const profile = parsePlist(read('macos-chrome.mobileconfig')) as { PayloadType: string; PayloadContent: Array<Record<string, unknown>> };
    expect(profile.PayloadType).toBe('Configuration');
    const chrome = profile.PayloadContent.find((p) => p.PayloadType === 'com.google.Chrome')!;
    expect(chrome.ExtensionSettings).toEqual(linux.ExtensionSettings);
    const ext = profile.PayloadContent.find((p) => p.PayloadType === `com.google.Chrome.extensions.${ID}`)!;
    expectValid(ext.config);
    expect(ext.locked).toBe(true);
    const uuids = [profile, ...profile.PayloadContent].map((p) => (p as { PayloadUUID: string }).PayloadUUID);
    expect(new Set(uuids).size).toBe(uuids.length);
  });

  it('Google Admin console: every key wrapped in {"Value": …}', () => {
    const admin = JSON.parse(read('google-admin-console.json'));
    expectValid(admin.config.Value);
    expect(admin.locked).toEqual({ Value: true });
    expect(admin.allowUserTemplates).toEqual({ Value: false });
  });

  it("every policy key the examples set is in the extension's managed schema (Chrome drops the others)", () => {
    const schema = JSON.parse(readFileSync(path.resolve(DIR, '../../public/managed_schema.json'), 'utf8'));
    expect(Object.keys(linux['3rdparty'].extensions[ID]).every((k) => k in schema.properties)).toBe(true);
    expect(Object.keys(reference.settings).every((k) => k in schema.properties.config.properties.settings.properties)).toBe(true);
  });
});

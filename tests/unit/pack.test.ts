import { createHash, generateKeyPairSync, verify } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MANIFEST_KEY } from '../../manifest.config';
import { crx3, extensionId, publicKeyDer } from '../../scripts/lib/crx';
import { ALL_HOSTS, parseHosts, shapeManifest, updateXml } from '../../scripts/lib/manifest';
import { zip } from '../../scripts/lib/zip';

describe('extension ids follow the key', () => {
  it("the project's manifest key gives the id the README and docs/admin.md promise", () => {
    expect(extensionId(MANIFEST_KEY)).toBe('bbihefaoipnkddimelmphcckcfaeogdc');
  });
});

/** Reads a protobuf message's length-delimited fields (all CRX3 uses). */
function fields(buf: Buffer): Array<[number, Buffer]> {
  const out: Array<[number, Buffer]> = [];
  let i = 0;
  const varint = () => {
    let n = 0;
    let shift = 0;
    for (;;) {
      const b = buf[i++]!;
      n += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if (!(b & 0x80)) return n;
    }
  };
  while (i < buf.length) {
    const tag = varint();
    expect(tag & 7).toBe(2);
    const len = varint();
    out.push([Math.floor(tag / 8), buf.subarray(i, i + len)]);
    i += len;
  }
  return out;
}

describe('the CRX3 package', () => {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const archive = zip([
    { name: 'manifest.json', data: Buffer.from('{"manifest_version":3}') },
    { name: 'a/b.js', data: Buffer.from('x'.repeat(1000)) },
  ]);
  const crx = crx3(archive, privateKey);

  it('has the CRX3 header, a valid RSA-SHA256 signature over the zip, and the id of its key', () => {
    expect(crx.subarray(0, 4).toString('ascii')).toBe('Cr24');
    expect(crx.readUInt32LE(4)).toBe(3);
    const headerSize = crx.readUInt32LE(8);
    const header = fields(crx.subarray(12, 12 + headerSize));
    expect(crx.subarray(12 + headerSize).equals(archive)).toBe(true);
    const proof = fields(header.find(([n]) => n === 2)![1]);
    const spki = proof.find(([n]) => n === 1)![1];
    const signature = proof.find(([n]) => n === 2)![1];
    const signed = header.find(([n]) => n === 10000)![1];
    expect(spki.equals(publicKeyDer(privateKey))).toBe(true);
    const crxId = fields(signed).find(([n]) => n === 1)![1];
    expect(crxId.equals(createHash('sha256').update(spki).digest().subarray(0, 16))).toBe(true);
    const len = Buffer.alloc(4);
    len.writeUInt32LE(signed.length);
    const data = Buffer.concat([Buffer.from('CRX3 SignedData\x00', 'binary'), len, signed, archive]);
    expect(verify('sha256', data, { key: spki, format: 'der', type: 'spki' }, signature)).toBe(true);
    expect(extensionId(spki)).toMatch(/^[a-p]{32}$/);
  });

  it('its zip holds the files, byte for byte, and is the same for the same input', () => {
    const nameLen = archive.readUInt16LE(26);
    const compressed = archive.readUInt32LE(18);
    expect(archive.subarray(30, 30 + nameLen).toString()).toBe('a/b.js');
    expect(inflateRawSync(archive.subarray(30 + nameLen, 30 + nameLen + compressed)).toString()).toBe('x'.repeat(1000));
    expect(archive.readUInt16LE(archive.length - 22 + 10)).toBe(2);
    expect(zip([{ name: 'a/b.js', data: Buffer.from('x'.repeat(1000)) }, { name: 'manifest.json', data: Buffer.from('{"manifest_version":3}') }]).equals(archive)).toBe(true);
  });
});

describe('what each package declares', () => {
  const built = { name: 'x', key: 'PROJECT', host_permissions: ALL_HOSTS };

  it('the admin package: the signing key and exactly the hosts asked for', () => {
    const m = shapeManifest(built, { key: 'ADMIN', hosts: ['https://crm.example.com/*'], optional: false });
    expect(m).toMatchObject({ key: 'ADMIN', host_permissions: ['https://crm.example.com/*'] });
    expect(m.optional_host_permissions).toBeUndefined();
  });

  it('the Web Store package: no key, and with --store no host access until the agent grants it', () => {
    const m = shapeManifest(built, { key: null, optional: true });
    expect(m.key).toBeUndefined();
    expect(m.host_permissions).toEqual([]);
    expect(m.optional_host_permissions).toEqual(ALL_HOSTS);
  });

  it('--hosts takes match patterns only', () => {
    expect(parseHosts(' https://agent.example.com/*, https://*.crm.example.com/* ')).toEqual([
      'https://agent.example.com/*',
      'https://*.crm.example.com/*',
    ]);
    expect(() => parseHosts('crm.example.com')).toThrow(/not a match pattern/);
    expect(() => parseHosts('')).toThrow(/no host/);
  });

  it('update.xml names the id, the version and where the CRX is served', () => {
    const xml = updateXml('abcdefghijklmnopabcdefghijklmnop', '1.2.3', 'https://intranet.example.com/ext/crm-screenpop-1.2.3.crx');
    expect(xml).toContain("appid='abcdefghijklmnopabcdefghijklmnop'");
    expect(xml).toContain("codebase='https://intranet.example.com/ext/crm-screenpop-1.2.3.crx' version='1.2.3'");
  });
});

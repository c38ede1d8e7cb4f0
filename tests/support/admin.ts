// What an admin does, for the end-to-end tests: pack the built extension with a key of their own,
// and write a machine policy file the browser found reads (tests/support/policy.ts: /etc/chromium/policies/managed for Chromium; needs root).
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DIST } from './browser';
import { POLICY_DIR } from './policy';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** A whole machine policy file (browser keys and any extension's), unlike policy.ts's writePolicy. */
export function writeMachinePolicy(name: string, policy: unknown): void {
  // Written whole then renamed: Chromium's file watcher never reads a half-written file.
  const file = path.join(POLICY_DIR, name);
  writeFileSync(`${file}.tmp`, JSON.stringify(policy));
  execFileSync('mv', [`${file}.tmp`, file]);
}

export function removeMachinePolicy(name: string): void {
  rmSync(path.join(POLICY_DIR, name), { force: true });
}

export interface Packed {
  /** The id `npm run pack` printed. */
  id: string;
  out: string;
  crxFile: string;
  /** The CRX's content, unpacked (loadable with enableExtensions). */
  crxDir: string;
  /** The Web Store package's content, unpacked. */
  storeDir: string;
  stdout: string;
  close(): void;
}

/** `npm run pack` on dist/ with a key of the test's own, so its id touches no one else's policy. */
export function pack(args: string[] = []): Packed {
  const out = mkdtempSync(path.join(tmpdir(), 'crm-screenpop-pack-'));
  const keyFile = path.join(out, 'admin-key.pem');
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }));
  const stdout = execFileSync(
    path.join(ROOT, 'node_modules/.bin/tsx'),
    ['scripts/pack.ts', '--from-dist', DIST, '--out', out, '--key', keyFile, ...args],
    { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const id = /Extension id: ([a-p]{32})/.exec(stdout)?.[1];
  if (!id) throw new Error(`npm run pack printed no id:\n${stdout}`);
  return {
    id,
    out,
    crxFile: path.join(out, `crm-screenpop-${JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version}.crx`),
    crxDir: path.join(out, 'crx'),
    storeDir: path.join(out, 'webstore'),
    stdout,
    close: () => rmSync(out, { recursive: true, force: true }),
  };
}

// `npm run pack`: the packages an admin or the Web Store needs, in release/.
//   --key FILE.pem (or CRX_KEY: the PEM itself, or a path)  signs the CRX; without one a throwaway
//                              key is generated into release/ (never commit a real key)
//   --base-url URL             where the CRX will be served: update.xml's codebase is URL + its name
//   --hosts a,b                the admin package declares exactly these hosts (least privilege)
//   --store                    the Web Store package asks for host access from the options page
//   --from-dist DIR            pack an existing build instead of building into release/.build
//   --out DIR                  instead of release/
import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { crx3, extensionId, publicKeyDer } from './lib/crx';
import { parseHosts, shapeManifest, updateXml, type PackageShape } from './lib/manifest';
import { zip, type ZipEntry } from './lib/zip';

const ROOT = path.resolve(import.meta.dirname, '..');

function fail(message: string): never {
  console.error(`npm run pack: ${message}`);
  process.exit(1);
}

function argsOf() {
  try {
    return parseArgs({
      options: {
        key: { type: 'string' },
        'base-url': { type: 'string' },
        hosts: { type: 'string' },
        store: { type: 'boolean', default: false },
        'from-dist': { type: 'string' },
        out: { type: 'string', default: 'release' },
      },
    }).values;
  } catch (error) {
    return fail((error as Error).message);
  }
}
const args = argsOf();

const out = path.resolve(ROOT, args.out!);
mkdirSync(out, { recursive: true });

function filesOf(dir: string, prefix = ''): ZipEntry[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    const rel = prefix ? `${prefix}/${name}` : name;
    return statSync(full).isDirectory() ? filesOf(full, rel) : [{ name: rel, data: readFileSync(full) }];
  });
}

function loadKey(): KeyObject {
  const fromEnv = process.env.CRX_KEY;
  if (args.key) return createPrivateKey(readFileSync(path.resolve(args.key)));
  if (fromEnv) return createPrivateKey(fromEnv.includes('-----BEGIN') ? fromEnv : readFileSync(path.resolve(fromEnv)));
  const throwaway = path.join(out, 'throwaway-key.pem');
  if (!existsSync(throwaway)) {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    writeFileSync(throwaway, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  }
  console.warn(
    `WARNING: no --key or CRX_KEY: signed with the throwaway key ${path.relative(ROOT, throwaway)}.\n` +
      '         Its id is good for a test only; sign releases with your own key, kept out of the repository.',
  );
  return createPrivateKey(readFileSync(throwaway));
}

async function build(): Promise<string> {
  if (args['from-dist']) return path.resolve(args['from-dist']);
  const dir = path.join(out, '.build');
  const { build: viteBuild } = await import('vite');
  await viteBuild({ root: ROOT, logLevel: 'warn', build: { outDir: dir, emptyOutDir: true } });
  return dir;
}

function writeTree(dir: string, entries: readonly ZipEntry[]): void {
  rmSync(dir, { recursive: true, force: true });
  for (const entry of entries) {
    const file = path.join(dir, entry.name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, entry.data);
  }
}

/** The build's files with its manifest reshaped; also written unpacked to `dir` (tests, inspection). */
function shaped(built: ZipEntry[], shape: PackageShape, dir: string): Buffer {
  const manifest = JSON.parse(built.find((e) => e.name === 'manifest.json')!.data.toString('utf8'));
  const entries = built.map((e) =>
    e.name === 'manifest.json' ? { name: e.name, data: Buffer.from(JSON.stringify(shapeManifest(manifest, shape), null, 2)) } : e,
  );
  writeTree(dir, entries);
  return zip(entries);
}

let hosts: string[] | undefined;
try {
  hosts = args.hosts ? parseHosts(args.hosts) : undefined;
} catch (error) {
  fail((error as Error).message);
}
const key = loadKey();
const spki = publicKeyDer(key);
const id = extensionId(spki);
const dist = await build();
const built = filesOf(dist);
const version = JSON.parse(built.find((e) => e.name === 'manifest.json')!.data.toString('utf8')).version as string;

const crxName = `crm-screenpop-${version}.crx`;
const crx = crx3(shaped(built, { key: spki.toString('base64'), hosts, optional: false }, path.join(out, 'crx')), key);
writeFileSync(path.join(out, crxName), crx);

const storeName = `crm-screenpop-${version}-webstore.zip`;
writeFileSync(path.join(out, storeName), shaped(built, { key: null, hosts, optional: args.store! }, path.join(out, 'webstore')));

const baseUrl = args['base-url'];
if (baseUrl) {
  const codebase = new URL(crxName, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`).href;
  writeFileSync(path.join(out, 'update.xml'), updateXml(id, version, codebase));
} else {
  console.warn('No --base-url: update.xml not written (its codebase is where you serve the CRX).');
}

const rel = (name: string) => path.relative(ROOT, path.join(out, name));
console.log(`Extension id: ${id}`);
console.log(`  ${rel(crxName)}   CRX3 for self-hosted force-install, hosts: ${(hosts ?? ['every http/https site']).join(', ')}`);
console.log(`  ${rel(storeName)}   Web Store package, host access ${args.store ? 'asked for from the options page' : 'at install'}`);
if (baseUrl) {
  console.log(`  ${rel('update.xml')}   ExtensionInstallForcelist: "${id};${new URL('update.xml', baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`).href}"`);
}

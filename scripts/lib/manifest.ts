// What each package declares. The CRX carries the signing key's public key as `key` (so the id an
// unpacked copy gets is the id Chrome gives the CRX); the Web Store refuses a `key`, and its
// package may ask for host access at run time instead (`optional_host_permissions`).
export const ALL_HOSTS = ['http://*/*', 'https://*/*'];

export interface PackageShape {
  /** The manifest `key` (base64 SPKI), or null to leave it out (Web Store). */
  key: string | null;
  /** Hosts granted at install; undefined: what the build declares (every http/https site). */
  hosts?: readonly string[];
  /** Hosts asked for from the options page instead of at install. */
  optional: boolean;
}

type Manifest = Record<string, unknown> & { host_permissions?: string[]; optional_host_permissions?: string[] };

export function shapeManifest(built: Manifest, shape: PackageShape): Manifest {
  const out: Manifest = { ...built };
  delete out.key;
  if (shape.key) out.key = shape.key;
  const hosts = [...(shape.hosts ?? built.host_permissions ?? ALL_HOSTS)];
  delete out.optional_host_permissions;
  if (shape.optional) {
    out.host_permissions = [];
    out.optional_host_permissions = hosts;
  } else {
    out.host_permissions = hosts;
  }
  return out;
}

const HOST_PATTERN = /^(https?|\*):\/\/(\*|(\*\.)?[^/*:]+)(:\d+)?\/.*$/;

/** `--hosts` values: Chrome match patterns for http(s) pages, e.g. https://crm.example.com/* */
export function parseHosts(list: string): string[] {
  const hosts = list.split(',').map((h) => h.trim()).filter(Boolean);
  if (!hosts.length) throw new Error('--hosts lists no host');
  for (const host of hosts) {
    if (!HOST_PATTERN.test(host)) throw new Error(`--hosts: "${host}" is not a match pattern like https://crm.example.com/*`);
  }
  return hosts;
}

export function updateXml(id: string, version: string, codebase: string): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/'/g, '&apos;').replace(/</g, '&lt;');
  return `<?xml version='1.0' encoding='UTF-8'?>
<gupdate xmlns='http://www.google.com/update2/response' protocol='2.0'>
  <app appid='${id}'>
    <updatecheck codebase='${esc(codebase)}' version='${esc(version)}' />
  </app>
</gupdate>
`;
}

// Chrome match patterns for source `pages`, origin patterns for `senders`.
// Imported by the content script too: keep it free of dependencies.

const PAGE_PATTERN = /^(\*|https?):\/\/(\*|(?:\*\.)?[^/*:]+)(:(?:\*|\d{1,5}))?(\/.*)$/;
const ORIGIN_PATTERN = /^(https?):\/\/(\*\.)?([^/*:]+)(:\d{1,5})?\/?$/;

export function pagePatternError(pattern: string): string | null {
  if (pattern === '<all_urls>') return null;
  return PAGE_PATTERN.test(pattern)
    ? null
    : 'must be a Chrome match pattern like "https://crm.example.com/*" (http or https)';
}

export function originPatternError(pattern: string): string | null {
  return ORIGIN_PATTERN.test(pattern)
    ? null
    : 'must be an origin like "https://agent.example.com" or "https://*.example.com" (no path, no bare *)';
}

function escapeRegExp(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}

function hostMatches(hostPattern: string, host: string): boolean {
  if (hostPattern === '*') return true;
  if (hostPattern.startsWith('*.')) {
    const base = hostPattern.slice(2);
    return host === base || host.endsWith(`.${base}`);
  }
  return host === hostPattern;
}

/** Does `url` match the Chrome match pattern? Ports: absent or `*` match any (as Chrome does). */
export function matchesPage(pattern: string, url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
  if (pattern === '<all_urls>') return true;
  const m = PAGE_PATTERN.exec(pattern);
  if (!m) return false;
  const [, scheme, host = '', port, path = '/'] = m;
  if (scheme !== '*' && `${scheme}:` !== parsed.protocol) return false;
  if (!hostMatches(host, parsed.hostname)) return false;
  if (port && port !== ':*' && port.slice(1) !== effectivePort(parsed)) return false;
  const pathRe = new RegExp(`^${path.split('*').map(escapeRegExp).join('.*')}$`);
  return pathRe.test(parsed.pathname + parsed.search);
}

function effectivePort(url: URL): string {
  return url.port || (url.protocol === 'https:' ? '443' : '80');
}

/** Does the `origin` of a MessageEvent match the origin pattern? */
export function matchesOrigin(pattern: string, origin: string): boolean {
  const m = ORIGIN_PATTERN.exec(pattern);
  if (!m) return false;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (parsed.origin !== origin) return false;
  const [, scheme, wildcard, host = '', port] = m;
  if (`${scheme}:` !== parsed.protocol) return false;
  if (!hostMatches(wildcard ? `*.${host}` : host, parsed.hostname)) return false;
  return (port ? port.slice(1) : defaultPort(parsed.protocol)) === effectivePort(parsed);
}

function defaultPort(protocol: string): string {
  return protocol === 'https:' ? '443' : '80';
}

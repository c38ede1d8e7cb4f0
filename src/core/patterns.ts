// Chrome match patterns for source `pages`, origin patterns for `senders`.
// Imported by the content script too: keep it free of dependencies.
import { isPublicSuffix } from './public-suffix';

const PAGE_PATTERN = /^(\*|https?):\/\/(\*|(?:\*\.)?[^/*:]+)(:(?:\*|\d{1,5}))?(\/.*)$/;
const ORIGIN_PATTERN = /^(https?):\/\/(\*\.)?([^/*:]+)(:\d{1,5})?\/?$/;

export function pagePatternError(pattern: string): string | null {
  const m = PAGE_PATTERN.exec(pattern);
  if (!m) return 'must be a Chrome match pattern like "https://crm.example.com/*" (http or https)';
  return wildcardHostError(m[2] ?? '');
}

export function originPatternError(pattern: string): string | null {
  const m = ORIGIN_PATTERN.exec(pattern);
  if (!m) return 'must be an origin like "https://agent.example.com" or "https://*.example.com" (no path, no bare *)';
  return m[2] ? wildcardHostError(`*.${m[3] ?? ''}`) : null;
}

// Public suffixes (src/core/public-suffix.ts): "*.co.uk" or "*.web.app" would trust every site under it.
const MULTI_LABEL_SUFFIXES = { has: isPublicSuffix };

/**
 * A wildcard must stop at a registrable domain: "*.example.com" yes; "*", "*.com", "*.co.uk" no.
 * The messages are core/validation-codes' `wildcardBare` and `wildcardSuffix` word for word: the
 * schema reads them back as codes, so that the pages say them in the agent's language.
 */
export function wildcardHostError(host: string): string | null {
  if (host === '*') return 'must name a domain: a bare * host would cover every site';
  if (!host.startsWith('*.')) return null;
  const base = host.slice(2).toLowerCase();
  if (!base.includes('.') || MULTI_LABEL_SUFFIXES.has(base)) {
    return `"*.${base}" covers a whole public suffix: name a registrable domain, like "*.example.${base}"`;
  }
  return null;
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

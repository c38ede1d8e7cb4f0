// The last gate before anything is opened or fetched: only http(s), and only inside
// settings.allowedUrlPrefixes when that list is set. Reasons name the origin, never the full URL,
// because the URL carries the customer's phone number or e-mail address.
import type { Settings } from '../config';
import { reasonText } from '../reason-codes';
import type { UrlResult } from './types';

function fail(reason: string): UrlResult {
  return { ok: false, reason };
}

function matchesPrefix(url: URL, prefix: string): boolean {
  // "https://*.example.com/" admits example.com and any of its subdomains.
  const wildcard = /^https?:\/\/\*\./i.test(prefix);
  let allowed: URL;
  try {
    allowed = new URL(wildcard ? prefix.replace('*.', '') : prefix);
  } catch {
    return false;
  }
  if (allowed.protocol !== url.protocol || allowed.port !== url.port) return false;
  if (allowed.username !== url.username || allowed.password !== url.password) return false;
  const hostOk = wildcard
    ? url.hostname === allowed.hostname || url.hostname.endsWith(`.${allowed.hostname}`)
    : url.hostname === allowed.hostname;
  if (!hostOk) return false;
  const rest = allowed.pathname + allowed.search;
  const candidate = url.pathname + url.search;
  if (rest === '/') return true;
  if (!candidate.startsWith(rest)) return false;
  // "https://crm.example.com/app" admits /app, /app/… and /app?…, never /app-admin.
  const next = candidate.charAt(rest.length);
  return /[/?#]$/.test(rest) || next === '' || next === '/' || next === '?' || next === '#';
}

/** Is `url` inside one of `prefixes` (at a path boundary)? */
export function withinPrefixes(url: string, prefixes: readonly string[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return prefixes.some((prefix) => matchesPrefix(parsed, prefix));
}

export function checkUrl(url: string, settings: Settings): UrlResult {
  if (typeof url !== 'string' || !url.trim()) return fail(reasonText('urlEmpty'));
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return fail(reasonText('urlInvalid'));
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return fail(reasonText('urlScheme', parsed.protocol));
  }
  if (!parsed.hostname) return fail(reasonText('urlNoHost'));
  const prefixes = settings?.allowedUrlPrefixes ?? [];
  if (prefixes.length > 0 && !prefixes.some((prefix) => matchesPrefix(parsed, prefix))) {
    return fail(reasonText('urlOutsidePrefixes', parsed.origin));
  }
  return { ok: true, url: parsed.href };
}

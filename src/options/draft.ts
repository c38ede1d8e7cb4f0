// The document being edited: pure helpers for the options page (no chrome.* calls), so the
// preview, validation and export work on exactly what Save will send.
import { ConfigSchema, EMPTY_CONFIG, formatPath, type Config, type Source, type Template } from '../core/config';
import { readIssue, validationEnglish, type ValidationMessage } from '../core/validation-codes';

/** Field path (`templates[0].url`) → first message for it; '' holds document-level messages. */
export type FieldErrors = Record<string, string>;

/** `say` words each message: the page passes its translator, tests and exports keep English. */
export function validate(draft: unknown, say: (message: ValidationMessage) => string = validationEnglish): FieldErrors {
  const result = ConfigSchema.safeParse(draft);
  const errors: FieldErrors = {};
  if (result.success) return errors;
  for (const issue of result.error.issues) {
    const where = formatPath(issue.path);
    errors[where] ??= say(readIssue(issue));
  }
  return errors;
}

/** Messages at `path` or below it (`sources[0].pages` covers `sources[0].pages[1]`). */
export function errorsUnder(errors: FieldErrors, path: string): string[] {
  return Object.entries(errors)
    .filter(([where]) => where === path || where.startsWith(`${path}[`) || where.startsWith(`${path}.`))
    .map(([where, message]) => `${where}: ${message}`);
}

/** The messages themselves at `path` or below it, for the field that shows them. */
export function messagesUnder(errors: FieldErrors, path: string): string[] {
  return [...new Set(errorsUnder(errors, path).map((line) => line.slice(line.indexOf(': ') + 2)))];
}

function uniqueId(prefix: string, taken: readonly { id: string }[]): string {
  const ids = new Set(taken.map((x) => x.id));
  for (let n = 1; ; n++) if (!ids.has(`${prefix}-${n}`)) return `${prefix}-${n}`;
}

export function newTemplate(config: Config): Template {
  return {
    id: uniqueId('template', config.templates),
    name: '',
    enabled: true,
    // "Open CRM" in the toolbar popup runs the templates that list on_demand: a new one does.
    when: { phases: ['answered', 'on_demand'], channels: [], sources: [], queues: [] },
    url: 'https://',
    params: [],
    action: { type: 'tab', target: 'CRM {CHANNEL_LABEL}', reuse: true, focus: true, placement: 'tab' },
    final: false,
  };
}

export function newSource(config: Config): Source {
  return { id: uniqueId('source', config.sources), adapter: 'ccai', pages: [], senders: [] };
}

/** A webhook secret left out of an export. */
export const REDACTED = '';

/** The document to export; webhook passwords and header values are blanked unless asked for. */
export function exportDocument(config: Config, includeSecrets: boolean): Config {
  const copy = structuredClone(config);
  if (includeSecrets) return copy;
  for (const template of copy.templates) {
    const action = template.action;
    if (action.type === 'webhook') redact(action.auth);
    if (template.lookup) redact(template.lookup.request.auth);
  }
  return copy;
}

type AnyAuth = { type: string; password?: string; value?: string; username?: string; name?: string };

function redact(auth: AnyAuth): void {
  if (auth.type === 'basic') auth.password = REDACTED;
  if (auth.type === 'header') auth.value = REDACTED;
}

/**
 * A blanked secret takes the stored one back when it belongs to the same user name or header and
 * goes to the same origin. True when it stays blank: the agent must type it.
 */
function restore(auth: AnyAuth | undefined, before: AnyAuth | undefined, sameOrigin: boolean): boolean {
  if (!auth) return false;
  const blank = (auth.type === 'basic' && auth.password === REDACTED) || (auth.type === 'header' && auth.value === REDACTED);
  if (!blank) return false;
  if (!before || !sameOrigin || auth.type !== before.type) return true;
  if (auth.type === 'basic' && auth.username === before.username) {
    auth.password = before.password;
    return false;
  }
  if (auth.type === 'header' && auth.name === before.name) {
    auth.value = before.value;
    return false;
  }
  return true;
}

/**
 * An exported file comes back without its secrets: a blanked secret of a template that still
 * exists with the same credentials' owner — same user or header name, and the same webhook (or
 * lookup) origin — keeps the one already stored, so export → import is safe. A file that points
 * the template at another host gets no stored secret: the agent types it, knowing where it will
 * go. `missing` lists the templates left with a blank secret.
 */
export function restoreSecrets(imported: Config, current: Config): { config: Config; missing: string[] } {
  const copy = structuredClone(imported);
  const missing = new Set<string>();
  for (const template of copy.templates) {
    const previous = current.templates.find((t) => t.id === template.id);
    if (template.action.type === 'webhook') {
      const before = previous?.action.type === 'webhook' ? previous.action.auth : undefined;
      if (restore(template.action.auth, before, sameOrigin(previous?.url, template.url))) missing.add(template.id);
    }
    const lookup = template.lookup?.request;
    if (lookup && restore(lookup.auth, previous?.lookup?.request.auth, sameOrigin(previous?.lookup?.request.url, lookup.url))) {
      missing.add(template.id);
    }
  }
  return { config: copy, missing: [...missing] };
}

function sameOrigin(a: string | undefined, b: string | undefined): boolean {
  const origin = (url: string | undefined) => {
    try {
      return url === undefined ? undefined : new URL(url.trim()).origin;
    } catch {
      return undefined;
    }
  };
  return origin(a) !== undefined && origin(a) === origin(b);
}

/** Parses what storage holds into an editable document (defaults filled in); junk → empty. */
export function toDraft(stored: unknown): Config {
  const parsed = ConfigSchema.safeParse(stored ?? EMPTY_CONFIG);
  return parsed.success ? parsed.data : structuredClone(EMPTY_CONFIG);
}

export function move<T>(list: readonly T[], index: number, delta: number): T[] {
  const to = index + delta;
  if (to < 0 || to >= list.length) return [...list];
  const next = [...list];
  const [item] = next.splice(index, 1);
  next.splice(to, 0, item as T);
  return next;
}

/** Lines of a textarea → list items (blank lines dropped). */
export function lines(text: string): string[] {
  return text.split('\n').map((line) => line.trim()).filter(Boolean);
}

// Host permission patterns ignore the path and port: Chrome grants per scheme and host.
function hostPattern(url: string): string | null {
  if (url === '<all_urls>') return url;
  const m = /^(\*|https?):\/\/([^/:?#{}]+)/i.exec(url.trim());
  if (!m) return null;
  return `${m[1]!.toLowerCase()}://${m[2]!.toLowerCase()}/*`;
}

/**
 * Origins the document needs host access to: source pages, template URL hosts, and the CRMs the
 * side panel may frame (their framing rule needs host access to act).
 */
export function neededOrigins(config: Config): string[] {
  const out = new Set<string>();
  for (const source of config.sources) for (const page of source.pages) {
    const p = hostPattern(page);
    if (p) out.add(p);
  }
  for (const origin of config.settings.sidePanelOrigins ?? []) {
    const p = hostPattern(origin);
    if (p) out.add(p);
  }
  for (const template of config.templates) {
    if (!template.enabled) continue;
    const lookup = template.lookup;
    const urls = [template.url, lookup?.request.url, lookup?.noMatchUrl, lookup?.fallbackUrl];
    if (lookup?.request.auth.type === 'oauth2') urls.push(lookup.request.auth.tokenUrl);
    for (const url of urls) {
      const p = url ? hostPattern(url) : null;
      if (p) out.add(p);
    }
  }
  return [...out];
}

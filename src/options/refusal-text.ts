// A worker's "no" in the agent's language: a refused document by field and message, a known
// refusal by its code; a reason from the engine (a refused URL, an HTTP status) stays as it came.
import { EMPTY_CONFIG } from '../core/config-defaults';
import type { Config } from '../core/config';
import type { Refusal } from '../core/reply-codes';
import { reasonName } from './diagnostic-text';
import { fieldName, sayValidation } from './field-names';

/**
 * One line per problem. `config`: the document the paths point into, for the names of its
 * templates and sources; a document too broken to have any gets them by number.
 */
export function refusalLines(reply: Refusal, config: Config = EMPTY_CONFIG): string[] {
  if (reply.issues?.length) {
    return reply.issues.map((issue) => (issue.path ? `${fieldName(issue.path, config)}: ${sayValidation(issue.message)}` : sayValidation(issue.message)));
  }
  if (reply.code) {
    const text = chrome.i18n.getMessage(`reply_${reply.code}`, reply.args ?? []);
    if (text) return [text];
  }
  return [reasonName(reply.error)];
}

export function refusalText(reply: Refusal, config?: Config): string {
  return refusalLines(reply, config).join('\n');
}

/** What a document read from a file or the JSON view holds so far, for naming its fields. */
export function namesOf(input: unknown): Config {
  let doc = input;
  if (typeof input === 'string') {
    try {
      doc = JSON.parse(input);
    } catch {
      return EMPTY_CONFIG;
    }
  }
  const o = (doc ?? {}) as Partial<Record<'templates' | 'sources', unknown>>;
  // Items keep their places (a path's index points at the same one); what is not an object is empty.
  const list = (value: unknown) => (Array.isArray(value) ? value.map((x) => (typeof x === 'object' && x !== null ? (x as Record<string, unknown>) : {})) : []);
  const object = (value: unknown) => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {});
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  // Parameters by name, and the action's type and method: the names of their fields depend on them.
  const params = (value: unknown) => list(value).map((p) => ({ name: text(p.name) }));
  return {
    ...EMPTY_CONFIG,
    templates: list(o.templates).map((x, i) => ({
      id: typeof x.id === 'string' && x.id ? x.id : String(i + 1),
      name: text(x.name),
      params: params(x.params),
      action: { type: text(object(x.action).type), method: text(object(x.action).method) },
      lookup: { request: { params: params(object(object(x.lookup).request).params) } },
    })),
    sources: list(o.sources).map((x, i) => ({ id: typeof x.id === 'string' && x.id ? x.id : String(i + 1) })),
  } as unknown as Config;
}

/** A refusal about one template, whose paths are its own (`url`): named as that template's fields. */
export function templateRefusalText(reply: Refusal, template: Config['templates'][number]): string {
  const issues = reply.issues?.map((issue) => ({ ...issue, path: issue.path ? `templates[0].${issue.path}` : 'templates[0]' }));
  return refusalText(issues ? { ...reply, issues } : reply, { ...EMPTY_CONFIG, templates: [template] });
}

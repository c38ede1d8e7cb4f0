// The configuration document (v1) of SPEC.md: what the options page edits, imports and exports,
// what an admin puts in policy and what is stored. Every write path goes through parseConfig.
import { z } from 'zod';
import { upgradeConfigDocument } from './config-upgrade';
import { ADAPTERS, PHASES } from './interaction-event';
import { originPatternError, pagePatternError } from './patterns';

const id = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be 1–64 letters, digits, "_", "." or "-"');

const pagePattern = z.string().superRefine((value, ctx) => {
  const error = pagePatternError(value);
  if (error) ctx.addIssue({ code: 'custom', message: error });
});
const originPattern = z.string().superRefine((value, ctx) => {
  const error = originPatternError(value);
  if (error) ctx.addIssue({ code: 'custom', message: error });
});
const phase = z.enum(PHASES);

/** A dotted path into the vendor message, e.g. `data.chat_id`. */
const path = z.string().min(1).max(200);

export const ExtractRuleSchema = z.object({
  /** Variable the match defines, e.g. `PERSONAL_ACCOUNT`. */
  var: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a variable name like PERSONAL_ACCOUNT'),
  /** Dotted path of the text field to search, or a variable name prefixed with `$`. */
  from: path,
  pattern: z.string().min(1).max(1000).superRefine((value, ctx) => {
    try {
      new RegExp(value);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: `is not a valid regular expression: ${(error as Error).message}` });
    }
  }),
  flags: z.string().regex(/^[imsu]*$/, 'may only use the flags i, m, s, u').default(''),
  /** Capture group holding the value (0: the whole match). */
  group: z.number().int().min(0).max(99).default(1),
});

export const GenericMappingSchema = z.object({
  /** Path of the event type, e.g. `event`. */
  type: path,
  /** Path of the interaction id. */
  interactionId: path,
  /** Path of the channel value, looked up in `channels` (else kept as is, lower-cased). */
  channel: path.optional(),
  /** Fixed channel when the vendor carries none. */
  defaultChannel: z.string().min(1).default('chat'),
  /** Event type value → phase; a type absent here is recorded without a pop. */
  phases: z.record(z.string(), phase).default({}),
  /** Vendor channel value → channel id. */
  channels: z.record(z.string(), z.string().min(1)).default({}),
  /** Variable name → path. */
  vars: z.record(z.string(), path).default({}),
  extract: z.array(ExtractRuleSchema).default([]),
});

export const SourceSchema = z
  .object({
    id,
    adapter: z.enum(ADAPTERS),
    pages: z.array(pagePattern).min(1, 'must list at least one page pattern'),
    /** Origins whose postMessage events are accepted; empty: the page's own origin. */
    senders: z.array(originPattern).default([]),
    mapping: GenericMappingSchema.optional(),
  })
  .superRefine((source, ctx) => {
    if (source.adapter === 'generic' && !source.mapping) {
      ctx.addIssue({ code: 'custom', path: ['mapping'], message: 'is required for the generic adapter' });
    }
  });

export const ParamSchema = z.object({
  name: z.string().min(1).max(200),
  value: z.string().max(2000),
  enabled: z.boolean().default(true),
});

const placement = z.enum(['tab', 'window', 'sidepanel']);
const DEFAULT_TARGET = 'CRM {CHANNEL_LABEL}';

const TabActionSchema = z.object({
  type: z.literal('tab'),
  target: z.string().min(1).max(200).default(DEFAULT_TARGET),
  reuse: z.boolean().default(true),
  focus: z.boolean().default(true),
  placement: placement.default('tab'),
});

const RecordActionSchema = TabActionSchema.extend({ type: z.literal('record') });

const ClipboardActionSchema = z.object({
  type: z.literal('clipboard'),
  /** Text to copy; empty: the rendered URL. */
  text: z.string().max(4000).default(''),
});

const WebhookAuthSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }),
  z.object({ type: z.literal('basic'), username: z.string(), password: z.string() }),
  z.object({
    type: z.literal('header'),
    name: z.string().regex(/^[A-Za-z0-9-]{1,100}$/, 'must be an HTTP header name'),
    value: z.string(),
  }),
]);

const WebhookActionSchema = z.object({
  type: z.literal('webhook'),
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH']).default('POST'),
  body: z.enum(['json', 'form']).default('json'),
  container: z
    .object({ type: z.enum(['map', 'array']), name: z.string().min(1).max(200) })
    .optional(),
  auth: WebhookAuthSchema.default({ type: 'none' }),
  timeoutMs: z.number().int().min(100).max(120_000).default(10_000),
});

export const ActionSchema = z.discriminatedUnion('type', [
  TabActionSchema,
  RecordActionSchema,
  ClipboardActionSchema,
  WebhookActionSchema,
]);

export const WhenSchema = z.object({
  phases: z.array(phase).optional(),
  channels: z.array(z.string().min(1)).optional(),
  sources: z.array(z.string().min(1)).optional(),
  /** Globs over the queue path or name, e.g. `Sales/*`. */
  queues: z.array(z.string().min(1)).optional(),
});

export const TemplateSchema = z
  .object({
    id,
    name: z.string().max(200).default(''),
    enabled: z.boolean().default(true),
    when: WhenSchema.prefault({}),
    url: z.string().max(8000).optional(),
    params: z.array(ParamSchema).default([]),
    action: ActionSchema.prefault({ type: 'tab' }),
    final: z.boolean().default(false),
  })
  .superRefine((template, ctx) => {
    const needsUrl = template.action.type === 'tab' || template.action.type === 'webhook';
    if (needsUrl && !template.url) {
      ctx.addIssue({ code: 'custom', path: ['url'], message: `is required for a ${template.action.type} action` });
    }
    if (template.url && !/^https?:\/\//i.test(template.url.trim())) {
      ctx.addIssue({ code: 'custom', path: ['url'], message: 'must start with http:// or https://' });
    }
  });

export const SettingsSchema = z.object({
  defaultCountry: z
    .string()
    .regex(/^[A-Z]{2}$/, 'must be a two-letter country code like "IT"')
    .default('US'),
  allowedUrlPrefixes: z
    .array(z.string().regex(/^https?:\/\/[^/]+/i, 'must be a URL prefix starting with http:// or https://'))
    .default([]),
  paused: z.boolean().default(false),
  channelLabels: z.record(z.string(), z.string().min(1).max(60)).default({}),
  historyMinutes: z.number().min(0).max(24 * 60).default(15),
});

export const ConfigSchema = z
  .object({
    version: z.literal(1, 'must be 1'),
    sources: z.array(SourceSchema).default([]),
    templates: z.array(TemplateSchema).default([]),
    settings: SettingsSchema.prefault({}),
  })
  .superRefine((config, ctx) => {
    const seen = (list: { id: string }[], key: 'sources' | 'templates') => {
      const ids = new Set<string>();
      list.forEach((item, index) => {
        if (ids.has(item.id)) {
          ctx.addIssue({ code: 'custom', path: [key, index, 'id'], message: `"${item.id}" is used twice` });
        }
        ids.add(item.id);
      });
    };
    seen(config.sources, 'sources');
    seen(config.templates, 'templates');
  });

export type Config = z.infer<typeof ConfigSchema>;
export type ConfigInput = z.input<typeof ConfigSchema>;
export type Source = z.infer<typeof SourceSchema>;
export type GenericMapping = z.infer<typeof GenericMappingSchema>;
export type ExtractRule = z.infer<typeof ExtractRuleSchema>;
export type Template = z.infer<typeof TemplateSchema>;
export type Param = z.infer<typeof ParamSchema>;
export type Action = z.infer<typeof ActionSchema>;
export type TabAction = z.infer<typeof TabActionSchema>;
export type RecordAction = z.infer<typeof RecordActionSchema>;
export type WebhookAction = z.infer<typeof WebhookActionSchema>;
export type Settings = z.infer<typeof SettingsSchema>;

export type ConfigResult = { ok: true; config: Config } | { ok: false; error: string };

/** `templates[0].url` from a zod issue path. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`;
    return out ? `${out}.${String(key)}` : String(key);
  }, '');
}

/** Validates the whole document; a JSON string is parsed first. The error names the field. */
export function parseConfig(input: unknown): ConfigResult {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (error) {
      return { ok: false, error: `The document is not valid JSON: ${(error as Error).message}` };
    }
  }
  const upgraded = upgradeConfigDocument(value);
  if (!upgraded.ok) return upgraded;
  const result = ConfigSchema.safeParse(upgraded.doc);
  if (result.success) return { ok: true, config: result.data };
  const issues = result.error.issues.slice(0, 5).map((issue) => {
    const where = formatPath(issue.path);
    return where ? `${where}: ${issue.message}` : issue.message;
  });
  return { ok: false, error: issues.join('\n') };
}

export const EMPTY_CONFIG: Config = ConfigSchema.parse({ version: 1 });

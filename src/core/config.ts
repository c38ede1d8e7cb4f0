// The configuration document (v1), documented in docs/configuration.md: what the options page edits,
// imports and exports, what an admin puts in policy and what is stored. Every write path goes through
// parseConfig. The `.describe()` texts end up in docs/config.schema.json and public/managed_schema.json
// (`npm run schemas`): write them for the integrator who reads them in an editor.
import { z } from 'zod';
import { upgradeConfigDocument } from './config-upgrade';
import type { Refusal } from './reply-codes';
import { strictObject } from './config-keys';
import { compileLinear, MAX_EXTRACT_RULES } from './adapters/linear-regex';
import { ADAPTERS, PHASES } from './interaction-event';
import { originPatternError, pagePatternError, wildcardHostError } from './patterns';
import { issueEnglish, readIssue, token, tokenOf, type ValidationIssue } from './validation-codes';

const id = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,64}$/, token('idFormat'));
const ID_TEXT = '1–64 letters, digits, "_", "." or "-"; unique in its list.';

// core/patterns says why in English (the content script imports it): read back as codes.
const pagePattern = z.string().superRefine((value, ctx) => {
  const error = pagePatternError(value);
  if (error) ctx.addIssue({ code: 'custom', message: tokenOf(error, 'pagePattern') });
});
const originPattern = z.string().superRefine((value, ctx) => {
  const error = originPatternError(value);
  if (error) ctx.addIssue({ code: 'custom', message: tokenOf(error, 'originPattern') });
});
const phase = z.enum(PHASES);
const urlPrefix = z
  .string()
  .regex(/^https?:\/\/[^/]+/i, token('urlPrefix'))
  .superRefine((value, ctx) => {
    const error = wildcardHostError(/^https?:\/\/([^/:?#]+)/i.exec(value)?.[1] ?? '');
    if (error) ctx.addIssue({ code: 'custom', message: tokenOf(error, 'urlPrefix') });
  });

/** A dotted path into the vendor message, e.g. `data.chat_id`. */
const path = z.string().min(1).max(200);

export const ExtractRuleSchema = strictObject({
  var: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, token('varName'))
    .describe('Variable the match defines, e.g. PERSONAL_ACCOUNT.'),
  from: path.describe('Dotted path of the text field to search (e.g. `body`), or `$NAME` for a variable already mapped.'),
  pattern: z.string().min(1).max(1000).describe('JavaScript regular expression searched in the text; its first match is used.').superRefine((value, ctx) => {
    try {
      new RegExp(value);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: token('regexInvalid', (error as Error).message) });
      return;
    }
    const linear = compileLinear(value);
    if (!linear.ok) ctx.addIssue({ code: 'custom', message: token('regexUnsupported', linear.error) });
  }),
  flags: z
    .string()
    .regex(/^[imsu]*$/, token('regexFlags'))
    .default('')
    .describe('Regular-expression flags: any of i, m, s, u.'),
  group: z.number().int().min(0).max(99).default(1).describe('Capture group holding the value (0: the whole match).'),
}).describe('Defines a variable from a regular-expression match over a text field; no match leaves it undefined.');

export const GenericMappingSchema = strictObject({
  type: path.describe('Dotted path of the event type in the vendor message, e.g. `event` or `data.type`.'),
  interactionId: path.describe('Dotted path of the interaction id (a string or a number).'),
  channel: path
    .optional()
    .describe('Dotted path of the channel value, looked up in `channels` (else used as is, reduced to a channel id).'),
  defaultChannel: z.string().min(1).default('chat').describe('Channel when the message carries none.'),
  phases: z
    .record(z.string(), phase)
    .default({})
    .describe('Event type value → phase (exact key first, then case-insensitive); a type absent here is recorded without a pop.'),
  channels: z
    .record(z.string(), z.string().min(1))
    .default({})
    .describe('Vendor channel value → channel id (exact key first, then case-insensitive).'),
  vars: z
    .record(z.string(), path)
    .default({})
    .describe('Variable name → dotted path of its value in the vendor message.'),
  extract: z.array(ExtractRuleSchema).max(MAX_EXTRACT_RULES).default([]).describe(`Variables pulled out of text fields by regular expressions, applied after \`vars\` (at most ${MAX_EXTRACT_RULES}; all rules of one message share a work budget).`),
}).describe('Where the generic adapter finds the event type, interaction id, channel and variables in a vendor message.');

export const SourceSchema = strictObject({
  id: id.describe(`Names the source in templates' \`when.sources\` and in diagnostics. ${ID_TEXT}`),
  adapter: z.enum(ADAPTERS).describe('How vendor messages are read: ccai, agentdesktop, generic (needs `mapping`) or screenpop.'),
  pages: z
    .array(pagePattern.describe('A Chrome match pattern, e.g. "https://crm.example.com/*".'))
    .min(1, token('pagesMissing'))
    .describe('Chrome match patterns of the pages (all frames) the bridge listens on.'),
  senders: z
    .array(originPattern.describe('An origin, e.g. "https://agent.example.com" or "https://*.example.com".'))
    .default([])
    .describe("Origins whose postMessage events are accepted; empty: the page's own origin only."),
  rescueUrlPrefixes: z
    .array(urlPrefix)
    .optional()
    .describe(
      "Where a blocked popup of this source's pages may be rescued to: URL prefixes, matched like settings.allowedUrlPrefixes; absent or empty: any URL settings.allowedUrlPrefixes allows.",
    ),
  mapping: GenericMappingSchema.optional(),
})
  .describe('Where the bridge listens, whom it trusts and how vendor messages are read.')
  .superRefine((source, ctx) => {
    if (source.adapter === 'generic' && !source.mapping) {
      ctx.addIssue({ code: 'custom', path: ['mapping'], message: token('mappingRequired') });
    }
  });

export const ParamSchema = strictObject({
  name: z.string().min(1).max(200).describe('Parameter name, sent as written (percent-encoded).'),
  value: z
    .string()
    .max(2000)
    .describe('A template (`{ANI|e164}`) or, starting with "=", a function: =DEFAULT_VALUE(…), =CONCAT_OR(…), =CONCAT_AND(…). An empty result drops the parameter.'),
  enabled: z.boolean().default(true).describe('false: the parameter is left out.'),
}).describe('A query parameter (tab, record, clipboard, webhook GET) or a body field (webhook POST/PUT/PATCH).');

const placement = z.enum(['tab', 'window', 'sidepanel']);
const DEFAULT_TARGET = 'CRM {CHANNEL_LABEL}';

// ---- Placements (#12): the CRM window's bounds, clean-up at the interaction's end ----
/** Where the dedicated CRM window opens (placement "window"); the agent's own moves win later. */
export const WindowBoundsSchema = strictObject({
  left: z.number().int().min(-100_000).max(100_000).optional().describe('Screen x of the window, in pixels (a second screen has its own range).'),
  top: z.number().int().min(-100_000).max(100_000).optional().describe('Screen y of the window, in pixels.'),
  width: z.number().int().min(200).max(100_000).optional().describe('Window width, in pixels.'),
  height: z.number().int().min(150).max(100_000).optional().describe('Window height, in pixels.'),
  state: z.enum(['normal', 'maximized']).optional().describe('maximized: maximized on the screen given by left/top.'),
})
  .describe('Where the dedicated CRM window opens (placement "window") until the agent moves it; then where the agent left it.');
export const CLOSE_ON_PHASES = ['ended', 'wrapup_end'] as const;
const placementFields = {
  window: WindowBoundsSchema.optional(),
  closeOn: z
    .array(z.enum(CLOSE_ON_PHASES))
    .max(2)
    .optional()
    .describe("Phases that close the interaction's CRM tab, only if it still shows the page opened for it (same origin), no later pop took it over, and it is no agent desktop."),
};
// ---- end of placements (#12) ----

const TabActionSchema = strictObject({
  type: z.literal('tab').describe('Opens the rendered URL in a named tab.'),
  target: z
    .string()
    .min(1)
    .max(200)
    .default(DEFAULT_TARGET)
    .describe('Template naming the tab (its title and tab group); pops with the same name share one tab.'),
  reuse: z.boolean().default(true).describe('Navigate the tab already named `target` instead of opening another.'),
  focus: z.boolean().default(true).describe('false: open or navigate in the background, never taking focus from the agent desktop.'),
  placement: placement
    .default('tab')
    .describe("tab: in the agent desktop's window; window: a dedicated CRM window; sidepanel: Chrome's side panel beside the agent desktop (falls back to a tab)."),
  ...placementFields,
});

// Built whole rather than with .extend(), which would keep the strictness but not its message.
const RecordActionSchema = strictObject({
  ...TabActionSchema.shape,
  type: z.literal('record').describe("Opens the URL the event carries (CCAI CRM_Record_Pop's recordUrl); the template's url is ignored."),
});

const ClipboardActionSchema = strictObject({
  type: z.literal('clipboard').describe('Copies text to the clipboard.'),
  text: z.string().max(4000).default('').describe('Template of the text to copy; empty: the rendered URL.'),
});

const WebhookAuthSchema = z
  .discriminatedUnion('type', [
    strictObject({ type: z.literal('none').describe('No credentials.') }),
    strictObject({
      type: z.literal('basic').describe('HTTP Basic authentication.'),
      username: z.string().describe('Basic auth user name.'),
      password: z.string().describe('Basic auth password; left out of exports unless asked.'),
    }),
    strictObject({
      type: z.literal('header').describe('One header carrying a token or API key.'),
      name: z.string().regex(/^[A-Za-z0-9-]{1,100}$/, token('headerName')).describe('Header name, e.g. X-Api-Key.'),
      value: z.string().describe('Header value, sent as written; left out of exports unless asked.'),
    }),
  ])
  .describe('Credentials of the request: none, basic or header.');

const WebhookActionSchema = strictObject({
  type: z.literal('webhook').describe('Sends an HTTP request through the durable outbox.'),
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH']).default('POST').describe('GET puts the params in the query string; the others send them as the body.'),
  body: z.enum(['json', 'form']).default('json').describe('Body encoding: json (application/json) or form (application/x-www-form-urlencoded).'),
  container: strictObject({
      type: z.enum(['map', 'array']).describe('map: { name: { …params } }; array: { name: [ { …params } ] }.'),
      name: z.string().min(1).max(200).describe('Name of the field that holds the params.'),
    })
    .optional()
    .describe('Wraps the params in one named field of the body.'),
  auth: WebhookAuthSchema.default({ type: 'none' }),
  timeoutMs: z.number().int().min(100).max(120_000).default(10_000).describe('An attempt without an answer within this many milliseconds is retried.'),
});

// ─── Lookup (search, then pop) ──────────────────────────────────────────────────────────────
// A template's `lookup` asks the CRM's search API who the customer is before the tab opens (CCAI
// Platform custom CRM guide: "find an account"; Salesforce Open CTI searchAndScreenPop). The
// request has the webhook request's shape, plus OAuth 2.0; see src/core/lookup.ts.

const varName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, token('varName'));
const httpUrl = z
  .string()
  .max(8000)
  .refine((value) => /^https?:\/\//i.test(value.trim()), token('urlScheme'));

export const OAuthSchema = strictObject({
  type: z.literal('oauth2').describe('OAuth 2.0 authorization code with PKCE; the agent signs in once on the options page, tokens are refreshed.'),
  authorizeUrl: httpUrl.describe('Authorization endpoint of the CRM\'s OAuth 2.0 server.'),
  tokenUrl: httpUrl.describe('Token endpoint (authorization code and refresh token grants).'),
  clientId: z.string().min(1).max(500).describe('Client id registered with the CRM; its redirect URI is https://<extension-id>.chromiumapp.org/oauth.'),
  scope: z.string().max(2000).default('').describe('Space-separated scopes to ask for (include the one that grants a refresh token).'),
});

export const LookupRequestSchema = strictObject({
  method: z.enum(['GET', 'POST']).default('GET').describe('GET puts the params in the query string; POST sends them as the body.'),
  url: httpUrl.describe('URL template of the search API, e.g. https://crm.example.com/api/contacts.'),
  params: z.array(ParamSchema).default([]).describe('Parameters of the search, e.g. phone = {ANI|e164}.'),
  body: z.enum(['json', 'form']).default('json').describe('Body encoding of a POST: json or form.'),
  container: strictObject({
      type: z.enum(['map', 'array']).describe('map: { name: { …params } }; array: { name: [ { …params } ] }.'),
      name: z.string().min(1).max(200).describe('Name of the field that holds the params.'),
    })
    .optional()
    .describe('Wraps the body params in one named field.'),
  auth: z
    .discriminatedUnion('type', [...WebhookAuthSchema.options, OAuthSchema])
    .default({ type: 'none' })
    .describe('Credentials: none, basic, header or oauth2.'),
  // CCAI allows 1–10 s for its "find an account" call: the agent must not wait longer.
  timeoutMs: z.number().int().min(300).max(10_000).default(3000).describe('At this many ms without an answer the fallback opens (300–10000).'),
});

export const LookupSchema = strictObject({
  request: LookupRequestSchema.describe('The HTTP request of the search.'),
  results: z.string().max(200).default('').describe('Dotted path of the matches in the JSON answer (an array, or one object = one match); empty: the whole answer.'),
  vars: z.record(varName, path).default({}).describe('Variable → path inside one match; they fill url and stay known to later phases of the interaction.'),
  label: z.string().max(500).default('').describe('Template naming a match in the chooser, e.g. {ACCOUNT_NAME}; empty: the first *NAME* variable, else the first.'),
  multipleMatches: z
    .enum(['first', 'all', 'ask', 'fallback'])
    .default('ask')
    .describe('Several matches: first (open it), all (each in its own tab, at most 5), ask (the agent chooses), fallback (open fallbackUrl).'),
  noMatchUrl: httpUrl.optional().describe('URL template opened when nothing matches (e.g. a new-contact page with {ANI|e164}); absent: no pop.'),
  fallbackUrl: httpUrl.optional().describe('URL template opened on timeout, network or HTTP error, an unreadable answer, or several matches with fallback; absent: no pop.'),
})
  .describe('Search, then pop: find the customer with the CRM\'s API first; url then uses the variables found.');
// ─── end of lookup ──────────────────────────────────────────────────────────────────────────
// ---- Notify action (#12): a desktop notification; a click opens `url` like a tab action ----
const NotifyActionSchema = strictObject({
  type: z.literal('notify').describe('Shows a desktop notification; a click on it, or on its "Open CRM" button, opens the rendered URL like a tab action.'),
  title: z.string().max(200).default('').describe('Template of the notification title; empty: channel label and phase in the agent\'s language.'),
  message: z.string().max(1000).default('').describe("Template of the notification text; empty: the caller's number or address."),
  target: z.string().min(1).max(200).default(DEFAULT_TARGET).describe('Template naming the tab a click opens, as for a tab action.'),
  reuse: z.boolean().default(true).describe('A click navigates the tab already named `target` instead of opening another.'),
  focus: z.boolean().default(true).describe('false: a click opens the CRM in the background.'),
  placement: placement.default('tab').describe('Where a click opens the CRM: tab, window or sidepanel, as for a tab action.'),
  window: WindowBoundsSchema.optional(),
});
// ---- end of notify (#12) ----

export const ActionSchema = z
  .discriminatedUnion('type', [TabActionSchema, RecordActionSchema, ClipboardActionSchema, WebhookActionSchema, NotifyActionSchema])
  .describe('What a matching template does: tab, record, clipboard, webhook or notify.');

export const WhenSchema = strictObject({
  phases: z.array(phase).optional().describe('Phases that fire the template; absent or empty: every phase.'),
  channels: z.array(z.string().min(1)).optional().describe('Channel ids (case-insensitive); absent or empty: every channel.'),
  sources: z.array(z.string().min(1)).optional().describe('Source ids; absent or empty: every source.'),
  queues: z
    .array(z.string().min(1))
    .optional()
    .describe('Globs (`*`) over QUEUE_PATH, MENU_PATH or QUEUE_NAME, case-insensitive, e.g. "Sales/*"; absent or empty: every queue.'),
}).describe('Which events the template fires on; every field is optional and an absent one matches everything.');

export const TemplateSchema = strictObject({
  id: id.describe(`Names the template in diagnostics. ${ID_TEXT}`),
  name: z.string().max(200).default('').describe('Shown on the options page.'),
  enabled: z.boolean().default(true).describe('false: the template never fires.'),
  when: WhenSchema.prefault({}),
  url: z
    .string()
    .max(8000)
    .optional()
    .describe('URL template, starting with http:// or https:// written out; required for tab and webhook actions.'),
  params: z.array(ParamSchema).default([]).describe('Parameters appended to the URL, or the webhook body.'),
  action: ActionSchema.prefault({ type: 'tab' }),
  final: z.boolean().default(false).describe('true: when this template matches, the templates after it are not evaluated for the event.'),
  lookup: LookupSchema.optional(),
})
  .describe('What to open, copy or send when an event matches.')
  .superRefine((template, ctx) => {
    const needsUrl = template.action.type === 'tab' || template.action.type === 'webhook';
    if (needsUrl && !template.url) {
      ctx.addIssue({ code: 'custom', path: ['url'], message: token('urlRequired', template.action.type) });
    }
    if (template.lookup && template.action.type !== 'tab') {
      ctx.addIssue({ code: 'custom', path: ['lookup'], message: token('lookupNeedsTab') });
    }
    if (template.url && !/^https?:\/\//i.test(template.url.trim())) {
      ctx.addIssue({ code: 'custom', path: ['url'], message: token('urlScheme') });
    }
  });

export const SettingsSchema = strictObject({
  defaultCountry: z
    .string()
    .regex(/^([A-Z]{2})?$/, token('country'))
    .default('')
    .describe('ISO country of phone numbers written without an international prefix (filters e164, national, international); empty: the country of the browser\'s language.'),
  allowedUrlPrefixes: z
    .array(urlPrefix)
    .default([])
    .describe('When not empty, only URLs under one of these prefixes are opened or called ("https://*.example.com/" admits subdomains).'),
  paused: z.boolean().default(false).describe('true: events are recorded but nothing is opened, copied or sent.'),
  channelLabels: z
    .record(z.string(), z.string().min(1).max(60))
    .default({})
    .describe('Channel id → label, the {CHANNEL_LABEL} of tab names, e.g. { "voice": "Telefono" }.'),
  historyMinutes: z
    .number()
    .min(0)
    .max(24 * 60)
    .default(15)
    .describe("Minutes after an interaction ended before its details (phone numbers, URLs) are forgotten."),
  // ---- Side panel framing (#12) ----
  sidePanelOrigins: z
    .array(originPattern)
    .max(50)
    .optional()
    .describe(
      'CRM origins the side panel may show although they refuse framing (X-Frame-Options, frame-ancestors): for frames of this extension\'s own side panel only, those response headers are removed.',
    ),
  // ---- end of side panel framing (#12) ----
  // --- admin rollout (#9): settings.reportUrl ---------------------------------------------------
  // Read from the policy's document (the last valid one, else the rejected one itself).
  reportUrl: z
    .string()
    .regex(/^https?:\/\/[^/]+/i, token('urlScheme'))
    .optional()
    .describe('Policy only: where a rejected policy is reported, one small JSON POST per rejection and per browser start.'),
  // --- end admin rollout (#9) -----------------------------------------------------------------
}).describe('Settings of the whole document; every field has a default, so {} is valid.');

export const ConfigSchema = strictObject({
  version: z.literal(1, token('version')).describe('Version of the document format: 1.'),
  sources: z.array(SourceSchema).default([]).describe('Where the bridge listens, and how vendor messages are read.'),
  templates: z.array(TemplateSchema).default([]).describe('Evaluated in order for every event; every enabled match fires until a final one.'),
  settings: SettingsSchema.prefault({}),
})
  .describe('The CRM Screenpop configuration document: sources, templates and settings.')
  .superRefine((config, ctx) => {
    const seen = (list: { id: string }[], key: 'sources' | 'templates') => {
      const ids = new Set<string>();
      list.forEach((item, index) => {
        if (ids.has(item.id)) {
          ctx.addIssue({ code: 'custom', path: [key, index, 'id'], message: token('duplicateId', item.id) });
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
export type NotifyAction = z.infer<typeof NotifyActionSchema>;
export type WindowBounds = z.infer<typeof WindowBoundsSchema>;
export type CloseOnPhase = (typeof CLOSE_ON_PHASES)[number];
export type Settings = z.infer<typeof SettingsSchema>;
export type Lookup = z.infer<typeof LookupSchema>;
export type LookupRequest = z.infer<typeof LookupRequestSchema>;
export type OAuthSettings = z.infer<typeof OAuthSchema>;

/** A refused document names each problem twice: `error` in English (logs, support), `issues` for the pages. */
export type ConfigResult = { ok: true; config: Config } | Refusal;

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
      const issue: ValidationIssue = { path: '', message: { code: 'notJson', args: [(error as Error).message] } };
      return { ok: false, error: issueEnglish(issue), issues: [issue] };
    }
  }
  const upgraded = upgradeConfigDocument(value);
  if (!upgraded.ok) return upgraded;
  const result = ConfigSchema.safeParse(upgraded.doc);
  if (result.success) return { ok: true, config: result.data };
  const issues = result.error.issues.slice(0, 5).map((issue): ValidationIssue => ({ path: formatPath(issue.path), message: readIssue(issue) }));
  return { ok: false, error: issues.map(issueEnglish).join('\n'), issues };
}

// Written out in a module without the validation library, for the service worker.
export { EMPTY_CONFIG } from './config-defaults';

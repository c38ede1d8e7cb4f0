// "Try it" on the options page: an unsaved template's lookup run against the real API, with
// sample variables; nothing opens, the page shows the answer, the matches and the URL.
import { validateTemplate } from './offscreen';
import { decide, lookupRequest, readMatches } from '../core/lookup';
import type { LookupSignInMessage, LookupTryMessage, LookupTryReply } from '../core/worker-api';
import { refusal } from '../core/reply-codes';
import { currentConfig } from './config-store';
import { fetchLookup } from './lookup-fetch';
import { signIn } from './oauth';

const SHOWN_CHARS = 8000;

export async function tryLookup(message: LookupTryMessage): Promise<LookupTryReply> {
  const parsed = await validateTemplate(message.template);
  if (!parsed.ok) return parsed;
  const template = parsed.template;
  const lookup = template.lookup;
  if (!lookup) return refusal('noLookup');
  const settings = currentConfig().settings;
  const vars: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [name, value] of Object.entries(message.vars ?? {})) if (typeof value === 'string') vars[name] = value;
  const ctx = { vars, raw: null, settings };
  const rendered = lookupRequest(lookup, ctx);
  if (!rendered.ok) return { ok: false, error: rendered.reason };
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), lookup.request.timeoutMs);
  const answer = await fetchLookup(lookup, rendered.request, settings, controller.signal).finally(() => clearTimeout(timer));
  const decision = decide(template, lookup, answer, ctx);
  const read = answer.ok ? readMatches(lookup, answer.body, ctx) : null;
  return {
    ok: true,
    ...(answer.status === undefined ? {} : { status: answer.status }),
    // An error's body too: what the API says about a refused request is what the admin needs.
    response: (answer.ok ? JSON.stringify(answer.body, null, 2) : shownText(answer.text ?? '')).slice(0, SHOWN_CHARS),
    matches: read?.ok ? read.matches : [],
    outcome: decision.kind === 'open' ? `open:${decision.rule}` : decision.kind,
    ...(decision.kind === 'open' ? { url: decision.urls[0] } : decision.kind === 'ask' ? { url: decision.choices[0]?.url } : decision.url ? { url: decision.url } : {}),
    ...(decision.kind === 'fallback' ? { reason: decision.reason } : answer.ok ? {} : { reason: answer.reason }),
  };
}

/** An answer as the API sent it; JSON laid out like a successful one. */
function shownText(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

export async function signInForLookup(message: LookupSignInMessage): Promise<{ ok: true } | { ok: false; error: string }> {
  const parsed = await validateTemplate(message.template);
  const auth = parsed.ok ? parsed.template.lookup?.request.auth : undefined;
  if (auth?.type !== 'oauth2') return refusal('notOAuth');
  return signIn(auth, currentConfig().settings);
}

// The variables a template sees (docs/configuration.md, "Variables"): the interaction's accumulated vars, the
// event's own facts, and the vendor names each canonical variable covers, so both spellings resolve.
import type { Settings } from '../config';
import { channelLabel, type InteractionEvent, type Vars } from '../interaction-event';

/** Canonical variable → the vendor names it covers. */
export const VAR_ALIASES: Readonly<Record<string, readonly string[]>> = {
  ANI: ['CUSTOMER_PHONE_NUMBER', 'PHONE_NUMBER'],
  DNIS: ['SUPPORT_PHONE_NUMBER'],
  AGENT_CUSTOM_ID: ['CUSTOM_AGENT_ID'],
  QUEUE_PATH: ['MENU_PATH'],
  SESSION_TYPE: ['TYPE'],
  OUTBOUND_PHONE_NUMBER: ['OUTBOUND_NUMBER'],
  // CCAI's SESSION_ID is "the call id, chat id or e-mail id".
  SESSION_ID: ['CALL_ID', 'CHAT_ID'],
};

// SESSION_ID is derived from CALL_ID/CHAT_ID, never the other way round.
const ONE_WAY = new Set(['SESSION_ID']);

function nonEmpty(value: unknown): value is string | number | boolean {
  return (typeof value === 'string' && value !== '') || typeof value === 'number' || typeof value === 'boolean';
}

function timestamp(now: Date): string {
  return Number.isNaN(now.getTime()) ? new Date().toISOString() : now.toISOString();
}

export function contextVars(event: InteractionEvent, interactionVars: Vars, settings: Settings, now: Date = new Date()): Vars {
  // No prototype: a vendor variable named "constructor" or "__proto__" is just a variable.
  const vars: Vars = Object.create(null) as Vars;
  for (const source of [interactionVars, event.vars]) {
    if (!source || typeof source !== 'object') continue;
    for (const [name, value] of Object.entries(source)) {
      // A later event that lacks a value must not erase one learned earlier in the interaction.
      if (nonEmpty(value)) vars[name] = String(value);
      else if (!Object.hasOwn(vars, name)) vars[name] = '';
    }
  }
  for (const [canonical, aliases] of Object.entries(VAR_ALIASES)) {
    if (!vars[canonical]) {
      const found = aliases.map((alias) => vars[alias]).find(Boolean);
      if (found) vars[canonical] = found;
    }
    const value = vars[canonical];
    if (value && !ONE_WAY.has(canonical)) {
      for (const alias of aliases) if (!vars[alias]) vars[alias] = value;
    }
  }
  vars.CHANNEL = event.channel;
  vars.CHANNEL_LABEL = channelLabel(event.channel, settings?.channelLabels ?? {});
  vars.PHASE = event.phase ?? '';
  vars.INTERACTION_ID = event.interactionId;
  vars.SOURCE = event.source;
  vars.TIMESTAMP = timestamp(now);
  return vars;
}

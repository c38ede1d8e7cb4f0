// The first-run guide's engine: which agent desktop, its address and the CRM address become a
// working source and template, shown on that vendor's sample event before anything is saved.
import avayaExample from '../../examples/avaya-chatplugin.json';
import puzzelExample from '../../examples/puzzel.json';
import { ConfigSchema, GenericMappingSchema, type Config, type GenericMapping, type Source } from './config';
import type { AdapterId } from './interaction-event';
import { SAMPLES } from './samples';

export const GUIDE_VENDORS = ['ccai', 'agentdesktop', 'avaya', 'puzzel', 'other'] as const;
export type GuideVendor = (typeof GUIDE_VENDORS)[number];

export interface GuideInput {
  vendor: GuideVendor;
  /** The agent desktop's address, as typed ("acme.example.com" is completed). */
  desktop: string;
  /** The CRM page to open, as typed; {ANI|e164} and the like may be in it. */
  crm: string;
}

/** What is wrong with a field, as a locale key. */
export type GuideProblem = { field: 'desktop' | 'crm'; code: 'guideAddressMissing' | 'guideAddressInvalid' };

export type GuideResult = { ok: true; config: Config; sample: unknown } | { ok: false; problems: GuideProblem[] };

const ADAPTER: Record<GuideVendor, AdapterId> = {
  ccai: 'ccai',
  agentdesktop: 'agentdesktop',
  avaya: 'generic',
  puzzel: 'generic',
  other: 'screenpop',
};

const MAPPING: Partial<Record<GuideVendor, GenericMapping>> = {
  avaya: GenericMappingSchema.parse(avayaExample.sources[0]!.mapping),
  puzzel: GenericMappingSchema.parse(puzzelExample.sources[0]!.mapping),
};

/** Each vendor's sample: an interaction the agent takes, with a customer's number or address. */
const SAMPLE: Record<GuideVendor, unknown> = {
  ccai: SAMPLES.ccai.find((s) => s.id === 'ccai-whatsapp')!.payload,
  agentdesktop: SAMPLES.agentdesktop.find((s) => s.id === 'ad-established')!.payload,
  avaya: { event: 'WorkItemAccepted', workItem: { id: 'WI-20241121-000412', channelType: 'WhatsApp', userId: '+79161234567', agentId: '4711' } },
  puzzel: {
    trigger: 'accept',
    sessionId: '64e2a1f0-13c2-4d7e-9c55-1a2b3c4d5e6f',
    channel: 'phone',
    variables: { anum: '+4791234567', bnum: '+4722334455', queue_key: 'q_sales', agent_id: '1012' },
  },
  other: SAMPLES.screenpop[0]!.payload,
};

/** How each vendor names the customer: Avaya EMC work items carry the address or number as the user id. */
const CUSTOMER_PARAM: Record<GuideVendor, { name: string; value: string }> = {
  ccai: { name: 'phone', value: '{ANI|e164}' },
  agentdesktop: { name: 'phone', value: '{ANI|e164}' },
  avaya: { name: 'customer', value: '{USER_ID}' },
  puzzel: { name: 'phone', value: '{ANI|e164}' },
  other: { name: 'phone', value: '{ANI|e164}' },
};

/** "acme.example.com", "https://acme.example.com/agent" → "https://acme.example.com"; null when not an address. */
export function completeOrigin(text: string): string | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  try {
    const url = new URL(withScheme);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    if (!url.hostname.includes('.') && url.hostname !== 'localhost') return null;
    return url.origin;
  } catch {
    return null;
  }
}

/** A bare origin becomes the page pattern that covers the whole site: "https://crm.example.com/*". */
export function completePagePattern(text: string): string {
  const trimmed = text.trim();
  if (/^https?:\/\/[^/]+\/?$/i.test(trimmed) || (!trimmed.includes('/') && completeOrigin(trimmed))) {
    const origin = completeOrigin(trimmed);
    if (origin) return `${origin}/*`;
  }
  return trimmed;
}

function crmUrl(text: string): string | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  const withScheme = /^https?:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  return completeOrigin(withScheme.split(/[?#{]/)[0]!) ? withScheme : null;
}

export function guideConfig(input: GuideInput, templateName: string): GuideResult {
  const problems: GuideProblem[] = [];
  const desktop = completeOrigin(input.desktop);
  const crm = crmUrl(input.crm);
  if (!desktop) problems.push({ field: 'desktop', code: input.desktop.trim() ? 'guideAddressInvalid' : 'guideAddressMissing' });
  if (!crm) problems.push({ field: 'crm', code: input.crm.trim() ? 'guideAddressInvalid' : 'guideAddressMissing' });
  if (!desktop || !crm) return { ok: false, problems };
  // CCAI's agent adapter is a frame inside the CRM page: the bridge listens on the CRM page and
  // trusts the CCAI address. The other desktops post within their own page.
  const pageOrigin = input.vendor === 'ccai' ? completeOrigin(crm)! : desktop;
  const mapping = MAPPING[input.vendor];
  const source: Source = {
    id: input.vendor === 'other' ? 'desktop' : input.vendor,
    adapter: ADAPTER[input.vendor],
    pages: [`${pageOrigin}/*`],
    senders: [...new Set([pageOrigin, desktop])],
    ...(mapping ? { mapping } : {}),
  };
  const config = ConfigSchema.parse({
    version: 1,
    sources: [source],
    templates: [
      {
        id: 'crm',
        name: templateName,
        when: { phases: ['answered', 'on_demand'] },
        url: crm,
        // A CRM address without placeholders gets the customer's number; one with them is kept as typed.
        params: crm.includes('{') ? [] : [CUSTOMER_PARAM[input.vendor]],
        action: { type: 'tab' },
      },
    ],
  });
  return { ok: true, config, sample: SAMPLE[input.vendor] };
}

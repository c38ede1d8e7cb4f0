// One entry point for the worker: the source's adapter turns a vendor message into an
// Interaction event, or says why the message is nothing to act on.
import type { Source } from '../config';
import { reasonText } from '../reason-codes';
import type { AdapterId, AdapterResult } from '../interaction-event';
import { adaptAgentDesktop } from './agentdesktop';
import { adaptCcai } from './ccai';
import { adaptGeneric } from './generic';
import { adaptScreenpop } from './screenpop';

const adapters = {
  ccai: adaptCcai,
  agentdesktop: adaptAgentDesktop,
  generic: adaptGeneric,
  screenpop: adaptScreenpop,
} satisfies Record<AdapterId, (source: Source, message: unknown) => AdapterResult>;

/**
 * message: an object, or a JSON string (CCAI's agent adapter posts JSON strings). Never throws:
 * anything malformed (bad JSON, missing fields, wrong types, huge strings) → { ok:false, reason }.
 */
export function adapt(source: Source, message: unknown): AdapterResult {
  const adapter = Object.hasOwn(adapters, source.adapter) ? adapters[source.adapter] : undefined;
  if (!adapter) return { ok: false, reason: reasonText('unknownAdapter', String(source.adapter)) };
  try {
    return adapter(source, message);
  } catch (error) {
    // Page-controlled input (getters on posted objects, a source built without the schema's defaults)
    // must never take the worker down.
    return { ok: false, reason: reasonText('adapterThrew', source.adapter, (error as Error).message) };
  }
}

export { CCAI_AGENT_TYPES, CCAI_PHASES, CCAI_RECORDED_TYPES } from './ccai';
export { AGENTDESKTOP_AGENT_EVENTS, AGENTDESKTOP_PHASES, AGENTDESKTOP_RECORDED_EVENTS } from './agentdesktop';

// The bridge's first filter: shape only, a few lines per adapter kind. A message that cannot be an
// event of its source's adapter never reaches the worker. What the worker refuses by rule (a
// `javascript:` record URL, an agent-state type) still goes through and is logged there.
import type { BridgeRule } from '../core/worker-api';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown) => typeof value === 'string' && value.trim() !== '';
const isId = (value: unknown) => isText(value) || (typeof value === 'number' && Number.isFinite(value));

export function mayBeEvent(rule: BridgeRule, data: unknown): boolean {
  if (!isObject(data)) return false;
  switch (rule.adapter) {
    case 'ccai':
      return isText(data.type) && isObject(data.data);
    case 'agentdesktop':
      return isText(data.event) && (isId(data.uuid) || isId(data.id));
    case 'screenpop':
      return data.screenpop === 1 && isId(data.interactionId);
    case 'generic':
      return rule.typePath === undefined || isId(readPath(data, rule.typePath));
    default:
      return true; // A table written by an older worker: the worker alone decides.
  }
}

function readPath(data: unknown, path: string): unknown {
  let current = data;
  for (const key of path.replace(/\[(\d+)\]/g, '.$1').split('.')) {
    if (key === '') continue;
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

// The two JSON Schemas generated from the zod schema of the configuration document (src/core/config.ts):
// - docs/config.schema.json: the full JSON Schema (descriptions, defaults, bounds) that integrators
//   point their editor at;
// - public/managed_schema.json: Chrome's `storage.managed_schema`, which admits only a subset of JSON
//   Schema (one `type` per node, no anyOf/oneOf/const/default/required…). Chrome refuses to load the
//   extension when a node has no `type` ("Each schema must have a 'type' or '$ref'", which zod's
//   oneOf of the actions would cause) and ignores keywords it does not know, so the subset is
//   produced here rather than left to chance.
// Both are checked in; tests/unit/schemas.test.ts fails when either differs from what this generates.
import { z } from 'zod';
import { ConfigSchema } from '../src/core/config';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Node = { [key: string]: Json };

export const DOCS_SCHEMA_PATH = 'docs/config.schema.json';
export const MANAGED_SCHEMA_PATH = 'public/managed_schema.json';

/** The configuration document as the author writes it: defaults may be left out. */
export function configJsonSchema(): Node {
  const generated = z.toJSONSchema(ConfigSchema, { io: 'input', target: 'draft-2020-12' }) as Node;
  const { $schema, ...rest } = generated;
  return {
    $schema: $schema ?? 'https://json-schema.org/draft/2020-12/schema',
    title: 'CRM Screenpop configuration document (v1)',
    ...rest,
  };
}

// Chrome's policy schema knows type, title, description, properties, additionalProperties,
// patternProperties, items, enum, minimum, maximum, pattern, $ref and id; every node needs one type.
const MANAGED_TYPES = new Set(['boolean', 'integer', 'number', 'string', 'array', 'object']);

function isNode(value: Json | undefined): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A union (zod's discriminated unions of actions and auth) as one object with every branch's
 * properties: Chrome has no anyOf/oneOf. The branches' `type` consts become one string whose
 * description names each value.
 */
function mergeBranches(branches: Node[]): Node {
  const properties: Node = {};
  const kinds: string[] = [];
  for (const branch of branches) {
    if (!isNode(branch.properties)) continue;
    for (const [name, schema] of Object.entries(branch.properties)) {
      if (!isNode(schema)) continue;
      if ('const' in schema) {
        kinds.push(`${String(schema.const)}: ${typeof schema.description === 'string' ? schema.description : ''}`.trim());
        properties[name] = { type: schema.type ?? 'string' };
      } else if (!(name in properties)) properties[name] = schema;
    }
  }
  const discriminator = properties.type;
  if (kinds.length && isNode(discriminator)) discriminator.description = kinds.join(' ');
  return { type: 'object', properties };
}

function withAllowedValues(description: Json | undefined, values: Json[]): string {
  const allowed = `One of: ${values.map((value) => String(value)).join(', ')}.`;
  return typeof description === 'string' && description ? `${description} ${allowed}` : allowed;
}

/**
 * One node of the full schema → the node Chrome accepts; undefined when there is no typed equivalent.
 * Only the shape is kept (types, properties, items, descriptions), not the value constraints (enum,
 * pattern, bounds): Chrome drops a whole policy value that breaks one of them, before the extension
 * sees it, whereas the extension's own validation names the field and keeps the last valid document.
 */
function toManaged(input: Node): Node | undefined {
  let node = input;
  const union = node.oneOf ?? node.anyOf;
  if (Array.isArray(union)) {
    const { oneOf: _o, anyOf: _a, ...rest } = node;
    node = { ...mergeBranches(union.filter(isNode)), ...rest, type: 'object' };
  }
  let type = node.type;
  if (typeof type !== 'string' || !MANAGED_TYPES.has(type)) return undefined;
  if (type === 'number' && 'const' in node && Number.isInteger(node.const)) type = 'integer';
  const out: Node = { type };
  if (typeof node.title === 'string') out.title = node.title;
  const values = Array.isArray(node.enum) ? node.enum : 'const' in node ? [node.const ?? null] : undefined;
  if (values) out.description = withAllowedValues(node.description, values);
  else if (typeof node.description === 'string') out.description = node.description;
  for (const key of ['properties', 'patternProperties'] as const) {
    const value = node[key];
    if (!isNode(value)) continue;
    const properties: Node = {};
    for (const [name, child] of Object.entries(value)) {
      const converted = isNode(child) ? toManaged(child) : undefined;
      if (converted) properties[name] = converted;
    }
    out[key] = properties;
  }
  for (const key of ['items', 'additionalProperties'] as const) {
    // `additionalProperties: false` has no equivalent: Chrome wants a schema there.
    const value = node[key];
    const converted = isNode(value) ? toManaged(value) : undefined;
    if (converted) out[key] = converted;
  }
  return out;
}

/** `storage.managed_schema`: the policy keys `config`, `locked` and `allowUserTemplates`. */
export function managedSchema(): Node {
  const { $schema: _s, $id: _i, title: _t, ...document } = configJsonSchema();
  const config = toManaged(document);
  if (!config) throw new Error('The configuration document has no managed-schema equivalent');
  return {
    type: 'object',
    properties: {
      config: {
        ...config,
        title: 'Configuration document (v1)',
        description:
          'The CRM Screenpop configuration document (sources, templates, settings), as on the options page. ' +
          'A JSON object; where the policy tool holds only strings (e.g. the Windows registry), the same document as a JSON string.',
      },
      locked: {
        type: 'boolean',
        title: 'Lock the options page',
        description: 'Agents cannot change the configuration (default: true when a policy config is set).',
      },
      allowUserTemplates: {
        type: 'boolean',
        title: 'Allow user templates',
        description: "Templates the agent adds run after the policy's.",
      },
    },
  };
}

/** Each generated file's path (from the repository root) and exact content. */
export function schemaFiles(): Record<string, string> {
  const text = (schema: Node) => `${JSON.stringify(schema, null, 2)}\n`;
  return { [DOCS_SCHEMA_PATH]: text(configJsonSchema()), [MANAGED_SCHEMA_PATH]: text(managedSchema()) };
}

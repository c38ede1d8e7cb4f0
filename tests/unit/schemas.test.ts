// The schemas integrators and Chrome read are generated from the zod schema (scripts/config-schemas.ts)
// and checked in: docs/config.schema.json for editors, public/managed_schema.json for chrome://policy.
// When src/core/config.ts changes, `npm run schemas` (or `npm run build`) rewrites them; these tests
// fail until the rewritten files are committed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configJsonSchema, managedSchema, schemaFiles } from '../../scripts/config-schemas';

const root = join(import.meta.dirname, '../..');

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every property path a schema describes, union branches included: `templates[].action.method`. */
function propertyPaths(node: Node, at = ''): string[] {
  const paths: string[] = [];
  for (const branch of [...((node.oneOf as Node[] | undefined) ?? []), ...((node.anyOf as Node[] | undefined) ?? [])]) {
    paths.push(...propertyPaths(branch, at));
  }
  if (isNode(node.items)) paths.push(...propertyPaths(node.items, `${at}[]`));
  if (isNode(node.properties)) {
    for (const [name, child] of Object.entries(node.properties)) {
      const path = at ? `${at}.${name}` : name;
      paths.push(path);
      if (isNode(child)) paths.push(...propertyPaths(child, path));
    }
  }
  return [...new Set(paths)];
}

function nodes(node: Node, at = '$'): Array<[string, Node]> {
  const out: Array<[string, Node]> = [[at, node]];
  for (const key of ['properties', 'patternProperties'] as const) {
    if (isNode(node[key])) for (const [name, child] of Object.entries(node[key])) if (isNode(child)) out.push(...nodes(child, `${at}.${name}`));
  }
  for (const key of ['items', 'additionalProperties'] as const) if (isNode(node[key])) out.push(...nodes(node[key], `${at}[${key}]`));
  return out;
}

describe('checked-in schemas', () => {
  it.each(Object.entries(schemaFiles()))('%s is what the zod schema generates (run `npm run schemas`)', (path, generated) => {
    expect(readFileSync(join(root, path), 'utf8'), `${path} is stale: run \`npm run schemas\` and commit it`).toBe(generated);
  });
});

describe('docs/config.schema.json', () => {
  const schema = configJsonSchema();

  it('describes every field, so an editor explains what it completes', () => {
    const undescribed = nodes(schema).filter(([path, node]) => /\.[^.[]+$/.test(path) && typeof node.description !== 'string' && !node.oneOf);
    expect(undescribed.map(([path]) => path)).toEqual([]);
  });

  it('carries the defaults the extension fills in', () => {
    const settings = (schema.properties as Node).settings as Node;
    const fields = settings.properties as Record<string, Node>;
    expect(fields.defaultCountry?.default).toBe('');
    expect(fields.historyMinutes?.default).toBe(15);
    const action = (((schema.properties as Node).templates as Node).items as Node).properties as Record<string, Node>;
    expect(action.action?.default).toEqual({ type: 'tab' });
  });
});

describe('public/managed_schema.json', () => {
  const schema = managedSchema();
  // What Chrome's policy schema parser accepts; anything else makes Chrome refuse the extension.
  const CHROME_KEYWORDS = new Set(['type', 'title', 'description', 'properties', 'additionalProperties', 'patternProperties', 'items', 'enum', 'minimum', 'maximum', 'pattern', '$ref', 'id']);
  const CHROME_TYPES = new Set(['boolean', 'integer', 'number', 'string', 'array', 'object']);

  it("uses only keywords of Chrome's policy schema, one type per node, items on every array", () => {
    const problems = nodes(schema).flatMap(([path, node]) => [
      ...Object.keys(node).filter((key) => !CHROME_KEYWORDS.has(key)).map((key) => `${path}: ${key}`),
      ...(CHROME_TYPES.has(node.type as string) ? [] : [`${path}: type ${JSON.stringify(node.type)}`]),
      ...(node.type === 'array' && !isNode(node.items) ? [`${path}: array without items`] : []),
    ]);
    expect(problems).toEqual([]);
  });

  it('declares the policy keys config, locked and allowUserTemplates', () => {
    const properties = schema.properties as Record<string, Node>;
    expect(Object.keys(properties)).toEqual(['config', 'locked', 'allowUserTemplates']);
    expect(properties.config?.type).toBe('object');
    expect(properties.locked?.type).toBe('boolean');
    expect(properties.allowUserTemplates?.type).toBe('boolean');
  });

  it('keeps every field of the document, those of every action and auth type included', () => {
    // Chrome drops the properties a schema does not name before the extension sees the policy.
    const config = (schema.properties as Record<string, Node>).config as Node;
    expect(propertyPaths(config)).toEqual(expect.arrayContaining(propertyPaths(configJsonSchema())));
    expect(propertyPaths(config)).toEqual(
      expect.arrayContaining(['templates[].action.timeoutMs', 'templates[].action.auth.password', 'templates[].action.text', 'sources[].mapping.extract[].group']),
    );
  });
});

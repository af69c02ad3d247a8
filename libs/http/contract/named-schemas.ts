import { TSchema } from '@sinclair/typebox';

/**
 * The named response schemas, as `components.schemas` of the OpenAPI document. A schema is named
 * where it is defined, next to the view it describes; the document takes them all from here.
 */
const registry = new Map<string, TSchema>();

export function named<T extends TSchema>(name: string, schema: T, description?: string): T {
  if (!/^[A-Z][A-Za-z0-9]*$/.test(name)) throw new Error(`schema name ${name} is not PascalCase`);
  const existing = registry.get(name);
  if (existing && existing !== schema) throw new Error(`two schemas are named ${name}`);
  const withTitle = Object.assign(schema, { title: name, ...(description ? { description } : {}) });
  registry.set(name, withTitle);
  return withTitle;
}

export function nameOf(schema: TSchema): string {
  const name = (schema as { title?: string }).title;
  if (!name || registry.get(name) !== schema) throw new Error('a response schema must be named (named(...)) to appear in the document');
  return name;
}

/** Every named schema as plain JSON Schema (TypeBox's symbol keys dropped). */
export function namedSchemas(): Record<string, unknown> {
  return Object.fromEntries([...registry.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, schema]) => [name, JSON.parse(JSON.stringify(schema))]));
}

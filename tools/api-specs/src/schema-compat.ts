// Whether a JSON Schema still accepts what clients rely on: for a request, everything the old schema
// accepted (no narrowed type, no new required field, no dropped enum value); for a response or a
// message, everything the old one promised (no removed field, no type or enum the reader never saw).
export type Direction = 'request' | 'response';
type Schema = Record<string, unknown>;
export type Resolve = (schema: unknown) => Schema | undefined;
/** How to resolve a `$ref` on each side: each schema in its own document. */
export interface Sides {
  before: Resolve;
  after: Resolve;
}

const asSchema = (value: unknown): Schema | undefined =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Schema) : undefined;

/** The JSON types a schema admits (`integer` counted inside `number`), or undefined when unconstrained. */
function typesOf(schema: Schema, resolve: Resolve): Set<string> | undefined {
  if ('const' in schema) return new Set([jsonType(schema.const)]);
  if (Array.isArray(schema.type)) return new Set(schema.type as string[]);
  if (typeof schema.type === 'string') return new Set([schema.type]);
  const variants = (schema.anyOf ?? schema.oneOf) as unknown[] | undefined;
  if (!Array.isArray(variants)) return undefined;
  const all = new Set<string>();
  for (const variant of variants) {
    const types = typesOf(resolve(variant) ?? {}, resolve);
    if (!types) return undefined;
    for (const t of types) all.add(t);
  }
  return all;
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

const covers = (types: Set<string>, t: string) => types.has(t) || (t === 'integer' && types.has('number'));

const enumOf = (schema: Schema): unknown[] | undefined =>
  Array.isArray(schema.enum) ? schema.enum : 'const' in schema ? [schema.const] : undefined;

/** Breaking differences from `before` to `after` at `where`, each a sentence naming the place. */
export function schemaBreaks(
  beforeValue: unknown,
  afterValue: unknown,
  where: string,
  direction: Direction,
  sides: Sides,
  depth = 0,
): string[] {
  const before = sides.before(beforeValue);
  const after = sides.after(afterValue);
  if (!before || !after || depth > 32) return [];
  const breaks: string[] = [];
  const [wide, narrow] = direction === 'request' ? [before, after] : [after, before];
  const [resolveWide, resolveNarrow] =
    direction === 'request' ? [sides.before, sides.after] : [sides.after, sides.before];
  const wideTypes = typesOf(wide, resolveWide);
  const narrowTypes = typesOf(narrow, resolveNarrow);
  if (narrowTypes && wideTypes) {
    const lost = [...wideTypes].filter((t) => !covers(narrowTypes, t));
    if (lost.length > 0)
      breaks.push(
        `${where}: type ${direction === 'request' ? 'narrowed' : 'widened'} (${[...(typesOf(before, sides.before) ?? [])].join('|')} → ${[...(typesOf(after, sides.after) ?? [])].join('|')})`,
      );
  } else if (direction === 'request' && wideTypes === undefined && narrowTypes) {
    breaks.push(`${where}: type narrowed (any → ${[...narrowTypes].join('|')})`);
  }
  const wideEnum = enumOf(wide);
  const narrowEnum = enumOf(narrow);
  if (narrowEnum) {
    const lost = (wideEnum ?? ['(any value)']).filter(
      (v) => !narrowEnum.some((n) => JSON.stringify(n) === JSON.stringify(v)),
    );
    if (lost.length > 0)
      breaks.push(
        `${where}: ${direction === 'request' ? 'no longer accepts' : 'may now return'} ${lost.map((v) => JSON.stringify(v)).join(', ')}`,
      );
  }
  breaks.push(...objectBreaks(before, after, where, direction, sides, depth));
  const beforeItems = before.items;
  if (beforeItems && after.items)
    breaks.push(...schemaBreaks(beforeItems, after.items, `${where}[]`, direction, sides, depth + 1));
  return breaks;
}

function objectBreaks(before: Schema, after: Schema, where: string, direction: Direction, sides: Sides, depth: number) {
  const breaks: string[] = [];
  const beforeProps = asSchema(before.properties) ?? {};
  const afterProps = asSchema(after.properties) ?? {};
  const beforeRequired = new Set((before.required as string[] | undefined) ?? []);
  const afterRequired = new Set((after.required as string[] | undefined) ?? []);
  for (const [name, schema] of Object.entries(beforeProps)) {
    const path = `${where}.${name}`;
    if (!(name in afterProps)) {
      if (direction === 'response' || after.additionalProperties === false) breaks.push(`${path}: field removed`);
      continue;
    }
    if (direction === 'response' && beforeRequired.has(name) && !afterRequired.has(name))
      breaks.push(`${path}: no longer always present`);
    breaks.push(...schemaBreaks(schema, afterProps[name], path, direction, sides, depth + 1));
  }
  if (direction === 'request') {
    for (const name of afterRequired) {
      if (!beforeRequired.has(name)) breaks.push(`${where}.${name}: newly required`);
    }
  }
  return breaks;
}

/** Resolves local `$ref`s (`#/components/...`) against `document`. */
export function localResolver(document: unknown): Resolve {
  return (value) => {
    let schema = asSchema(value);
    for (let hops = 0; schema && typeof schema.$ref === 'string' && hops < 16; hops++) {
      const ref = schema.$ref;
      if (!ref.startsWith('#/')) return schema;
      let target: unknown = document;
      for (const part of ref.slice(2).split('/')) {
        target = asSchema(target)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
      }
      schema = asSchema(target);
    }
    return schema;
  };
}

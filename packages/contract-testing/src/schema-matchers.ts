// Pact matchers from a message's own TypeBox schema and one example: an id matches any UUID, a
// timestamp any RFC 3339 instant, an enum any of its values, a number any integer; constants must be
// equal. The contract then says what the schema says, and the example is only an example.
import './no-tracking.js';
import { MatchersV3 as M } from '@pact-foundation/pact';
import { RFC3339 } from './examples.js';

interface SchemaNode {
  type?: string;
  format?: string;
  pattern?: string;
  const?: unknown;
  anyOf?: SchemaNode[];
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
}

const escapeRegex = (value: string) => value.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

function memberFor(members: SchemaNode[], example: unknown): SchemaNode | undefined {
  const kind = example === null ? 'null' : Array.isArray(example) ? 'array' : typeof example;
  return members.find((m) => {
    if (kind === 'object') return m.type === 'object';
    if (kind === 'number') return m.type === 'integer' || m.type === 'number';
    return m.type === kind;
  });
}

function stringMatcher(schema: SchemaNode, example: string): unknown {
  if (schema.format === 'uuid') return M.uuid(example);
  if (schema.format === 'date-time') return M.regex(RFC3339, example);
  if (schema.pattern) return M.regex(schema.pattern, example);
  return M.string(example);
}

/** `example` with matchers in place of its values, as far as `schema` describes them. */
export function matchersFor(schema: SchemaNode, example: unknown): unknown {
  if (example === null || example === undefined) return example;
  if (schema.const !== undefined) return example;
  if (schema.anyOf) {
    const constants = schema.anyOf.map((m) => m.const);
    if (constants.every((c) => typeof c === 'string')) {
      return M.regex(`(${(constants as string[]).map(escapeRegex).join('|')})`, String(example));
    }
    const member = memberFor(schema.anyOf, example);
    return member ? matchersFor(member, example) : example;
  }
  if (Array.isArray(example)) {
    if (example.length === 0 || !schema.items) return example;
    return M.eachLike(matchersFor(schema.items, example[0]), 1);
  }
  if (typeof example === 'object') {
    const properties = schema.properties ?? {};
    return Object.fromEntries(
      Object.entries(example as Record<string, unknown>).map(([key, value]) => [
        key,
        properties[key] ? matchersFor(properties[key], value) : value,
      ]),
    );
  }
  if (typeof example === 'string') return stringMatcher(schema, example);
  if (typeof example === 'number') return schema.type === 'integer' ? M.integer(example) : M.number(example);
  if (typeof example === 'boolean') return M.boolean(example);
  return example;
}

// Cursor pagination as API.md describes it: ?limit= (default 20, max 100) and an opaque ?cursor=.
import { type Static, type TObject, type TSchema, Type } from 'typebox';
import { Value } from 'typebox/value';
import { invalid } from './errors.js';

export const PageQuery = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  cursor: Type.Optional(Type.String({ maxLength: 512 })),
});
export type PageQuery = Static<typeof PageQuery>;

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), next_cursor: Type.Union([Type.String(), Type.Null()]) });

export function encodeCursor(position: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/** Decodes a cursor made by encodeCursor and checks it against `position`; anything else is a 400. */
export function decodeCursor<T extends TObject>(cursor: string, position: T): Static<T> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  if (Value.Check(position, value)) return value;
  throw invalid('The cursor is not valid', [
    { path: 'querystring/cursor', message: 'is not a cursor this API issued' },
  ]);
}

/** Fetch limit+1 rows, then call this: it trims the extra row and makes the next cursor from the last kept one. */
export function toPage<T>(rows: T[], limit: number, positionOf: (last: T) => Record<string, unknown>) {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, next_cursor: rows.length > limit && last ? encodeCursor(positionOf(last)) : null };
}

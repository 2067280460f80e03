// Fixed example values for pacts. A pact file must come out the same on every run (it is committed and
// compared), so examples never use random ids or the clock: ids are derived from a name.
import { createHash } from 'node:crypto';

/** A stable version-7-shaped UUID for `name`: the same name always gives the same id. */
export function exampleId(name: string): string {
  const hex = createHash('sha256').update(name).digest('hex');
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    `7${hex.slice(13, 16)}`,
    `${((Number.parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}`,
    hex.slice(20, 32),
  ].join('-');
}

/** The example instant every pact uses. */
export const EXAMPLE_TIME = '2026-03-14T15:09:26.535Z';

/** RFC 3339 timestamps, as the services write them (Pact regexes match the whole value). */
export const RFC3339 = '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})';

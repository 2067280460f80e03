// Durations in query strings: `30s`, `5m`, `1h`.
export const DURATION_PATTERN = '^[1-9][0-9]{0,5}(s|m|h)$';

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000 } as const;

export function durationMs(value: string): number {
  const unit = value.at(-1) as keyof typeof UNIT_MS;
  return Number(value.slice(0, -1)) * UNIT_MS[unit];
}

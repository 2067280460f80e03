// Lays a trace's spans out as waterfall rows: each child under its parent (depth-first, siblings by start
// time), offsets and widths relative to the trace's first start. Pure, so the browser test and the unit
// test see the same rows.

/** The fields of a collector span that the layout reads. */
export interface SpanTiming {
  span_id: string;
  parent_span_id?: string | null;
  service: string;
  start_unix_nano: string | number;
  duration_ms: number;
}

export interface WaterfallRow<S extends SpanTiming> {
  span: S;
  depth: number;
  offsetMs: number;
  durationMs: number;
}

export interface Waterfall<S extends SpanTiming> {
  rows: WaterfallRow<S>[];
  totalMs: number;
  services: string[];
}

const nanos = (value: string | number): bigint => BigInt(typeof value === 'number' ? Math.round(value) : value);

export function layoutWaterfall<S extends SpanTiming>(spans: readonly S[]): Waterfall<S> {
  if (spans.length === 0) return { rows: [], totalMs: 0, services: [] };
  const [start = 0n] = spans.map((s) => nanos(s.start_unix_nano)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const offsetOf = (s: S) => Number(nanos(s.start_unix_nano) - start) / 1e6;
  const ids = new Set(spans.map((s) => s.span_id));
  const children = new Map<string | null, S[]>();
  for (const span of spans) {
    // A span whose parent is not in this trace (not yet arrived, or in another process) is shown as a root.
    const parent = span.parent_span_id && ids.has(span.parent_span_id) ? span.parent_span_id : null;
    const list = children.get(parent) ?? [];
    list.push(span);
    children.set(parent, list);
  }
  for (const list of children.values()) list.sort((a, b) => offsetOf(a) - offsetOf(b));

  const rows: WaterfallRow<S>[] = [];
  const seen = new Set<string>();
  const visit = (span: S, depth: number) => {
    if (seen.has(span.span_id)) return;
    seen.add(span.span_id);
    rows.push({ span, depth, offsetMs: offsetOf(span), durationMs: Math.max(0, span.duration_ms) });
    for (const child of children.get(span.span_id) ?? []) visit(child, depth + 1);
  };
  for (const root of children.get(null) ?? []) visit(root, 0);
  // Spans in a parent cycle (corrupt data) are still shown, at the top level.
  for (const span of spans) visit(span, 0);

  const totalMs = rows.reduce((max, r) => Math.max(max, r.offsetMs + r.durationMs), 0);
  const services = [...new Set(rows.map((r) => r.span.service))];
  return { rows, totalMs, services };
}

/** Round tick spacing for an axis of `totalMs`: about `count` ticks at 1, 2 or 5 × 10^n ms. */
export function timeTicks(totalMs: number, count = 5): number[] {
  if (!(totalMs > 0)) return [0];
  const raw = totalMs / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let t = 0; t <= totalMs + 1e-9; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

/** A database call (OpenTelemetry's db.* attributes, old or new names): a leaf that often crowds a trace. */
export function isDatabaseSpan(span: { attributes?: Record<string, unknown> }): boolean {
  const attributes = span.attributes ?? {};
  return 'db.system.name' in attributes || 'db.system' in attributes;
}

/** How many rows follow each row deeper than it (its subtree), by span id. */
export function subtreeSizes<S extends SpanTiming>(rows: readonly WaterfallRow<S>[]): Map<string, number> {
  const sizes = new Map<string, number>();
  rows.forEach((row, i) => {
    let j = i + 1;
    while (j < rows.length && (rows[j]?.depth ?? 0) > row.depth) j++;
    sizes.set(row.span.span_id, j - i - 1);
  });
  return sizes;
}

/** The rows left when the subtrees under the collapsed spans are folded away (the collapsed rows stay). */
export function visibleRows<S extends SpanTiming>(
  rows: readonly WaterfallRow<S>[],
  collapsed: ReadonlySet<string>,
): WaterfallRow<S>[] {
  const shown: WaterfallRow<S>[] = [];
  let foldedBelow: number | undefined;
  for (const row of rows) {
    if (foldedBelow !== undefined && row.depth > foldedBelow) continue;
    foldedBelow = collapsed.has(row.span.span_id) ? row.depth : undefined;
    shown.push(row);
  }
  return shown;
}

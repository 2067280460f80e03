// Places the topology's nodes in three columns by role (gateway → services → infrastructure) and turns
// each edge into an SVG path with a colour (error rate), a width (request rate) and a dash (declared in the
// catalog but not seen in traffic). Pure: the graph component only draws what this returns.

export type NodeKind = 'service' | 'gateway' | 'infra';

export interface TopologyNodeInput {
  name: string;
  kind: NodeKind;
}

export interface TopologyEdgeInput {
  from: string;
  to: string;
  kind: 'http' | 'message';
  declared: boolean;
  observed: boolean;
  rate_rps: number;
  error_rate: number;
  p99_ms: number | null;
}

export interface PlacedNode<N extends TopologyNodeInput> {
  node: N;
  x: number;
  y: number;
}

export type Health = 'ok' | 'warn' | 'bad' | 'idle';

export interface PlacedEdge<E extends TopologyEdgeInput> {
  edge: E;
  path: string;
  health: Health;
  width: number;
  dashed: boolean;
  /** Where to put the edge's label (the middle of the curve). */
  labelX: number;
  labelY: number;
}

export interface TopologyLayout<N extends TopologyNodeInput, E extends TopologyEdgeInput> {
  width: number;
  height: number;
  nodes: PlacedNode<N>[];
  edges: PlacedEdge<E>[];
}

export const NODE_WIDTH = 184;
export const NODE_HEIGHT = 54;
const ROW = 78;
const COLUMNS: Record<NodeKind, number> = { gateway: 0, service: 1, infra: 2 };

/** Error-rate thresholds: under 1 % is healthy, under 5 % is a warning, above is bad. */
export function healthOfErrorRate(errorRate: number, observed = true): Health {
  if (!observed) return 'idle';
  if (errorRate < 0.01) return 'ok';
  if (errorRate < 0.05) return 'warn';
  return 'bad';
}

/** Line width grows with the logarithm of the request rate, so 0.1 and 100 rps both stay readable. */
export function edgeWidth(rateRps: number): number {
  return rateRps > 0 ? Math.min(9, 1.5 + 1.6 * Math.log10(1 + rateRps * 10)) : 1.5;
}

export function layoutTopology<N extends TopologyNodeInput, E extends TopologyEdgeInput>(
  nodes: readonly N[],
  edges: readonly E[],
  width = 960,
): TopologyLayout<N, E> {
  const byColumn: N[][] = [[], [], []];
  for (const node of [...nodes].sort((a, b) => a.name.localeCompare(b.name))) byColumn[COLUMNS[node.kind]]?.push(node);
  const rows = Math.max(1, ...byColumn.map((c) => c.length));
  const height = rows * ROW + 40;
  const columnX = [0, 1, 2].map((i) => 40 + NODE_WIDTH / 2 + (i * (width - 80 - NODE_WIDTH)) / 2);
  const placed = new Map<string, PlacedNode<N>>();
  byColumn.forEach((column, i) => {
    // Each column is centred vertically, so a lone gateway sits in the middle of the services it calls.
    const top = (height - column.length * ROW) / 2 + ROW / 2;
    column.forEach((node, j) => {
      placed.set(node.name, { node, x: columnX[i] ?? 0, y: top + j * ROW });
    });
  });

  const placedEdges: PlacedEdge<E>[] = [];
  for (const edge of edges) {
    const from = placed.get(edge.from);
    const to = placed.get(edge.to);
    if (!from || !to || from === to) continue;
    placedEdges.push({
      edge,
      ...curve(from, to, edge.kind),
      health: healthOfErrorRate(edge.error_rate, edge.observed),
      width: edgeWidth(edge.observed ? edge.rate_rps : 0),
      dashed: !edge.observed,
    });
  }
  return { width, height, nodes: [...placed.values()], edges: placedEdges };
}

function curve(from: { x: number; y: number }, to: { x: number; y: number }, kind: 'http' | 'message') {
  const half = NODE_WIDTH / 2;
  if (Math.abs(from.x - to.x) > 1) {
    // Between columns: from the right side of one box to the left side of the other, an S-curve.
    const dir = to.x > from.x ? 1 : -1;
    const x1 = from.x + dir * half;
    const x2 = to.x - dir * half;
    const mid = (x1 + x2) / 2;
    return {
      path: `M${x1},${from.y} C${mid},${from.y} ${mid},${to.y} ${x2},${to.y}`,
      labelX: mid,
      labelY: (from.y + to.y) / 2,
    };
  }
  // Within a column: HTTP calls arc out on the left, messages on the right, wider for farther nodes.
  const side = kind === 'http' ? -1 : 1;
  const x = from.x + side * half;
  const bulge = x + side * (24 + Math.abs(to.y - from.y) * 0.35);
  return {
    path: `M${x},${from.y} C${bulge},${from.y} ${bulge},${to.y} ${x},${to.y}`,
    labelX: x + (bulge - x) * 0.75,
    labelY: (from.y + to.y) / 2,
  };
}

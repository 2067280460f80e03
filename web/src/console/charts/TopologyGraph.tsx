// The live topology: gateway, services and infrastructure as boxes in three columns, calls and messages as
// curves coloured by error rate and thickened by request rate; catalog edges never seen in traffic are
// dashed. Each box shows its service's rate, error rate and p99 (or, for a service that only consumes
// messages, its message rate and lag), framed red when p99 breaks its SLO.
import { useState } from 'react';
import { type ActivityFigures, activityOf } from '../layout/activity';
import { formatMs, formatPercent, formatRate, HEALTH_COLOUR, serviceColour } from '../layout/format';
import {
  type Health,
  healthOfErrorRate,
  layoutTopology,
  NODE_HEIGHT,
  NODE_WIDTH,
  type TopologyEdgeInput,
  type TopologyNodeInput,
} from '../layout/topology';

export interface NodeStats {
  rate_rps: number;
  error_rate: number;
  p99_ms: number | null;
  up: boolean;
  /** Messages the service consumed in the window. */
  messages?: ActivityFigures | undefined;
  /** The service's p99 objective, when the catalog sets one. */
  p99TargetMs?: number | undefined;
}

function latencyHealth(stats: NodeStats): Health {
  if (stats.p99TargetMs === undefined || stats.p99_ms === null) return 'idle';
  if (stats.p99_ms > stats.p99TargetMs) return 'bad';
  return stats.p99_ms > stats.p99TargetMs * 0.8 ? 'warn' : 'ok';
}

export function TopologyGraph<N extends TopologyNodeInput, E extends TopologyEdgeInput>(props: {
  nodes: readonly N[];
  edges: readonly E[];
  stats: ReadonlyMap<string, NodeStats>;
  onSelect: (name: string, kind: N['kind']) => void;
}) {
  const [focus, setFocus] = useState<string | undefined>();
  const layout = layoutTopology(props.nodes, props.edges);
  const touches = (e: E) => focus === undefined || e.from === focus || e.to === focus;
  return (
    <svg
      className="topology"
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      role="img"
      aria-label="Service topology"
      data-testid="topology"
    >
      <defs>
        {Object.entries(HEALTH_COLOUR).map(([health, colour]) => (
          <marker
            key={health}
            id={`arrow-${health}`}
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerWidth="5"
            markerHeight="5"
            orient="auto"
          >
            <path d="M0,0 L10,5 L0,10 z" fill={colour} />
          </marker>
        ))}
      </defs>
      {layout.edges.map(({ edge, path, health, width, dashed, labelX, labelY }) => (
        <g
          key={`${edge.from}-${edge.to}-${edge.kind}`}
          className="topology-edge"
          data-edge={`${edge.from}->${edge.to}`}
          data-health={health}
          opacity={touches(edge) ? 1 : 0.15}
        >
          <path
            d={path}
            fill="none"
            stroke={HEALTH_COLOUR[health]}
            strokeWidth={width}
            strokeDasharray={dashed ? '6 5' : undefined}
            strokeOpacity={edge.kind === 'message' ? 0.75 : 0.95}
            markerEnd={`url(#arrow-${health})`}
          >
            <title>
              {`${edge.from} → ${edge.to} (${edge.kind}${edge.declared ? '' : ', not in the catalog'}${edge.observed ? '' : ', not observed'})\n`}
              {`${formatRate(edge.rate_rps)}, errors ${formatPercent(edge.error_rate)}, p99 ${formatMs(edge.p99_ms)}`}
            </title>
          </path>
          {focus !== undefined && edge.observed && (
            <text x={labelX} y={labelY - 4} className="edge-label" textAnchor="middle">
              {formatRate(edge.rate_rps)} · p99 {formatMs(edge.p99_ms)}
            </text>
          )}
        </g>
      ))}
      {layout.nodes.map(({ node, x, y }) => {
        const stats = props.stats.get(node.name);
        const activity = stats ? activityOf(stats) : undefined;
        const health =
          stats && activity ? (stats.up ? healthOfErrorRate(activity.error_rate, activity.busy) : 'bad') : 'idle';
        const ring = stats ? latencyHealth(stats) : 'idle';
        return (
          // biome-ignore lint/a11y/useSemanticElements: an SVG group cannot be a <button>
          <g
            key={node.name}
            className="topology-node"
            data-node={node.name}
            data-health={health}
            transform={`translate(${x - NODE_WIDTH / 2},${y - NODE_HEIGHT / 2})`}
            role="button"
            tabIndex={0}
            onClick={() => props.onSelect(node.name, node.kind)}
            onKeyDown={(e) => e.key === 'Enter' && props.onSelect(node.name, node.kind)}
            onMouseEnter={() => setFocus(node.name)}
            onMouseLeave={() => setFocus(undefined)}
          >
            <rect
              width={NODE_WIDTH}
              height={NODE_HEIGHT}
              rx={node.kind === 'infra' ? 4 : 12}
              fill={HEALTH_COLOUR[health]}
              fillOpacity={0.16}
              stroke={ring === 'idle' ? HEALTH_COLOUR[health] : HEALTH_COLOUR[ring]}
              strokeWidth={ring === 'bad' ? 3 : 1.5}
            />
            <rect width={6} height={NODE_HEIGHT} rx={3} fill={serviceColour(node.name)} />
            <text x={14} y={21} className="node-name">
              {node.name}
            </text>
            <text x={14} y={40} className="node-stats">
              {activity ? activity.summary : node.kind}
            </text>
            {stats && activity && (!stats.up || activity.busy) && (
              <text x={NODE_WIDTH - 8} y={40} className="node-errors" textAnchor="end" fill={HEALTH_COLOUR[health]}>
                {stats.up ? formatPercent(activity.error_rate, 1) : 'down'}
              </text>
            )}
            <title>
              {stats
                ? `${node.name}: ${stats.up ? 'up' : 'DOWN'}, ${formatRate(stats.rate_rps)}, errors ${formatPercent(stats.error_rate)}, p99 ${formatMs(stats.p99_ms)}${stats.p99TargetMs !== undefined ? ` (objective ${formatMs(stats.p99TargetMs)})` : ''}${stats.messages && stats.messages.rate_rps > 0 ? `; messages ${formatRate(stats.messages.rate_rps)}, retried ${formatPercent(stats.messages.error_rate)}, lag p99 ${formatMs(stats.messages.p99_ms)}` : ''}`
                : node.name}
            </title>
          </g>
        );
      })}
    </svg>
  );
}

// A small area chart for one RED series (rate, errors or latency over the window), with the latest value,
// the peak, and an optional target line (an SLO's p99, say) drawn dashed. A step without traffic has no
// latency: it is a gap in the line, not a zero.
import { type MouseEvent, useState } from 'react';
import { chartPaths, CHART_HEIGHT as H, CHART_PAD as PAD, CHART_WIDTH as W } from '../layout/area';

export interface ChartPoint {
  t: string;
  value: number | null;
}

export function AreaChart(props: {
  title: string;
  points: readonly ChartPoint[];
  format: (value: number | null) => string;
  colour: string;
  target?: number | undefined;
  targetLabel?: string;
}) {
  const { points, format, colour, target } = props;
  const [hover, setHover] = useState<number | undefined>();
  const values = points.map((p) => p.value);
  const peak = Math.max(0, ...values.filter((v): v is number => v !== null && Number.isFinite(v)));
  const top = Math.max(peak, target ?? 0) * 1.1 || 1;
  const { line, area, x, y } = chartPaths(values, top);
  const shown = hover !== undefined ? points[hover] : points.at(-1);
  const onMove = (event: MouseEvent<SVGSVGElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    const ratio = (event.clientX - box.left) / box.width;
    setHover(Math.max(0, Math.min(points.length - 1, Math.round(ratio * (points.length - 1)))));
  };
  return (
    <figure className="chart">
      <figcaption>
        <span className="chart-title">{props.title}</span>
        <span className="chart-value" style={{ color: colour }}>
          {shown ? format(shown.value) : '–'}
        </span>
        <span className="chart-meta">
          {hover !== undefined && shown ? new Date(shown.t).toISOString().slice(11, 19) : `peak ${format(peak)}`}
        </span>
      </figcaption>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={`${props.title} over time`}
        onMouseMove={onMove}
        onMouseLeave={() => setHover(undefined)}
      >
        <line x1={0} x2={W} y1={H - PAD} y2={H - PAD} stroke="#e5e1da" vectorEffect="non-scaling-stroke" />
        <path d={area} fill={colour} fillOpacity={0.18} />
        <path d={line} fill="none" stroke={colour} strokeWidth={1.5} vectorEffect="non-scaling-stroke" />
        {target !== undefined && (
          <line
            x1={0}
            x2={W}
            y1={y(target)}
            y2={y(target)}
            stroke="#ef4444"
            strokeDasharray="4 3"
            vectorEffect="non-scaling-stroke"
          >
            <title>{props.targetLabel ?? `target ${format(target)}`}</title>
          </line>
        )}
        {hover !== undefined && (
          <line x1={x(hover)} x2={x(hover)} y1={0} y2={H} stroke="#94a3b8" vectorEffect="non-scaling-stroke" />
        )}
      </svg>
      {points.length === 0 && <p className="chart-empty">no samples in this window</p>}
    </figure>
  );
}

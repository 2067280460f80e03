// A word-sized chart: one series as a line over a faint area, no axes, for a tile's request rate.
import { CHART_HEIGHT, CHART_WIDTH, chartPaths } from '../layout/area';

export function Sparkline(props: { values: readonly (number | null)[]; colour: string; label: string }) {
  const peak = Math.max(0, ...props.values.filter((v): v is number => v !== null && Number.isFinite(v)));
  const { line, area } = chartPaths(props.values, peak * 1.1 || 1);
  return (
    <svg
      className="sparkline"
      viewBox={`0 0 ${CHART_WIDTH} ${CHART_HEIGHT}`}
      preserveAspectRatio="none"
      role="img"
      aria-label={props.label}
    >
      <path d={area} fill={props.colour} fillOpacity={0.15} />
      <path d={line} fill="none" stroke={props.colour} strokeWidth={1.5} vectorEffect="non-scaling-stroke" />
    </svg>
  );
}

// One service's objectives as pictures: an availability gauge with the target marked, the error budget left
// as a bar (with the burn rate: above 1 the budget runs out before the window ends), and p99 against its
// objective.
import { formatMs, formatPercent, HEALTH_COLOUR } from '../layout/format';
import type { Slo } from '../telemetry';

const R = 54;
const CX = 70;
const CY = 66;

/** A point on the gauge's half circle: 0 is the left end, 1 the right end. */
function onArc(fraction: number, radius = R) {
  const angle = Math.PI * (1 - Math.max(0, Math.min(1, fraction)));
  return { x: CX + radius * Math.cos(angle), y: CY - radius * Math.sin(angle) };
}

function arc(from: number, to: number) {
  const a = onArc(from);
  const b = onArc(to);
  return `M${a.x.toFixed(2)},${a.y.toFixed(2)} A${R},${R} 0 0 1 ${b.x.toFixed(2)},${b.y.toFixed(2)}`;
}

export function budgetHealth(remaining: number): keyof typeof HEALTH_COLOUR {
  if (remaining > 0.5) return 'ok';
  return remaining > 0.2 ? 'warn' : 'bad';
}

export function SloCard(props: { slo: Slo; onOpen?: () => void }) {
  const { slo } = props;
  // The gauge spans ten error budgets below 100 %, so the target sits at 90 % of the arc.
  const floor = Math.max(0, 1 - 10 * (1 - slo.availability_target));
  const scale = (v: number) => (v - floor) / (1 - floor);
  const health = budgetHealth(slo.error_budget_remaining);
  const availabilityOk = slo.availability >= slo.availability_target;
  const target = onArc(scale(slo.availability_target), R + 10);
  const targetIn = onArc(scale(slo.availability_target), R - 10);
  const p99Target = slo.latency_p99_target_ms;
  const latencyRatio = slo.latency_p99_ms === null || !p99Target ? 0 : slo.latency_p99_ms / p99Target;
  const latencyHealth =
    slo.latency_p99_ms === null || !p99Target ? 'idle' : latencyRatio > 1 ? 'bad' : latencyRatio > 0.8 ? 'warn' : 'ok';
  return (
    <article className="slo-card" data-slo={slo.service} data-health={health}>
      <header>
        {props.onOpen ? (
          <button type="button" className="link" onClick={props.onOpen}>
            {slo.service}
          </button>
        ) : (
          slo.service
        )}
      </header>
      <svg viewBox="0 0 140 84" className="slo-gauge" role="img" aria-label={`${slo.service} availability`}>
        <path d={arc(0, 1)} stroke="#334155" strokeWidth={12} fill="none" />
        <path
          d={arc(0, scale(slo.availability))}
          stroke={HEALTH_COLOUR[availabilityOk ? 'ok' : 'bad']}
          strokeWidth={12}
          fill="none"
        />
        <line x1={targetIn.x} y1={targetIn.y} x2={target.x} y2={target.y} stroke="#f8fafc" strokeWidth={2} />
        <text x={CX} y={CY - 8} textAnchor="middle" className="gauge-value">
          {formatPercent(slo.availability, 2)}
        </text>
        <text x={CX} y={CY + 12} textAnchor="middle" className="gauge-label">
          target {formatPercent(slo.availability_target, 2)}
        </text>
      </svg>
      <Bar
        label="error budget left"
        value={formatPercent(slo.error_budget_remaining, 0)}
        fraction={slo.error_budget_remaining}
        colour={HEALTH_COLOUR[health]}
        note={`burn ×${slo.burn_rate.toFixed(2)}`}
        noteBad={slo.burn_rate > 1}
      />
      <Bar
        label="p99"
        value={p99Target ? `${formatMs(slo.latency_p99_ms)} / ${formatMs(p99Target)}` : formatMs(slo.latency_p99_ms)}
        fraction={latencyRatio / 2}
        marker={p99Target ? 0.5 : undefined}
        colour={HEALTH_COLOUR[latencyHealth]}
      />
    </article>
  );
}

function Bar(props: {
  label: string;
  value: string;
  fraction: number;
  colour: string;
  marker?: number;
  note?: string | undefined;
  noteBad?: boolean;
}) {
  return (
    <div className="slo-bar">
      <div className="slo-bar-text">
        <span>{props.label}</span>
        <b>{props.value}</b>
        {props.note && <em className={props.noteBad ? 'bad' : undefined}>{props.note}</em>}
      </div>
      <div className="slo-bar-track">
        <div style={{ width: `${Math.max(0, Math.min(1, props.fraction)) * 100}%`, background: props.colour }} />
        {props.marker !== undefined && <span className="slo-bar-marker" style={{ left: `${props.marker * 100}%` }} />}
      </div>
    </div>
  );
}

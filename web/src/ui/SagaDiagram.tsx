// An order saga as a step diagram: the forward lane runs left to right (start → each step → outcome); when
// the saga compensates, a second lane below runs right to left through each step's undo to the outcome.
import { formatMs } from './duration';
import type { SagaDiagram, SagaStepBox, StepState, UndoState } from './saga';

const BOX_W = 192;
const BOX_H = 68;
const GAP = 54;
const LEFT = 96;
const FORWARD_Y = 24;
const UNDO_Y = FORWARD_Y + BOX_H + 60;

const STATE_COLOUR: Record<StepState | UndoState | 'outcome', string> = {
  running: '#3b82f6',
  completed: '#22c55e',
  failed: '#ef4444',
  timed_out: '#f97316',
  skipped: '#94a3b8',
  none: '#94a3b8',
  compensating: '#a855f7',
  compensated: '#8b5cf6',
  outcome: '#64748b',
};

const label = (name: string) => name.replaceAll('_', ' ');

export function SagaDiagramView(props: { diagram: SagaDiagram }) {
  const { steps, outcome, reason, startedAt } = props.diagram;
  const since = (at: string | null) =>
    at && startedAt ? `+${formatMs(new Date(at).getTime() - new Date(startedAt).getTime())}` : '';
  const undone = steps.filter((s) => s.undo !== 'none');
  const hasUndo = undone.length > 0 || outcome === 'compensating' || outcome === 'compensated';
  const xOf = (i: number) => LEFT + i * (BOX_W + GAP);
  const endX = xOf(steps.length);
  const width = endX + 120;
  const height = (hasUndo ? UNDO_Y + BOX_H : FORWARD_Y + BOX_H) + 28;
  const midY = FORWARD_Y + BOX_H / 2;
  const undoMidY = UNDO_Y + BOX_H / 2;
  const failedAt = steps.findIndex((s) => s.state === 'failed' || s.state === 'timed_out');
  const outcomeText = outcome === 'succeeded' ? 'confirmed' : outcome === 'running' ? 'in flight' : outcome;
  const outcomeColour =
    outcome === 'succeeded'
      ? STATE_COLOUR.completed
      : outcome === 'running'
        ? STATE_COLOUR.running
        : STATE_COLOUR.compensated;
  // Undo boxes sit under their step, and run right to left (reverse order of the steps).
  const undoIndexes = steps.map((s, i) => (s.undo !== 'none' ? i : -1)).filter((i) => i >= 0);
  const leftmostUndo = undoIndexes[0] ?? 0;
  const rightmostUndo = undoIndexes.at(-1) ?? Math.max(0, failedAt);
  return (
    <svg
      className="saga-diagram"
      viewBox={`0 0 ${width} ${height}`}
      style={{ maxWidth: `${width}px` }}
      role="img"
      aria-label={`Saga ${outcomeText}`}
      data-testid="saga-diagram"
      data-outcome={outcome}
    >
      <defs>
        <marker id="saga-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto">
          <path d="M0,0 L10,5 L0,10 z" fill="#94a3b8" />
        </marker>
      </defs>
      <circle cx={40} cy={midY} r={16} fill="#64748b" />
      <text x={40} y={midY + 34} textAnchor="middle" className="saga-small">
        started
      </text>
      {steps.map((step, i) => (
        <line
          key={`a-${step.name}`}
          x1={i === 0 ? 58 : xOf(i) - GAP + 2}
          x2={xOf(i) - 4}
          y1={midY}
          y2={midY}
          className="saga-arrow"
          markerEnd="url(#saga-arrow)"
        />
      ))}
      {steps.map((step, i) => (
        <StepBox key={step.name} step={step} x={xOf(i)} y={FORWARD_Y} since={since} />
      ))}
      {(outcome === 'succeeded' || outcome === 'running') && (
        <>
          <line
            x1={endX - GAP + 2}
            x2={endX + 12}
            y1={midY}
            y2={midY}
            className="saga-arrow"
            markerEnd="url(#saga-arrow)"
          />
          <Outcome x={endX + 40} y={midY} text={outcomeText} colour={outcomeColour} />
        </>
      )}
      {hasUndo && (
        <>
          {/* From the step that failed down to the undos; with nothing to undo, down to the lane itself. */}
          <line
            x1={xOf(rightmostUndo) + BOX_W / 2 + (failedAt > rightmostUndo ? BOX_W + GAP : 0)}
            x2={xOf(rightmostUndo) + BOX_W / 2}
            y1={FORWARD_Y + BOX_H + 4}
            y2={undoIndexes.length > 0 ? UNDO_Y - 6 : undoMidY}
            className="saga-arrow compensate"
            markerEnd={undoIndexes.length > 0 ? 'url(#saga-arrow)' : undefined}
          />
          {undoIndexes.map((i, k) => {
            const step = steps[i] as SagaStepBox;
            const next = undoIndexes[k - 1];
            return (
              <g key={`u-${step.name}`}>
                <UndoBox step={step} x={xOf(i)} y={UNDO_Y} />
                {next !== undefined && (
                  <line
                    x1={xOf(i) - 4}
                    x2={xOf(next) + BOX_W + 4}
                    y1={undoMidY}
                    y2={undoMidY}
                    className="saga-arrow compensate"
                    markerEnd="url(#saga-arrow)"
                  />
                )}
              </g>
            );
          })}
          <line
            x1={undoIndexes.length > 0 ? xOf(leftmostUndo) - 4 : xOf(rightmostUndo) + BOX_W / 2}
            x2={58}
            y1={undoMidY}
            y2={undoMidY}
            className="saga-arrow compensate"
            markerEnd="url(#saga-arrow)"
          />
          <Outcome x={40} y={undoMidY} text={outcomeText} colour={outcomeColour} />
        </>
      )}
      {reason && (
        <text x={LEFT} y={height - 8} className="saga-reason">
          reason: {reason}
        </text>
      )}
    </svg>
  );
}

function StepBox(props: { step: SagaStepBox; x: number; y: number; since: (at: string | null) => string }) {
  const { step, x, y } = props;
  const colour = STATE_COLOUR[step.state];
  return (
    <g transform={`translate(${x},${y})`} data-step={step.name} data-state={step.state} className="saga-step">
      <rect width={BOX_W} height={BOX_H} rx={10} fill={colour} fillOpacity={0.15} stroke={colour} strokeWidth={2} />
      <text x={12} y={22} className="saga-step-name">
        {label(step.name)}
      </text>
      <text x={12} y={42} className="saga-step-state" fill={colour}>
        {label(step.state)} {props.since(step.endedAt ?? step.startedAt)}
      </text>
      {step.detail && (
        <text x={12} y={59} className="saga-small">
          {step.detail.length > 26 ? `${step.detail.slice(0, 25)}…` : step.detail}
        </text>
      )}
      <title>{step.events.map((e) => `${e.at}  ${e.event}${e.detail ? `: ${e.detail}` : ''}`).join('\n')}</title>
    </g>
  );
}

function UndoBox(props: { step: SagaStepBox; x: number; y: number }) {
  const { step, x, y } = props;
  const colour = STATE_COLOUR[step.undo];
  return (
    <g transform={`translate(${x},${y})`} data-undo={step.name} data-state={step.undo} className="saga-step">
      <rect
        width={BOX_W}
        height={BOX_H}
        rx={10}
        fill={colour}
        fillOpacity={0.12}
        stroke={colour}
        strokeWidth={2}
        strokeDasharray="5 3"
      />
      <text x={12} y={22} className="saga-step-name">
        undo {label(step.name)}
      </text>
      <text x={12} y={42} className="saga-step-state" fill={colour}>
        {step.undo}
      </text>
    </g>
  );
}

function Outcome(props: { x: number; y: number; text: string; colour: string }) {
  return (
    <g data-testid="saga-outcome">
      <circle cx={props.x} cy={props.y} r={16} fill={props.colour} />
      <text x={props.x} y={props.y + 34} textAnchor="middle" className="saga-small">
        {props.text}
      </text>
    </g>
  );
}

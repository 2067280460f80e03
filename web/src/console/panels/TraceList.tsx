// Traces as a bar list: each trace's length drawn against the longest in the list, the services it
// crossed in their colours, errors in red. A row opens the trace's waterfall.
import { Link } from '../../ui/router';
import { formatDateTime, formatMs, serviceColour } from '../layout/format';
import { paths } from '../layout/routes';
import type { TraceSummary } from '../telemetry';

export function TraceList(props: { traces: readonly TraceSummary[] }) {
  const longest = Math.max(1, ...props.traces.map((t) => t.duration_ms));
  if (props.traces.length === 0) return <p className="empty">No traces match.</p>;
  return (
    <ol className="trace-list" data-testid="trace-list">
      {props.traces.map((trace) => (
        <li
          key={trace.trace_id}
          data-trace-id={trace.trace_id}
          data-services={trace.services.join(' ')}
          className={trace.error ? 'error' : undefined}
        >
          <Link href={paths.trace(trace.trace_id)} className="trace-link">
            <span className="trace-name">
              <b>{trace.root_service}</b> {trace.root_name}
            </span>
            <span className="trace-bar-track">
              <span className="trace-bar" style={{ width: `${(trace.duration_ms / longest) * 100}%` }} />
            </span>
            <span className="trace-duration">{formatMs(trace.duration_ms)}</span>
            <span className="trace-meta">
              {trace.services.map((s) => (
                <span key={s} className="service-chip">
                  <i className="dot" style={{ background: serviceColour(s) }} />
                  {s}
                </span>
              ))}
              {trace.span_count} spans · {formatDateTime(trace.start_time)}
              {trace.error && <span className="badge badge-danger">error</span>}
            </span>
          </Link>
        </li>
      ))}
    </ol>
  );
}

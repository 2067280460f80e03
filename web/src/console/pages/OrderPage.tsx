// One order: its saga as a step diagram (steps, compensations, outcome), its status history, and the
// traces that carried it through the services.
import { unwrap } from '../../api/problem';
import { useSession } from '../../session/session';
import { Badge } from '../../ui/Page';
import { navigate } from '../../ui/router';
import { SagaDiagramView } from '../../ui/SagaDiagram';
import { buildSagaDiagram } from '../../ui/saga';
import { formatDateTime, formatTime } from '../layout/format';
import { paths } from '../layout/routes';
import { Panel } from '../panels/Panel';
import { TraceList } from '../panels/TraceList';
import { useTelemetry } from '../telemetry';
import { usePoll } from '../usePoll';

export function OrderPage({ id }: { id: string }) {
  const { api } = useSession();
  const telemetry = useTelemetry();
  const order = usePoll(
    async (signal) => {
      const [saga, details] = await Promise.all([
        unwrap(api.orders.GET('/v1/orders/{id}/saga', { params: { path: { id } }, signal })),
        unwrap(api.orders.GET('/v1/orders/{id}', { params: { path: { id } }, signal })),
      ]);
      return { saga, details };
    },
    [id],
  );
  const traces = usePoll(
    (signal) => unwrap(telemetry.GET('/v1/traces', { params: { query: { order_id: id, limit: 50 } }, signal })),
    [id],
  );
  const saga = order.data?.saga;
  const details = order.data?.details;
  return (
    <div className="stack">
      <Panel
        title={
          <>
            Order <code>{id}</code> {details && <Badge tone={details.status}>{details.status}</Badge>}
          </>
        }
        live={order}
        testId="saga-panel"
      >
        {saga && (
          <>
            <p className="muted">
              saga {saga.status}
              {saga.current_step ? ` · waiting on ${saga.current_step}` : ''}
              {saga.deadline_at ? ` · deadline ${formatTime(saga.deadline_at)}` : ''}
              {saga.awaiting_compensation.length > 0
                ? ` · awaiting undo of ${saga.awaiting_compensation.join(', ')}`
                : ''}
            </p>
            <div className="saga-scroll">
              <SagaDiagramView diagram={buildSagaDiagram(saga)} />
            </div>
            <details className="saga-log">
              <summary>Step log ({saga.timeline.length} entries)</summary>
              <ol>
                {saga.timeline.map((e) => (
                  <li key={`${e.at}:${e.step}:${e.event}:${e.message_id ?? ''}`}>
                    <time>{formatTime(e.at)}</time> <b>{e.step}</b> {e.event}
                    {e.detail ? ` — ${e.detail}` : ''}
                  </li>
                ))}
              </ol>
            </details>
          </>
        )}
        {details && (
          <ol className="status-strip" aria-label="Status history">
            {details.status_history.map((h) => (
              <li key={`${h.status}:${h.at}`}>
                <Badge tone={h.status}>{h.status}</Badge>
                <time>{formatDateTime(h.at)}</time>
                {h.reason ? <span className="muted"> {h.reason}</span> : null}
              </li>
            ))}
          </ol>
        )}
      </Panel>
      <Panel
        title="Traces of this order"
        live={traces}
        actions={
          <button type="button" className="button button-link" onClick={() => navigate(paths.logs({ q: id }))}>
            logs mentioning it
          </button>
        }
      >
        <TraceList traces={traces.data?.items ?? []} />
      </Panel>
    </div>
  );
}

// One trace: its spans as a waterfall (refreshing while late spans still arrive), the order it belongs to,
// and the log lines written under it.
import { unwrap } from '../../api/problem';
import { Link } from '../../ui/router';
import { WaterfallChart } from '../charts/WaterfallChart';
import { formatDateTime } from '../layout/format';
import { paths } from '../layout/routes';
import { LogsPanel } from '../panels/LogsPanel';
import { Panel } from '../panels/Panel';
import { useTelemetry } from '../telemetry';
import { usePoll } from '../usePoll';

const ORDER_ATTRIBUTE = 'emporium.order_id';

export function TracePage({ id }: { id: string }) {
  const telemetry = useTelemetry();
  const trace = usePoll(
    (signal) => unwrap(telemetry.GET('/v1/traces/{trace_id}', { params: { path: { trace_id: id } }, signal })),
    [id],
  );
  const spans = trace.data?.spans ?? [];
  const orderIds = [...new Set(spans.map((s) => s.attributes[ORDER_ATTRIBUTE]).filter((v) => typeof v === 'string'))];
  const first = spans[0];
  return (
    <div className="stack">
      <Panel
        title={
          <>
            Trace <code>{id}</code>
          </>
        }
        live={trace}
        testId="trace-panel"
        actions={orderIds.map((orderId) => (
          <Link key={orderId} href={paths.order(orderId)} className="button button-secondary" data-testid="order-link">
            Saga of order {orderId.slice(0, 8)}…
          </Link>
        ))}
      >
        {first && (
          <p className="muted">
            {spans.length} spans · started {formatDateTime(first.start_time)}
          </p>
        )}
        <WaterfallChart
          spans={spans}
          renderLink={(link) => (
            <Link href={paths.trace(link.trace_id)}>
              <code>
                {link.trace_id}/{link.span_id}
              </code>
            </Link>
          )}
        />
      </Panel>
      <LogsPanel query={{ trace_id: id }} title="Logs of this trace" />
    </div>
  );
}

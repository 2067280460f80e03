// Trace search: by service, by order id (the spans' emporium.order_id), errors only, or at least some
// length. The query lives in the URL, so a search can be shared and the back button works.
import { type FormEvent, useState } from 'react';
import { unwrap } from '../../api/problem';
import { navigate } from '../../ui/router';
import { paths, type TraceQuery } from '../layout/routes';
import { Panel } from '../panels/Panel';
import { TraceList } from '../panels/TraceList';
import { useTelemetry } from '../telemetry';
import { usePoll } from '../usePoll';

export function TracesPage({ query }: { query: TraceQuery }) {
  const telemetry = useTelemetry();
  const { service, order_id, error, min_duration_ms } = query;
  const traces = usePoll(
    (signal) =>
      unwrap(
        telemetry.GET('/v1/traces', {
          params: {
            query: {
              ...(service ? { service } : {}),
              ...(order_id ? { order_id } : {}),
              ...(error ? { error: true } : {}),
              ...(min_duration_ms ? { min_duration_ms } : {}),
              limit: 50,
            },
          },
          signal,
        }),
      ),
    [service, order_id, error, min_duration_ms],
  );
  const services = usePoll(
    (signal) => unwrap(telemetry.GET('/v1/services', { params: { query: { window: '1h' } }, signal })),
    [],
    0,
  );
  return (
    <div className="stack">
      <TraceSearch
        key={JSON.stringify(query)}
        query={query}
        services={(services.data?.items ?? []).map((s) => s.name)}
      />
      <Panel title="Traces" live={traces}>
        <TraceList traces={traces.data?.items ?? []} />
      </Panel>
      {order_id && traces.data && (
        <p>
          <button type="button" className="button button-secondary" onClick={() => navigate(paths.order(order_id))}>
            Saga timeline of order {order_id}
          </button>
        </p>
      )}
    </div>
  );
}

function TraceSearch(props: { query: TraceQuery; services: string[] }) {
  const [service, setService] = useState(props.query.service ?? '');
  const [orderId, setOrderId] = useState(props.query.order_id ?? '');
  const [errorsOnly, setErrorsOnly] = useState(props.query.error ?? false);
  const [minDuration, setMinDuration] = useState(
    props.query.min_duration_ms ? String(props.query.min_duration_ms) : '',
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const min = Number(minDuration);
    navigate(
      paths.traces({
        ...(service ? { service } : {}),
        ...(orderId.trim() ? { order_id: orderId.trim() } : {}),
        ...(errorsOnly ? { error: true } : {}),
        ...(min > 0 ? { min_duration_ms: min } : {}),
      }),
    );
  };
  return (
    <form className="filters card" onSubmit={submit} aria-label="Find traces">
      <select aria-label="Service" value={service} onChange={(e) => setService(e.target.value)}>
        <option value="">any service</option>
        {props.services.map((s) => (
          <option key={s}>{s}</option>
        ))}
      </select>
      <input
        aria-label="Order id"
        name="order_id"
        placeholder="order id"
        value={orderId}
        onChange={(e) => setOrderId(e.target.value)}
        size={38}
      />
      <input
        aria-label="Minimum duration (ms)"
        placeholder="min ms"
        inputMode="numeric"
        value={minDuration}
        onChange={(e) => setMinDuration(e.target.value)}
        size={7}
      />
      <label className="checkbox">
        <input type="checkbox" checked={errorsOnly} onChange={(e) => setErrorsOnly(e.target.checked)} /> errors only
      </label>
      <button type="submit" className="button button-primary">
        Find traces
      </button>
    </form>
  );
}

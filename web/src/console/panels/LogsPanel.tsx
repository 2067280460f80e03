// Log lines from the collector, newest first, narrowed to a service, a trace, a minimum level or a text.
// With onQueryChange the filters are editable (the logs page keeps them in its URL); without, they are fixed.
import { useState } from 'react';
import { unwrap } from '../../api/problem';
import { Link } from '../../ui/router';
import { formatTime, serviceColour } from '../layout/format';
import { type LogQuery, paths } from '../layout/routes';
import { type LogLine, useTelemetry } from '../telemetry';
import { usePoll } from '../usePoll';
import { Panel } from './Panel';

const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
type Level = (typeof LEVELS)[number];
const isLevel = (value: string | undefined): value is Level => LEVELS.includes(value as Level);

export function LogsPanel(props: {
  query: LogQuery;
  onQueryChange?: (query: LogQuery) => void;
  services?: readonly string[];
  title?: string;
  limit?: number;
}) {
  const telemetry = useTelemetry();
  const { service, trace_id, level, q } = props.query;
  const logs = usePoll(
    (signal) =>
      unwrap(
        telemetry.GET('/v1/logs', {
          params: {
            query: {
              ...(service ? { service } : {}),
              ...(trace_id ? { trace_id } : {}),
              ...(isLevel(level) ? { level } : {}),
              ...(q ? { q } : {}),
              limit: props.limit ?? 100,
            },
          },
          signal,
        }),
      ),
    [service, trace_id, level, q, props.limit],
  );
  const change = props.onQueryChange;
  return (
    <Panel
      title={props.title ?? 'Logs'}
      live={logs}
      testId="logs"
      actions={change && <LogFilters {...props} onQueryChange={change} />}
    >
      <ol className="log-lines">
        {(logs.data?.items ?? []).map((line, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: log lines have no id, and each refresh replaces the list
          <LogRow key={`${line.time}:${i}`} line={line} />
        ))}
      </ol>
      {logs.data?.items.length === 0 && <p className="empty">No log lines match.</p>}
    </Panel>
  );
}

function LogRow({ line }: { line: LogLine }) {
  const [open, setOpen] = useState(false);
  const fields = Object.entries(line.fields ?? {});
  return (
    <li className={`log-line level-${line.level}`} data-service={line.service}>
      <button type="button" className="log-summary" onClick={() => setOpen(!open)} aria-expanded={open}>
        <time>{formatTime(line.time)}</time>
        <span className="log-level">{line.level}</span>
        <span className="log-service" style={{ color: serviceColour(line.service) }}>
          {line.service}
        </span>
        <span className="log-msg">{line.msg}</span>
      </button>
      {line.trace_id && (
        <Link href={paths.trace(line.trace_id)} className="log-trace" title="open the trace">
          trace
        </Link>
      )}
      {open && (
        <dl className="log-fields">
          {line.request_id && (
            <>
              <dt>request_id</dt>
              <dd>{line.request_id}</dd>
            </>
          )}
          {line.span_id && (
            <>
              <dt>span_id</dt>
              <dd>{line.span_id}</dd>
            </>
          )}
          {fields.map(([key, value]) => (
            <div key={key} className="log-field">
              <dt>{key}</dt>
              <dd>{typeof value === 'string' ? value : JSON.stringify(value)}</dd>
            </div>
          ))}
        </dl>
      )}
    </li>
  );
}

function LogFilters(props: {
  query: LogQuery;
  onQueryChange: (query: LogQuery) => void;
  services?: readonly string[];
}) {
  const { query, onQueryChange } = props;
  const [text, setText] = useState(query.q ?? '');
  const [traceId, setTraceId] = useState(query.trace_id ?? '');
  const set = (patch: Partial<LogQuery>) => onQueryChange({ ...query, ...patch });
  return (
    <form
      className="filters"
      onSubmit={(event) => {
        event.preventDefault();
        set({ q: text.trim() || undefined, trace_id: traceId.trim().toLowerCase() || undefined });
      }}
    >
      <select
        aria-label="Service"
        value={query.service ?? ''}
        onChange={(e) => set({ service: e.target.value || undefined })}
      >
        <option value="">all services</option>
        {(props.services ?? []).map((s) => (
          <option key={s}>{s}</option>
        ))}
      </select>
      <select
        aria-label="Minimum level"
        value={query.level ?? ''}
        onChange={(e) => set({ level: e.target.value || undefined })}
      >
        <option value="">any level</option>
        {LEVELS.map((l) => (
          <option key={l}>{l}</option>
        ))}
      </select>
      <input
        aria-label="Trace id"
        placeholder="trace id"
        value={traceId}
        onChange={(e) => setTraceId(e.target.value)}
      />
      <input aria-label="Search text" placeholder="text" value={text} onChange={(e) => setText(e.target.value)} />
      <button type="submit" className="button button-secondary">
        Filter
      </button>
    </form>
  );
}

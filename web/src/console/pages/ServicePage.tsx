// One service: its RED charts over the last 15 minutes (rate, errors, p50 and p99 against its objective),
// its SLO, its slowest and failing recent traces, and its logs.
import { useState } from 'react';
import { unwrap } from '../../api/problem';
import { navigate } from '../../ui/router';
import { AreaChart } from '../charts/AreaChart';
import { SloCard } from '../charts/SloCard';
import { formatMs, formatPercent, formatRate, serviceColour } from '../layout/format';
import { paths } from '../layout/routes';
import { LogsPanel } from '../panels/LogsPanel';
import { Panel } from '../panels/Panel';
import { TraceList } from '../panels/TraceList';
import { useTelemetry } from '../telemetry';
import { usePoll } from '../usePoll';

const WINDOWS = ['15m', '1h', '6h'] as const;
const STEP: Record<(typeof WINDOWS)[number], string> = { '15m': '15s', '1h': '1m', '6h': '5m' };

export function ServicePage({ name }: { name: string }) {
  const telemetry = useTelemetry();
  const [range, setRange] = useState<(typeof WINDOWS)[number]>('15m');
  const red = usePoll(
    async (signal) => {
      const [series, slos] = await Promise.all([
        unwrap(
          telemetry.GET('/v1/metrics/red', {
            params: { query: { service: name, window: range, step: STEP[range] } },
            signal,
          }),
        ),
        unwrap(telemetry.GET('/v1/slos', { params: { query: { window: '1h' } }, signal })),
      ]);
      return { series: series.series, slo: slos.items.find((s) => s.service === name) };
    },
    [name, range],
  );
  const traces = usePoll(
    (signal) => unwrap(telemetry.GET('/v1/traces', { params: { query: { service: name, limit: 15 } }, signal })),
    [name],
  );
  const series = red.data?.series ?? [];
  const point = (pick: (p: (typeof series)[number]) => number | null) =>
    series.map((p) => ({ t: p.t, value: pick(p) }));
  const colour = serviceColour(name);
  return (
    <div className="stack">
      <Panel
        title={
          <>
            <i className="dot big" style={{ background: colour }} /> {name}
          </>
        }
        live={red}
        testId="red-charts"
        actions={
          <fieldset className="segmented" aria-label="Window">
            {WINDOWS.map((w) => (
              <button key={w} type="button" aria-pressed={w === range} onClick={() => setRange(w)}>
                {w}
              </button>
            ))}
          </fieldset>
        }
      >
        <div className="red-grid">
          <AreaChart title="Requests" points={point((p) => p.rate_rps)} format={formatRate} colour={colour} />
          <AreaChart
            title="Errors (5xx)"
            points={point((p) => p.error_rate)}
            format={(v) => formatPercent(v, 1)}
            colour="#ef4444"
          />
          <AreaChart title="Latency p50" points={point((p) => p.p50_ms)} format={formatMs} colour="#0ea5e9" />
          <AreaChart
            title="Latency p99"
            points={point((p) => p.p99_ms)}
            format={formatMs}
            colour="#a855f7"
            target={red.data?.slo?.latency_p99_target_ms ?? undefined}
            targetLabel="p99 objective"
          />
          {red.data?.slo && <SloCard slo={red.data.slo} />}
        </div>
      </Panel>
      <Panel
        title="Recent traces"
        live={traces}
        actions={
          <button
            type="button"
            className="button button-link"
            onClick={() => navigate(paths.traces({ service: name }))}
          >
            search traces
          </button>
        }
      >
        <TraceList traces={traces.data?.items ?? []} />
      </Panel>
      <LogsPanel query={{ service: name }} title={`Logs of ${name}`} limit={50} />
    </div>
  );
}

// The console's front page: the live topology (services, calls and messages, coloured by health) and one
// tile per process with its rate, error rate and latency, and its request rate over 15 minutes.
import { unwrap } from '../../api/problem';
import { Link, navigate } from '../../ui/router';
import { Sparkline } from '../charts/Sparkline';
import type { NodeStats } from '../charts/TopologyGraph';
import { TopologyGraph } from '../charts/TopologyGraph';
import { activityOf } from '../layout/activity';
import { formatMs, formatPercent, formatRate, HEALTH_COLOUR, serviceColour } from '../layout/format';
import { paths } from '../layout/routes';
import { healthOfErrorRate } from '../layout/topology';
import { Panel } from '../panels/Panel';
import { useTelemetry } from '../telemetry';
import { usePoll } from '../usePoll';

const WINDOW = '5m';
/** The tiles' sparklines change slowly: fetched less often than the rest. */
const SPARKLINE_REFRESH_MS = 15_000;

export function OverviewPage() {
  const telemetry = useTelemetry();
  const live = usePoll(async (signal) => {
    const [topology, services, slos] = await Promise.all([
      unwrap(telemetry.GET('/v1/topology', { params: { query: { window: WINDOW } }, signal })),
      unwrap(telemetry.GET('/v1/services', { params: { query: { window: WINDOW } }, signal })),
      unwrap(telemetry.GET('/v1/slos', { params: { query: { window: '1h' } }, signal })),
    ]);
    return { topology, services: services.items, slos: slos.items };
  }, []);
  const names = (live.data?.services ?? []).map((s) => s.name).join(',');
  const sparklines = usePoll(
    async (signal) => {
      const series = await Promise.all(
        names
          .split(',')
          .filter(Boolean)
          .map((service) =>
            unwrap(
              telemetry.GET('/v1/metrics/red', { params: { query: { service, window: '15m', step: '30s' } }, signal }),
            ),
          ),
      );
      return new Map(series.map((s) => [s.service, s.series.map((p) => p.rate_rps)]));
    },
    [names],
    SPARKLINE_REFRESH_MS,
  );
  const stats = new Map<string, NodeStats>();
  for (const s of live.data?.services ?? []) {
    const slo = live.data?.slos.find((o) => o.service === s.name);
    stats.set(s.name, {
      rate_rps: s.rate_rps,
      error_rate: s.error_rate,
      p99_ms: s.p99_ms,
      messages: s.messages,
      up: s.up,
      p99TargetMs: slo?.latency_p99_target_ms ?? undefined,
    });
  }
  return (
    <div className="stack">
      <Panel title={`Topology · last ${WINDOW}`} live={live} testId="topology-panel" actions={<Legend />}>
        {live.data && (
          <TopologyGraph
            nodes={live.data.topology.nodes}
            edges={live.data.topology.edges}
            stats={stats}
            onSelect={(name, kind) => navigate(kind === 'infra' ? paths.logs({ service: name }) : paths.service(name))}
          />
        )}
      </Panel>
      <Panel title="Processes">
        <div className="service-tiles">
          {(live.data?.services ?? []).map((s) => {
            const activity = activityOf(s);
            const health = s.up ? healthOfErrorRate(activity.error_rate, activity.busy) : 'bad';
            return (
              <Link
                key={s.name}
                href={paths.service(s.name)}
                className="service-tile"
                data-service={s.name}
                data-health={health}
              >
                <span className="tile-dot" style={{ background: HEALTH_COLOUR[health] }} />
                <b>{s.name}</b>
                <span className="muted">
                  {s.up ? `${s.instances} up` : 'down'}
                  {s.version ? ` · ${s.version}` : ''}
                </span>
                <span className="tile-figures">
                  {formatRate(s.rate_rps)} · {formatPercent(s.error_rate, 1)} err · p99 {formatMs(s.p99_ms)}
                </span>
                {s.messages.rate_rps > 0 && (
                  <span className="tile-figures" data-figures="messages">
                    {formatRate(s.messages.rate_rps)} msg · {formatPercent(s.messages.error_rate, 1)} retried · lag p99{' '}
                    {formatMs(s.messages.p99_ms)}
                  </span>
                )}
                <Sparkline
                  values={sparklines.data?.get(s.name) ?? []}
                  colour={serviceColour(s.name)}
                  label={`${s.name} requests over 15 minutes`}
                />
              </Link>
            );
          })}
        </div>
      </Panel>
    </div>
  );
}

function Legend() {
  return (
    <span className="legend">
      <span>
        <i style={{ background: HEALTH_COLOUR.ok }} /> &lt;1 % errors
      </span>
      <span>
        <i style={{ background: HEALTH_COLOUR.warn }} /> &lt;5 %
      </span>
      <span>
        <i style={{ background: HEALTH_COLOUR.bad }} /> ≥5 %
      </span>
      <span>
        <i className="dashed" /> declared, not seen
      </span>
      <span className="muted">width = rate · framed red = p99 over SLO</span>
    </span>
  );
}

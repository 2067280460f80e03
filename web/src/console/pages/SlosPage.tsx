// Every service's objectives from service-catalog.yaml against the last hour: availability gauges,
// error budget left and its burn rate, p99 against its objective. Worst budget first.
import { unwrap } from '../../api/problem';
import { navigate } from '../../ui/router';
import { SloCard } from '../charts/SloCard';
import { paths } from '../layout/routes';
import { Panel } from '../panels/Panel';
import { useTelemetry } from '../telemetry';
import { usePoll } from '../usePoll';

export function SlosPage() {
  const telemetry = useTelemetry();
  const slos = usePoll(
    (signal) => unwrap(telemetry.GET('/v1/slos', { params: { query: { window: '1h' } }, signal })),
    [],
  );
  const items = [...(slos.data?.items ?? [])].sort(
    (a, b) => a.error_budget_remaining - b.error_budget_remaining || a.service.localeCompare(b.service),
  );
  return (
    <Panel title="Service level objectives · last hour" live={slos} testId="slos">
      <div className="slo-grid">
        {items.map((slo) => (
          <SloCard key={slo.service} slo={slo} onOpen={() => navigate(paths.service(slo.service))} />
        ))}
      </div>
    </Panel>
  );
}

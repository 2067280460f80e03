// All logs, filtered by service, trace, level and text; the filters are the page's URL.
import { unwrap } from '../../api/problem';
import { navigate } from '../../ui/router';
import { type LogQuery, paths } from '../layout/routes';
import { LogsPanel } from '../panels/LogsPanel';
import { useTelemetry } from '../telemetry';
import { usePoll } from '../usePoll';

export function LogsPage({ query }: { query: LogQuery }) {
  const telemetry = useTelemetry();
  const services = usePoll(
    (signal) => unwrap(telemetry.GET('/v1/services', { params: { query: { window: '1h' } }, signal })),
    [],
    0,
  );
  return (
    <LogsPanel
      key={JSON.stringify(query)}
      query={query}
      services={(services.data?.items ?? []).map((s) => s.name)}
      onQueryChange={(next) => navigate(paths.logs(next), { replace: true })}
    />
  );
}

// What each bench:bus process does first: tracing installed as a service's createService installs it
// (the kit's initTracing, so the context manager and sampler are the real ones; spans recorded and
// exported only when OTEL_EXPORTER_OTLP_ENDPOINT is set, as in a service), and, with
// BENCH_CPU_PROF_DIR set, a CPU profile of the process written there when it ends.
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { initTracing } from '@emporium/service-kit';

export async function setUpBenchProcess(name: string): Promise<{ finish(): Promise<void> }> {
  // BENCH_TRACING=none: no tracer provider at all (the OpenTelemetry API's no-op), to see what tracing costs.
  if (process.env.BENCH_TRACING === 'none') console.error(`[${name}] tracing: no provider installed`);
  else {
    const tracing = initTracing({ service: name, version: '0.1.0' });
    console.error(
      `[${name}] tracing: ${tracing.exporting ? 'recorded and exported' : 'installed, not exporting (no endpoint)'}`,
    );
  }
  const dir = process.env.BENCH_CPU_PROF_DIR;
  if (!dir) return { finish: async () => {} };
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    async finish() {
      const { profile } = await session.post('Profiler.stop');
      await writeFile(join(dir, `${name}-${process.pid}.cpuprofile`), JSON.stringify(profile));
      session.disconnect();
    },
  };
}

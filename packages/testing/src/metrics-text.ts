// Reads a value out of a Prometheus text exposition (a process's /metrics), for tests.

/** The sum of every sample of `name` whose labels include all of `labels`. */
export function metricValue(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  return text
    .split('\n')
    .filter(
      (line) => (line.startsWith(`${name}{`) || line.startsWith(`${name} `)) && wanted.every((w) => line.includes(w)),
    )
    .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
}

/** metricValue of what `url` (a /metrics endpoint) serves now. */
export async function fetchMetric(url: string, name: string, labels: Record<string, string> = {}): Promise<number> {
  return metricValue(await (await fetch(url)).text(), name, labels);
}

// Reads the Prometheus text exposition format (version 0.0.4), as prom-client writes it, into
// samples: metric name, labels, value. (The npm parser we tried merged the series of a histogram and
// dropped their labels; the format's sample lines are simple enough to read exactly here.)

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+-?\d+)?\s*$/;
const LABEL = /\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*"((?:[^"\\]|\\.)*)"\s*,?/gy;

function unescapeLabel(value: string): string {
  return value.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
}

function parseValue(raw: string): number {
  if (raw === '+Inf') return Number.POSITIVE_INFINITY;
  if (raw === '-Inf') return Number.NEGATIVE_INFINITY;
  return Number(raw);
}

function parseLabels(raw: string | undefined): Record<string, string> | undefined {
  const labels: Record<string, string> = {};
  if (!raw) return labels;
  LABEL.lastIndex = 0;
  let consumed = 0;
  for (let match = LABEL.exec(raw); match; match = LABEL.exec(raw)) {
    labels[match[1] as string] = unescapeLabel(match[2] as string);
    consumed = LABEL.lastIndex;
  }
  return raw.slice(consumed).trim() === '' ? labels : undefined;
}

/** Every sample line of `text`; comments, blank and unreadable lines are skipped. */
export function parseExposition(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = LINE.exec(line);
    if (!match) continue;
    const labels = parseLabels(match[2]);
    const value = parseValue(match[3] as string);
    if (labels && !Number.isNaN(value)) samples.push({ name: match[1] as string, labels, value });
  }
  return samples;
}

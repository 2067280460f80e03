// The paths of a small area chart in a fixed viewBox: one subpath per run of points that have a value, so a
// step without traffic (no latency) is a gap in the line rather than a drop to zero.

export const CHART_WIDTH = 320;
export const CHART_HEIGHT = 90;
export const CHART_PAD = 4;

export function chartPaths(values: readonly (number | null)[], top: number) {
  const W = CHART_WIDTH;
  const H = CHART_HEIGHT;
  const PAD = CHART_PAD;
  const x = (i: number) => (values.length <= 1 ? W / 2 : PAD + (i * (W - 2 * PAD)) / (values.length - 1));
  const y = (v: number) => H - PAD - (v / top) * (H - 2 * PAD);
  const runs: { i: number; v: number }[][] = [];
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) return;
    const last = runs.at(-1);
    if (last && last.at(-1)?.i === i - 1) last.push({ i, v });
    else runs.push([{ i, v }]);
  });
  const lineOf = (run: { i: number; v: number }[]) =>
    run.map((p, k) => `${k === 0 ? 'M' : 'L'}${x(p.i).toFixed(1)},${y(p.v).toFixed(1)}`).join(' ');
  const line = runs.map(lineOf).join(' ');
  const area = runs
    .map((run) => {
      const first = run[0]?.i ?? 0;
      const last = run.at(-1)?.i ?? 0;
      return `${lineOf(run)} L${x(last).toFixed(1)},${H - PAD} L${x(first).toFixed(1)},${H - PAD} Z`;
    })
    .join(' ');
  return { line, area, x, y };
}

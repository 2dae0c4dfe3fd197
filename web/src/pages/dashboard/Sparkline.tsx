import type { TIndicatorTile } from '../../../../common/contracts/dashboard';

/** The year of a period id (2026M03 → 2026), without common/periods.ts and the zod it brings. */
const periodYear = (period: string) => Number(period.slice(0, 4));

const WIDTH = 160;
const HEIGHT = 40;
const PAD = 3;

/**
 * The indicator's figures (solid) against its target path (dashed), in a small SVG: a dozen tiles
 * need no chart library. The target path is by year; each period sits at its year's end, so the
 * path is drawn through those points.
 */
export function Sparkline({ tile, label }: { tile: TIndicatorTile; label: string }) {
  const points = tile.series.map((p, i) => ({ i, value: p.value, year: periodYear(p.period) }));
  const lastOfYear = new Map<number, number>();
  for (const p of points) lastOfYear.set(p.year, p.i);
  const path = tile.targetPath
    .filter((t) => lastOfYear.has(t.year))
    .map((t) => ({ i: lastOfYear.get(t.year)!, value: t.value }));
  const values = [...points.map((p) => p.value), ...path.map((p) => p.value)].filter(
    (v): v is number => v !== null,
  );
  if (points.length < 2 || values.length === 0)
    return <svg width={WIDTH} height={HEIGHT} aria-hidden="true" />;
  const min = Math.min(...values);
  const max = Math.max(...values);
  const x = (i: number) => PAD + ((WIDTH - 2 * PAD) * i) / (points.length - 1);
  const y = (v: number) =>
    max === min ? HEIGHT / 2 : HEIGHT - PAD - ((HEIGHT - 2 * PAD) * (v - min)) / (max - min);
  const line = (ps: { i: number; value: number | null }[]) => {
    let d = '';
    let pen = false;
    for (const p of ps) {
      if (p.value === null) {
        pen = false;
        continue;
      }
      d += `${pen ? 'L' : 'M'}${x(p.i).toFixed(1)},${y(p.value).toFixed(1)}`;
      pen = true;
    }
    return d;
  };
  const last = [...points].reverse().find((p) => p.value !== null);
  return (
    <svg
      className="lt-dash-spark"
      width={WIDTH}
      height={HEIGHT}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={label}
    >
      {path.length > 1 ? <path d={line(path)} className="lt-dash-spark-target" /> : null}
      <path d={line(points)} className="lt-dash-spark-actual" />
      {last ? <circle cx={x(last.i)} cy={y(last.value!)} r={2.5} className="lt-dash-spark-dot" /> : null}
    </svg>
  );
}

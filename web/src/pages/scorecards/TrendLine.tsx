import type { TScorecardDetail } from '../../../../common/contracts/scorecards';
import { formatNumber } from '../../lib/format';

const WIDTH = 220;
const HEIGHT = 56;
const PAD = 6;

/**
 * The score over the periods, 0–100 on a fixed scale, in a small SVG (no chart library for four
 * points); the points read out for screen readers through the label, with the periods under it.
 */
export function TrendLine({
  trend,
  label,
  periodText,
}: {
  trend: TScorecardDetail['trend'];
  label: (points: string) => string;
  periodText: (period: string) => string;
}) {
  const x = (i: number) => PAD + ((WIDTH - 2 * PAD) * i) / Math.max(1, trend.length - 1);
  const y = (score: number) => HEIGHT - PAD - ((HEIGHT - 2 * PAD) * score) / 100;
  let d = '';
  let pen = false;
  trend.forEach((p, i) => {
    if (p.score === null) {
      pen = false;
      return;
    }
    d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(p.score).toFixed(1)}`;
    pen = true;
  });
  const spoken = trend
    .map((p) => `${periodText(p.period)} ${p.score === null ? '—' : formatNumber(p.score)}`)
    .join('; ');
  return (
    <figure className="lt-scorecard-trend" data-testid="scorecard-trend">
      <svg
        width={WIDTH}
        height={HEIGHT}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={label(spoken)}
      >
        <line x1={PAD} x2={WIDTH - PAD} y1={y(50)} y2={y(50)} className="lt-scorecard-trend-mid" />
        <path d={d} className="lt-scorecard-trend-line" />
        {trend.map((p, i) =>
          p.score === null ? null : (
            <circle key={p.period} cx={x(i)} cy={y(p.score)} r={3} className="lt-scorecard-trend-dot" />
          ),
        )}
      </svg>
      <figcaption aria-hidden="true">
        {trend.map((p) => (
          <span key={p.period}>
            {periodText(p.period)}: <strong>{p.score === null ? '—' : formatNumber(p.score)}</strong>
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

import { Typography } from 'antd';
import type { TEstimate, TPerformance } from '../../../../common/contracts/analytics';
import { useT } from '../../i18n';
import { formatNumber } from '../../lib/format';

const fmt = (value: number) => formatNumber(Math.round(value * 100) / 100);

function EstimateLine({ label, estimate }: { label: string; estimate: TEstimate }) {
  const t = useT();
  return (
    <div className="lt-forecast-figure">
      <span>{label}</span>
      <strong>{fmt(estimate.value)}</strong>
      <span className="lt-forecast-range">
        ({t.indicatorDrill.interval(fmt(estimate.low), fmt(estimate.high))})
      </span>
    </div>
  );
}

/** The forecast with its interval, how both are made, and the bounds they respect. */
export function ForecastPanel({ performance: p, unit }: { performance: TPerformance; unit: string }) {
  const t = useT();
  const f = p.forecast;
  return (
    <section
      className="lt-forecast"
      data-testid="indicator-forecast"
      aria-label={t.indicatorDrill.forecastTitle}
    >
      <Typography.Text strong>
        {t.indicatorDrill.forecastTitle} ({unit})
      </Typography.Text>
      {f.yearEnd ? (
        <div className="lt-forecast-figures">
          <EstimateLine label={t.indicatorDrill.forecastYear(p.year)} estimate={f.yearEnd} />
          {f.year2030 && p.year < 2030 ? (
            <EstimateLine label={t.indicatorDrill.forecast2030} estimate={f.year2030} />
          ) : null}
        </div>
      ) : (
        <Typography.Text type="secondary">{t.indicatorDrill.noForecast}</Typography.Text>
      )}
      <dl className="lt-forecast-notes">
        <dt>{t.indicatorDrill.method}</dt>
        <dd data-testid="forecast-method">{f.method}</dd>
        {f.yearEnd ? (
          <>
            <dt>{t.indicatorDrill.intervalMethod}</dt>
            <dd data-testid="forecast-interval">{f.interval}</dd>
          </>
        ) : null}
        {f.domain.note ? (
          <>
            <dt>{t.indicatorDrill.domain}</dt>
            <dd data-testid="forecast-domain">{f.domain.note}</dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}

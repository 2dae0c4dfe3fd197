import { Col, Segmented, Select } from 'antd';
import { useMemo } from 'react';
import type { ReportingFrequency } from '../../../../common/enums';
import { useLocale, useT } from '../../i18n';
import { defaultPeriod, ENTRY_PERIOD_TYPES, entryPeriodType, periodText, recentPeriods } from './periods';

/**
 * The period type and the period of the entry grid and of the import page, as two columns of their
 * row. Its own file, with only periods.ts, so that the import page does not load the grid's chunk.
 */
export function PeriodFields(props: {
  /** `entry` or `import`: the ids (`lt-<prefix>-period`) and the test ids (`<prefix>-period`) */
  prefix: string;
  labelClassName: string;
  period: string;
  onChange: (period: string) => void;
}) {
  const { prefix, labelClassName, period, onChange } = props;
  const t = useT();
  const { lang } = useLocale();
  const type = entryPeriodType(period);
  const options = useMemo(() => {
    const periods = recentPeriods(type);
    // a period from the address that is not among the recent ones stays choosable
    if (!periods.includes(period)) periods.push(period);
    return periods.map((p) => ({ value: p, label: periodText(p, lang) }));
  }, [type, period, lang]);

  return (
    <>
      <Col xs={24} sm={12} md={7}>
        <span className={labelClassName} id={`lt-${prefix}-type-label`}>
          {t.dataEntry.periodType}
        </span>
        <Segmented<ReportingFrequency>
          block
          aria-labelledby={`lt-${prefix}-type-label`}
          value={type}
          onChange={(next) => onChange(defaultPeriod(next))}
          options={ENTRY_PERIOD_TYPES.map((f) => ({ value: f, label: t.dataEntry.periodTypes[f] }))}
          data-testid={`${prefix}-period-type`}
        />
      </Col>
      <Col xs={24} sm={12} md={7}>
        <label className={labelClassName} htmlFor={`lt-${prefix}-period`}>
          {t.dataEntry.period}
        </label>
        <Select<string>
          id={`lt-${prefix}-period`}
          style={{ width: '100%' }}
          value={period}
          onChange={onChange}
          options={options}
          data-testid={`${prefix}-period`}
        />
      </Col>
    </>
  );
}

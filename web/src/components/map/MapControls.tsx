import { Segmented, Select } from 'antd';
import { useId, useMemo } from 'react';
import type { TIndicator } from '../../../../common/contracts/indicators';
import type { TRound } from '../../../../common/contracts/rounds';
import type { MapSelection } from '../../api/geo';
import { useLocale, useT } from '../../i18n';
import {
  type MapDraft,
  type MapPeriodType,
  mapPeriodType,
  periodText,
  periodTypesFor,
  recentPeriods,
  selectionDraft,
} from './map-selection';

interface Props {
  selection: MapSelection | null;
  draft: MapDraft;
  indicators: Pick<TIndicator, 'code' | 'name' | 'frequency'>[];
  rounds: Pick<TRound, 'id' | 'title'>[];
  onChange: (draft: MapDraft) => void;
}

/** Layer, then indicator and period, or round: labelled fields that wrap on a phone. */
export function MapControls({ selection, draft, indicators, rounds, onChange }: Props) {
  const t = useT();
  const { lang } = useLocale();
  const id = useId();
  const layer = selection?.layer ?? draft.layer ?? 'indicator';
  const indicator = selection?.layer === 'indicator' ? selection.indicator : draft.indicator;
  const period = selection?.layer === 'indicator' ? selection.period : draft.period;
  const frequency = indicators.find((i) => i.code === indicator)?.frequency;
  const types = periodTypesFor(frequency);
  const type: MapPeriodType = period ? mapPeriodType(period) : 'year';
  const periods = useMemo(() => {
    const list = recentPeriods(type);
    if (period && !list.includes(period)) list.push(period);
    return list.map((p) => ({ value: p, label: periodText(p, lang) }));
  }, [type, period, lang]);
  const set = (patch: MapDraft) => onChange({ ...draft, ...selectionDraft(selection), ...patch });

  return (
    <div className="lt-map-controls">
      <div className="lt-map-field">
        <span className="lt-map-label" id={`${id}-layer`}>
          {t.map.layer}
        </span>
        <Segmented<MapSelection['layer']>
          aria-labelledby={`${id}-layer`}
          value={layer}
          onChange={(next) => set({ layer: next })}
          options={[
            { value: 'indicator', label: t.map.layers.indicator },
            { value: 'completeness', label: t.map.layers.completeness },
          ]}
          data-testid="map-layer"
        />
      </div>
      {layer === 'indicator' ? (
        <>
          <div className="lt-map-field lt-map-field-wide">
            <label className="lt-map-label" htmlFor={`${id}-indicator`}>
              {t.map.indicator}
            </label>
            <Select<string>
              id={`${id}-indicator`}
              showSearch={{ optionFilterProp: 'label' }}
              value={indicator}
              onChange={(code) => set({ indicator: code })}
              options={indicators.map((i) => ({ value: i.code, label: `${i.code} · ${i.name}` }))}
              notFoundContent={t.map.noIndicators}
              popupMatchSelectWidth={false}
              data-testid="map-indicator"
            />
          </div>
          <div className="lt-map-field">
            <label className="lt-map-label" htmlFor={`${id}-type`}>
              {t.map.periodType}
            </label>
            <Select<MapPeriodType>
              id={`${id}-type`}
              value={type}
              onChange={(next) => set({ period: recentPeriods(next)[1] })}
              options={types.map((p) => ({ value: p, label: t.map.periodTypes[p] }))}
              data-testid="map-period-type"
            />
          </div>
          <div className="lt-map-field">
            <label className="lt-map-label" htmlFor={`${id}-period`}>
              {t.map.period}
            </label>
            <Select<string>
              id={`${id}-period`}
              value={period}
              onChange={(next) => set({ period: next })}
              options={periods}
              data-testid="map-period"
            />
          </div>
        </>
      ) : (
        <div className="lt-map-field lt-map-field-wide">
          <label className="lt-map-label" htmlFor={`${id}-round`}>
            {t.map.round}
          </label>
          <Select<string>
            id={`${id}-round`}
            value={selection?.layer === 'completeness' ? selection.roundId : draft.roundId}
            onChange={(roundId) => set({ roundId })}
            options={rounds.map((r) => ({ value: r.id, label: r.title }))}
            notFoundContent={t.map.noRounds}
            popupMatchSelectWidth={false}
            data-testid="map-round"
          />
        </div>
      )}
    </div>
  );
}

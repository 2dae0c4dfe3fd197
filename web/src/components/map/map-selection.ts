import type { TIndicator } from '../../../../common/contracts/indicators';
import { MAP_UNIT_KINDS } from '../../../../common/enums';
import {
  currentPeriod,
  isPeriodId,
  periodLabel,
  periodLabelEn,
  periodType,
  periodYear,
  previousPeriod,
} from '../../../../common/periods';
import type { MapSelection } from '../../api/geo';
import type { Lang } from '../../i18n';

/** Period types the map offers, longest first; an indicator is shown for periods no shorter than its own. */
export const MAP_PERIOD_TYPES = ['year', 'quarter', 'month'] as const;
export type MapPeriodType = (typeof MAP_PERIOD_TYPES)[number];

const RECENT: Record<MapPeriodType, number> = { year: 6, quarter: 12, month: 24 };
const GRAIN: Record<string, number> = { month: 0, quarter: 1, half_year: 2, year: 3 };
const TYPE_GRAIN: Record<MapPeriodType, number> = { month: 0, quarter: 1, year: 3 };

/** Today's date in Vietnam (UTC+7). */
export const todayInVietnam = (now = Date.now()) => new Date(now + 7 * 3_600_000).toISOString().slice(0, 10);

/** Indicators a commune's figure can be shown for: active, entered by communes or wards (or by anyone). */
export function mapIndicators<T extends Pick<TIndicator, 'archived' | 'reportedBy'>>(catalogue: T[]): T[] {
  return catalogue.filter(
    (i) =>
      !i.archived &&
      (i.reportedBy.length === 0 ||
        i.reportedBy.some((k) => (MAP_UNIT_KINDS as readonly string[]).includes(k))),
  );
}

/** The period types an indicator of this frequency can be shown by. */
export function periodTypesFor(frequency: string | undefined): MapPeriodType[] {
  const grain = GRAIN[frequency ?? 'month'] ?? 0;
  return MAP_PERIOD_TYPES.filter((type) => TYPE_GRAIN[type] >= grain);
}

/** The current period of a type and those before it, newest first. */
export function recentPeriods(type: MapPeriodType, today = todayInVietnam()): string[] {
  const periods = [currentPeriod(type, today)];
  while (periods.length < RECENT[type]) periods.push(previousPeriod(periods.at(-1)!));
  return periods;
}

/** Last year: a whole year of figures for every indicator, whatever its frequency. */
export const defaultMapPeriod = (today = todayInVietnam()) =>
  String(periodYear(currentPeriod('year', today)) - 1);

export const periodText = (id: string, lang: Lang) => (lang === 'en' ? periodLabelEn(id) : periodLabel(id));

export const mapPeriodType = (id: string): MapPeriodType => {
  const type = periodType(id);
  return type === 'quarter' || type === 'month' ? type : 'year';
};

/** What the user picked, parts possibly missing (filled with defaults once the lists are in). */
export interface MapDraft {
  layer?: MapSelection['layer'];
  indicator?: string;
  period?: string;
  roundId?: string;
}

/** The draft in the address (/ban-do?layer=…&indicator=…&period=…&round=…); unknown values are dropped. */
export function parseMapDraft(params: URLSearchParams): MapDraft {
  const layer = params.get('layer');
  const period = params.get('period');
  return {
    layer: layer === 'completeness' || layer === 'indicator' ? layer : undefined,
    indicator: params.get('indicator')?.toUpperCase() || undefined,
    period: period && isPeriodId(period) ? period : undefined,
    roundId: params.get('round') || undefined,
  };
}

export function serializeMapDraft(draft: MapDraft): URLSearchParams {
  const params = new URLSearchParams();
  if (draft.layer) params.set('layer', draft.layer);
  if (draft.indicator) params.set('indicator', draft.indicator);
  if (draft.period) params.set('period', draft.period);
  if (draft.roundId) params.set('round', draft.roundId);
  return params;
}

/**
 * The selection to draw: the draft's parts where they are valid, else the first indicator of the
 * catalogue for last year, or the newest round. Null until the lists it needs are in.
 */
export function resolveSelection(
  draft: MapDraft,
  indicators: Pick<TIndicator, 'code' | 'frequency'>[] | undefined,
  rounds: { id: string }[] | undefined,
): MapSelection | null {
  if (draft.layer === 'completeness') {
    if (!rounds) return null;
    const roundId = draft.roundId ?? rounds[0]?.id;
    return roundId ? { layer: 'completeness', roundId } : null;
  }
  if (!indicators) return null;
  const indicator = indicators.find((i) => i.code === draft.indicator) ?? indicators[0];
  if (!indicator) return null;
  let period = draft.period ?? defaultMapPeriod();
  // a period shorter than the indicator's own has no figure
  if (!periodTypesFor(indicator.frequency).includes(mapPeriodType(period))) period = defaultMapPeriod();
  return { layer: 'indicator', indicator: indicator.code, period };
}

/** The parts of what is drawn, as a draft: kept when one of them changes. */
export function selectionDraft(selection: MapSelection | null): MapDraft {
  if (!selection) return {};
  return selection.layer === 'indicator'
    ? { indicator: selection.indicator, period: selection.period }
    : { roundId: selection.roundId };
}

/** The draft completed with what is drawn; the same object when nothing was missing. */
export function completedDraft(draft: MapDraft, selection: MapSelection | null): MapDraft {
  if (!selection) return draft;
  const full: MapDraft = { ...draft, layer: selection.layer, ...selectionDraft(selection) };
  const keys = ['layer', 'indicator', 'period', 'roundId'] as const;
  return keys.every((k) => full[k] === draft[k]) ? draft : full;
}

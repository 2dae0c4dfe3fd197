import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import {
  ATTAINMENTS,
  type Attainment,
  REPORTING_FREQUENCIES,
  type ReportingFrequency,
} from '../../../../common/enums';
import { LIMITS } from '../../../../common/limits';
import type { IndicatorsQuery } from '../../api/indicators';

export const CATALOGUE_PAGE_SIZES = [20, 50, 100] as const;
const DEFAULT_PAGE_SIZE = 20;

export type IndicatorKind = 'entered' | 'computed';

/** The catalogue's state, all in the URL: a reload or a shared link shows the same rows. */
export interface CatalogueFilters {
  q: string;
  frequency: ReportingFrequency[];
  kind?: IndicatorKind;
  /** this year's attainment status for the province */
  attainment: Attainment[];
  page: number;
  pageSize: number;
}

function positiveInt(value: string | null, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, max) : fallback;
}

/** Unknown values fall back to defaults rather than reaching the API as a 400. */
export function parseCatalogueFilters(params: URLSearchParams): CatalogueFilters {
  const frequency = (params.get('frequency') ?? '')
    .split(',')
    .filter((f): f is ReportingFrequency => (REPORTING_FREQUENCIES as readonly string[]).includes(f));
  const kind = params.get('kind');
  const attainment = (params.get('attainment') ?? '')
    .split(',')
    .filter((a): a is Attainment => (ATTAINMENTS as readonly string[]).includes(a));
  return {
    q: (params.get('q') ?? '').slice(0, LIMITS.searchLength),
    frequency: [...new Set(frequency)],
    kind: kind === 'entered' || kind === 'computed' ? kind : undefined,
    attainment: [...new Set(attainment)],
    page: positiveInt(params.get('page'), 1),
    pageSize: positiveInt(params.get('pageSize'), DEFAULT_PAGE_SIZE, LIMITS.pageSizeMax),
  };
}

export function serializeCatalogueFilters(f: CatalogueFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (f.q.trim()) params.set('q', f.q.trim());
  if (f.frequency.length) params.set('frequency', f.frequency.join(','));
  if (f.kind) params.set('kind', f.kind);
  if (f.attainment.length) params.set('attainment', f.attainment.join(','));
  if (f.page !== 1) params.set('page', String(f.page));
  if (f.pageSize !== DEFAULT_PAGE_SIZE) params.set('pageSize', String(f.pageSize));
  return params;
}

export function toIndicatorsQuery(f: CatalogueFilters): IndicatorsQuery {
  return {
    q: f.q.trim() || undefined,
    frequency: f.frequency.length ? f.frequency : undefined,
    computed: f.kind === undefined ? undefined : f.kind === 'computed',
    attainment: f.attainment.length ? f.attainment : undefined,
    withAttainment: true,
    page: f.page,
    pageSize: f.pageSize,
  };
}

export function useCatalogueFilters() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => parseCatalogueFilters(params), [params]);
  /** Any change of what is shown goes back to page 1, unless the change is the page itself. */
  const update = useCallback(
    (patch: Partial<CatalogueFilters>, options: { replace?: boolean } = {}) => {
      setParams(
        (prev) => {
          const current = parseCatalogueFilters(prev);
          const paging = 'page' in patch || 'pageSize' in patch;
          return serializeCatalogueFilters({ ...current, ...patch, ...(paging ? {} : { page: 1 }) });
        },
        { replace: options.replace },
      );
    },
    [setParams],
  );
  const reset = useCallback(() => setParams(new URLSearchParams()), [setParams]);
  return { filters, update, reset };
}

import type { TCommuneMap, TCommuneMapQuery } from '../../../common/contracts/geo';
import type { Executor } from '../../db/client';
import type { ReadScope } from '../../policy';
import { readerProvince } from '../org-units/provinces';
import { findBoundary } from './boundaries';
import { completenessLayer } from './completeness-layer';
import { indicatorLayer } from './indicator-layer';
import { findMapIndicator, findMapProvince, findMapRound, listMapUnits } from './queries';

/** The province's communes and wards with the values that colour them, as the reader may see them. */
export async function getCommuneMap(
  db: Executor,
  options: { query: TCommuneMapQuery; scope: ReadScope; today: string },
): Promise<TCommuneMap> {
  const { query, scope, today } = options;
  // the province asked for, else the reader's own (or the only one)
  const province = await findMapProvince(
    db,
    await readerProvince(db, { provinceId: query.provinceId, scope }),
  );
  const boundary = await findBoundary(province.code);
  const base = {
    province,
    boundary: boundary ? { version: boundary.version } : null,
    layer: query.layer,
  };
  if (query.layer === 'completeness') {
    const round = await findMapRound(db, query.roundId!);
    const units = await listMapUnits(db, province.id);
    return {
      ...base,
      indicator: null,
      period: round.period,
      round,
      units: await completenessLayer(db, { units, roundId: round.id, scope, today }),
    };
  }
  const indicator = await findMapIndicator(db, query.indicator!);
  const units = await listMapUnits(db, province.id);
  return {
    ...base,
    indicator,
    period: query.period!,
    round: null,
    units: await indicatorLayer(db, { units, indicator: indicator.code, period: query.period!, scope }),
  };
}

import { type TCreateIndicatorRequest, ZCreateIndicatorRequest } from '../../common/contracts/indicators';
import { checkFormulas } from '../../common/formula';
import type { Transaction } from '../db/client';
import { indicatorPlanItems, indicators } from '../modules/indicators/tables';
import { DEMO_INDICATORS, type DemoIndicator } from './indicators';

/** Indicator code → id, as seeded: what demo data values are generated against. */
export type IndicatorIdByCode = ReadonlyMap<string, string>;

export interface SeedIndicatorRefs {
  orgUnitIdByCode: ReadonlyMap<string, string>;
  planItemIdByCode: ReadonlyMap<string, string>;
}

function lookup(ids: ReadonlyMap<string, string>, code: string, what: string, at: string): string {
  const id = ids.get(code);
  if (!id) throw new Error(`Demo indicator ${at}: unknown ${what} "${code}"`);
  return id;
}

/** The demo indicator as the API would receive it, checked by the API's own schema. */
function requestOf(indicator: DemoIndicator, refs: SeedIndicatorRefs): TCreateIndicatorRequest {
  const at = indicator.code;
  const parsed = ZCreateIndicatorRequest.safeParse({
    code: indicator.code,
    name: indicator.name,
    nameEn: indicator.nameEn,
    definition: indicator.definition,
    unit: indicator.unit,
    valueType: indicator.valueType,
    direction: indicator.direction,
    aggregation: indicator.aggregation,
    weightCode: indicator.weightCode ?? null,
    timeAggregation: indicator.timeAggregation,
    formula: indicator.formula ?? null,
    frequency: indicator.frequency,
    reportedBy: [...indicator.reportedBy],
    countsUnits: indicator.countsUnits ? [...indicator.countsUnits] : null,
    responsibleOrgUnitId: lookup(refs.orgUnitIdByCode, indicator.responsibleCode, 'org unit', at),
    baseline: indicator.baseline,
    targets: { ...indicator.targets },
    rules: {
      min: indicator.rules?.min ?? null,
      max: indicator.rules?.max ?? null,
      integer: indicator.rules?.integer ?? false,
      notAboveCode: indicator.rules?.notAbove ?? null,
      commentWhenOffTarget: indicator.rules?.commentWhenOffTarget ?? false,
    },
    planItemIds: (indicator.planItemCodes ?? []).map((code) =>
      lookup(refs.planItemIdByCode, code, 'plan item', at),
    ),
  });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Demo indicator ${at} is not a valid request: ${issues}`);
  }
  return parsed.data;
}

const numeric = (value: number | null | undefined) =>
  value === null || value === undefined ? null : String(value);

/**
 * Loads the demo catalogue (server/demo/indicators.ts) in the caller's transaction: after the org
 * units and Plan 328's items, which it refers to. Weights and "not above" bounds refer to other
 * indicators, so it inserts in passes, each indicator once those it refers to have ids.
 * Returns code → id for what is seeded next (demo data values).
 */
export async function seedIndicators(
  tx: Transaction,
  refs: SeedIndicatorRefs,
  catalogue: readonly DemoIndicator[] = DEMO_INDICATORS,
): Promise<IndicatorIdByCode> {
  const checked = checkFormulas(Object.fromEntries(catalogue.map((i) => [i.code, i.formula ?? null])));
  if (!checked.ok) {
    throw new Error(`Demo indicator formulas: ${checked.errors.map((e) => e.message).join('; ')}`);
  }
  const requests = catalogue.map((i) => requestOf(i, refs));
  const ids = new Map<string, string>();
  let pending = requests;
  while (pending.length > 0) {
    const ready = pending.filter((r) =>
      [r.weightCode, r.rules?.notAboveCode].every((code) => !code || ids.has(code)),
    );
    if (ready.length === 0) {
      throw new Error(`Demo indicators: unresolved references in ${pending.map((r) => r.code).join(', ')}`);
    }
    const rows = await tx
      .insert(indicators)
      .values(
        ready.map((r) => ({
          code: r.code,
          name: r.name,
          nameEn: r.nameEn ?? null,
          definition: r.definition ?? null,
          unit: r.unit,
          valueType: r.valueType,
          direction: r.direction,
          aggregation: r.aggregation,
          weightIndicatorId: r.weightCode ? lookup(ids, r.weightCode, 'weight', r.code) : null,
          timeAggregation: r.timeAggregation,
          formula: r.formula ?? null,
          frequency: r.frequency,
          reportedBy: r.reportedBy,
          countsUnits: r.countsUnits ?? null,
          responsibleOrgUnitId: r.responsibleOrgUnitId ?? null,
          baselineYear: r.baseline?.year ?? null,
          baselineValue: numeric(r.baseline?.value),
          targets: r.targets ?? {},
          ruleMin: numeric(r.rules?.min),
          ruleMax: numeric(r.rules?.max),
          ruleInteger: r.rules?.integer ?? false,
          ruleNotAboveId: r.rules?.notAboveCode ? lookup(ids, r.rules.notAboveCode, 'bound', r.code) : null,
          ruleCommentWhenOffTarget: r.rules?.commentWhenOffTarget ?? false,
        })),
      )
      .returning({ id: indicators.id, code: indicators.code });
    for (const row of rows) ids.set(row.code, row.id);
    pending = pending.filter((r) => !ids.has(r.code));
  }

  const links = requests.flatMap((r) =>
    [...new Set(r.planItemIds ?? [])].map((planItemId) => ({ indicatorId: ids.get(r.code)!, planItemId })),
  );
  if (links.length > 0) await tx.insert(indicatorPlanItems).values(links);
  return ids;
}

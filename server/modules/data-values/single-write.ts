/**
 * One data value written in one round trip (issue 15): the indicator, the unit and the plans the
 * value falls under come from this instance's catalogue cache, the row is checked in memory as
 * the general path checks it (validate.ts, guards.ts), and the database function
 * `data_value_write_one` (migration dv_write_one) checks the rest — the cache epoch, an open
 * round where one is needed, the reports that freeze the value, the version — and writes the
 * value, its revision, the roll-ups and the audit event in one statement, committed before the
 * answer. Whatever it cannot decide alone (a row error, a frozen value, a conflict, a stale
 * cache, a correction, a cleared value, a "not above" rule) goes the general path, which names
 * the reason; the function has then written nothing.
 */
import { Param, sql } from 'drizzle-orm';
import type { TDataValueInput, TWriteDataValuesResult } from '../../../common/contracts/data-values';
import type { Database, DatabaseHandle } from '../../db/client';
import { rowsOf } from '../../db/sql';
import { type Actor, can } from '../../policy';
import { rawQuery } from '../identity/session-cache';
import { beforePlanError, loadPlanRules, type PlanRule } from './guards';
import { loadCatalogue } from './service';
import { type CatalogueEntry, type UnitEntry, validateDataValue } from './validate';

/** Entries per kind kept per instance; past this the cache starts again (it reloads on demand). */
const MAX_ENTRIES = 50_000;

export interface CatalogueCache {
  /** the entries of one write, loaded when missing, for the given epoch (older entries are dropped) */
  lookUp(
    epoch: string,
    indicatorCode: string,
    unitCode: string,
  ): Promise<{ indicator?: CatalogueEntry; unit?: UnitEntry; plans: PlanRule[] }>;
}

/** Indicators by code, units by code and the plans of each indicator, valid for one cache epoch. */
export function createCatalogueCache(db: Database): CatalogueCache {
  let epoch: string | null = null;
  const indicators = new Map<string, CatalogueEntry | null>();
  const units = new Map<string, UnitEntry | null>();
  const plans = new Map<string, PlanRule[]>();
  const reset = (now: string) => {
    epoch = now;
    indicators.clear();
    units.clear();
    plans.clear();
  };
  return {
    async lookUp(now, indicatorCode, unitCode) {
      if (now !== epoch || indicators.size + units.size + plans.size > MAX_ENTRIES) reset(now);
      const code = indicatorCode.toUpperCase();
      if (!indicators.has(code)) indicators.set(code, (await loadCatalogue(db, [code])).get(code) ?? null);
      if (!units.has(unitCode)) {
        const [unit] = rowsOf<UnitEntry>(
          await db.execute(
            sql`select id, code, name, kind, active from org_units where code = any(${new Param([unitCode])}::text[])`,
          ),
        );
        units.set(unitCode, unit ?? null);
      }
      const indicator = indicators.get(code) ?? undefined;
      if (indicator && !plans.has(indicator.id)) {
        plans.set(indicator.id, (await loadPlanRules(db, [indicator.id])).get(indicator.id) ?? []);
      }
      // loaded under `now`: kept only if no newer epoch was seen meanwhile
      if (epoch !== now) return { indicator, unit: units.get(unitCode) ?? undefined, plans: [] };
      return {
        indicator,
        unit: units.get(unitCode) ?? undefined,
        plans: indicator ? (plans.get(indicator.id) ?? []) : [],
      };
    },
  };
}

const CALL = `select data_value_write_one($1::bigint, $2::uuid, $3::uuid, $4::text, $5::numeric, $6::text, $7::text,
  $8::integer, $9::uuid[], $10::uuid, $11::text, $12::text[], $13::text, $14::text) as outcome`;

/**
 * The value written in one statement, or null when the general path must take it (nothing was
 * written then). `epoch` is the cache epoch this request's session was checked against.
 */
export async function writeOneValue(options: {
  database: DatabaseHandle;
  cache: CatalogueCache;
  epoch: string | null;
  input: TDataValueInput;
  actor: Actor;
  today: string;
}): Promise<TWriteDataValuesResult | null> {
  const { input, actor, epoch } = options;
  if (epoch === null || input.value === null || actor.userId === null) return null;
  const { indicator, unit, plans } = await options.cache.lookUp(
    epoch,
    input.indicatorCode,
    input.orgUnitCode,
  );
  if (!indicator || !unit || indicator.ruleNotAboveId) return null;
  if (!can(actor, 'update', { type: 'data_value', orgUnitIds: [unit.id] })) return null;
  if (validateDataValue(input, 1, indicator, unit, options.today).length > 0) return null;
  if (beforePlanError(1, input.period, plans)) return null;
  // the secretariat and administrators write any period; a unit only those of its open rounds
  const unbounded = can(actor, 'correct', { type: 'data_value', orgUnitIds: [unit.id] });
  const roundPlans =
    plans.length === 0 || unbounded || plans.some((p) => p.window === 'any_past')
      ? null
      : plans.map((p) => p.id);
  const [row] = await rawQuery(options.database)<{ outcome: string }>('data_value_write_one', CALL, [
    epoch,
    indicator.id,
    unit.id,
    input.period,
    String(input.value),
    String(input.value),
    input.comment?.trim() || null,
    input.version ?? null,
    roundPlans,
    actor.userId,
    actor.name,
    [...new Set(actor.assignments.map((a) => a.role))],
    actor.ip,
    actor.requestId,
  ]);
  const outcome = row?.outcome;
  if (outcome !== 'created' && outcome !== 'updated' && outcome !== 'unchanged') return null;
  return {
    applied: true,
    dryRun: false,
    total: 1,
    created: outcome === 'created' ? 1 : 0,
    updated: outcome === 'updated' ? 1 : 0,
    cleared: 0,
    unchanged: outcome === 'unchanged' ? 1 : 0,
    rejected: 0,
    errors: [],
  };
}

/**
 * What a value write may touch beyond the row's own checks (validate.ts), read from the database
 * a batch at a time: the plan's start, which past periods a unit may write (the plan's
 * value_entry_window), and which values a sent report carries (frozen until it is returned or
 * reopened; the secretariat corrects them with a reason).
 */
import { Param, sql } from 'drizzle-orm';
import type { TRowError } from '../../../common/contracts/data-values';
import type { ValueEntryWindow } from '../../../common/contracts/plans';
import type { DataValueState, ReportStatus } from '../../../common/enums';
import { periodInSentence, periodLabel, periodLabelEn, periodYear } from '../../../common/periods';
import type { Executor } from '../../db/client';
import { rowsOf } from '../../db/sql';
import type { Localized } from '../../errors/app-error';

/** Rows per statement, as the writer's. */
const CHUNK = 20_000;

export interface PlanRule {
  id: string;
  number: string;
  startYear: number;
  window: ValueEntryWindow;
}

/**
 * The plans a value of each of these indicators belongs to: those with tasks the indicator
 * measures, or every plan for an indicator not linked to any task. Archived plans govern nothing.
 */
export async function loadPlanRules(tx: Executor, indicatorIds: string[]): Promise<Map<string, PlanRule[]>> {
  const allPlans = rowsOf<{ id: string; number: string; start: number; window: ValueEntryWindow }>(
    await tx.execute(sql`select id, number, horizon_start_year as start, value_entry_window as window
      from plans where archived_at is null`),
  ).map((p) => ({ id: p.id, number: p.number, startYear: p.start, window: p.window }));
  const byId = new Map(allPlans.map((p) => [p.id, p]));
  const links = rowsOf<{ indicator_id: string; plan_id: string }>(
    await tx.execute(sql`select distinct ip.indicator_id, pi.plan_id
      from indicator_plan_items ip join plan_items pi on pi.id = ip.plan_item_id
      where ip.indicator_id = any(${new Param(indicatorIds)}::uuid[])`),
  );
  const linked = new Map<string, PlanRule[]>();
  for (const l of links) {
    const plan = byId.get(l.plan_id);
    if (plan) linked.set(l.indicator_id, [...(linked.get(l.indicator_id) ?? []), plan]);
  }
  const anyLink = new Set(links.map((l) => l.indicator_id));
  // linked only to archived plans: no plan governs it any more, so none bounds it either
  return new Map(indicatorIds.map((id) => [id, anyLink.has(id) ? (linked.get(id) ?? []) : allPlans]));
}

/** The first period a plan-bound value may have: before the earliest plan's start, none (null: no bound). */
export function beforePlanError(row: number, period: string, plans: readonly PlanRule[]): TRowError | null {
  if (!plans.length) return null;
  const first = plans.reduce((a, b) => (b.startYear < a.startYear ? b : a));
  if (periodYear(period) >= first.startYear) return null;
  return {
    row,
    field: 'period',
    code: 'before_plan',
    message: `${periodLabel(period)} trước khi Kế hoạch ${first.number} bắt đầu (năm ${first.startYear}); không nhập được số liệu cho kỳ này.`,
  };
}

/** The report states that freeze the values a report carries. */
export const FREEZING_STATUSES = ['submitted', 'approved', 'accepted'] as const;
type FreezingStatus = (typeof FREEZING_STATUSES)[number];

const STATUS_LABELS: Record<FreezingStatus, Localized> = {
  submitted: { vi: 'Chờ lãnh đạo duyệt', en: 'awaiting the head of unit' },
  approved: { vi: 'Chờ tiếp nhận', en: 'awaiting the secretariat' },
  accepted: { vi: 'Đã tiếp nhận', en: 'accepted' },
};

/** The state a value created by a correction takes: that of the values its report carries. */
export const VALUE_STATE_OF_REPORT: Record<FreezingStatus, DataValueState> = {
  submitted: 'submitted',
  approved: 'approved',
  accepted: 'approved',
};

/** A sent report that carries a value (its unit, its round's period, one of its indicators). */
export interface ReportLock {
  reportId: string;
  status: FreezingStatus;
  period: string;
  unitName: string;
}

/** Message parameters of the 409 `value_locked` and the row error of the same code. */
export function lockParams(lock: ReportLock): Record<string, Localized> {
  return {
    period: { vi: periodInSentence(lock.period), en: periodLabelEn(lock.period) },
    unit: { vi: lock.unitName, en: lock.unitName },
    state: STATUS_LABELS[lock.status],
  };
}

export function lockMessage(lock: ReportLock): string {
  const p = lockParams(lock);
  return `Giá trị thuộc báo cáo ${p.period!.vi} của ${p.unit!.vi} đang ở trạng thái ${p.state!.vi}; không thể sửa cho đến khi báo cáo được trả lại hoặc mở lại.`;
}

/** A value's key as text, as the writer keys its stored values and the locks it finds. */
export const keyOf = (indicatorId: string, orgUnitId: string, period: string) =>
  `${indicatorId}|${orgUnitId}|${period}`;

export interface GuardRow {
  row: number;
  indicatorId: string;
  orgUnitId: string;
  period: string;
  /** the actor may write outside the unit's open rounds (the secretariat, administrators) */
  unbounded: boolean;
}

/** Guards for one writer: the plans of each indicator are read once per write. */
export function createEntryGuards(tx: Executor) {
  const plansOfIndicator = new Map<string, PlanRule[]>();

  async function loadPlans(indicatorIds: string[]) {
    const fresh = [...new Set(indicatorIds)].filter((id) => !plansOfIndicator.has(id));
    if (!fresh.length) return;
    for (const [id, plans] of await loadPlanRules(tx, fresh)) plansOfIndicator.set(id, plans);
  }

  /** Periods before the plan's start, and outside the unit's open rounds unless unbounded. */
  async function checkPeriods(rows: GuardRow[]): Promise<TRowError[]> {
    if (!rows.length) return [];
    await loadPlans(rows.map((r) => r.indicatorId));
    const errors: TRowError[] = [];
    const needRound: { row: GuardRow; plans: PlanRule[] }[] = [];
    for (const r of rows) {
      const plans = plansOfIndicator.get(r.indicatorId) ?? [];
      if (!plans.length) continue; // no plan: nothing to bound the periods by
      const early = beforePlanError(r.row, r.period, plans);
      if (early) {
        errors.push(early);
        continue;
      }
      if (!r.unbounded && !plans.some((p) => p.window === 'any_past')) needRound.push({ row: r, plans });
    }
    if (!needRound.length) return errors;
    const open = new Set<string>();
    for (let i = 0; i < needRound.length; i += CHUNK) {
      const part = needRound.slice(i, i + CHUNK);
      const found = rowsOf<{ org_unit_id: string; period: string; plan_id: string }>(
        await tx.execute(sql`
          select distinct r.org_unit_id, rd.period, rd.plan_id
          from reports r join rounds rd on rd.id = r.round_id
          join unnest(${new Param(part.map((n) => n.row.orgUnitId))}::uuid[],
                      ${new Param(part.map((n) => n.row.period))}::text[]) as k(org_unit_id, period)
            on r.org_unit_id = k.org_unit_id and rd.period = k.period
          where rd.status = 'open'`),
      );
      for (const f of found) open.add(`${f.org_unit_id}|${f.period}|${f.plan_id}`);
    }
    for (const { row: r, plans } of needRound) {
      if (plans.some((p) => open.has(`${r.orgUnitId}|${r.period}|${p.id}`))) continue;
      errors.push({
        row: r.row,
        field: 'period',
        code: 'outside_entry_window',
        message: `${periodLabel(r.period)} không thuộc đợt báo cáo nào đang mở của đơn vị: chỉ nhập được số liệu cho kỳ của đợt báo cáo đang mở. Cần sửa số liệu kỳ khác, liên hệ Văn phòng Ban Chỉ đạo.`,
      });
    }
    return errors;
  }

  /**
   * The sent reports carrying these keys, keyed like the writer's stored values. Every report that
   * carries a key is share-locked first, in id order, before the writer locks the values: a
   * submission (which locks its report, then stamps the values) then waits for this write or this
   * write sees the submission, never a figure changed under a report being sent, and no deadlock.
   */
  async function reportLocks(
    keys: { indicatorId: string; orgUnitId: string; period: string }[],
  ): Promise<Map<string, ReportLock>> {
    const locks = new Map<string, ReportLock>();
    for (let i = 0; i < keys.length; i += CHUNK) {
      const part = keys.slice(i, i + CHUNK);
      const rows = rowsOf<{
        id: string;
        status: ReportStatus;
        indicator_id: string;
        org_unit_id: string;
        period: string;
        unit_name: string;
      }>(
        await tx.execute(sql`
          select r.id, r.status, ri.indicator_id, r.org_unit_id, rd.period, o.name as unit_name
          from reports r
          join rounds rd on rd.id = r.round_id
          join report_indicators ri on ri.report_id = r.id
          join org_units o on o.id = r.org_unit_id
          join unnest(${new Param(part.map((k) => k.indicatorId))}::uuid[],
                      ${new Param(part.map((k) => k.orgUnitId))}::uuid[],
                      ${new Param(part.map((k) => k.period))}::text[]) as k(indicator_id, org_unit_id, period)
            on ri.indicator_id = k.indicator_id and r.org_unit_id = k.org_unit_id and rd.period = k.period
          order by r.id
          for share of r`),
      );
      for (const r of rows) {
        if (!(FREEZING_STATUSES as readonly string[]).includes(r.status)) continue;
        locks.set(keyOf(r.indicator_id, r.org_unit_id, r.period), {
          reportId: r.id,
          status: r.status as FreezingStatus,
          period: r.period,
          unitName: r.unit_name,
        });
      }
    }
    return locks;
  }

  return { checkPeriods, reportLocks };
}

import { type SQL, sql } from 'drizzle-orm';
import {
  AT_RISK_LAG_POINTS,
  AT_RISK_PROGRESS_BELOW,
  AT_RISK_WINDOW_DAYS,
  type ItemStatus,
} from '../../../common/enums';
import { planItems } from './tables';

/**
 * The derived status of a plan item as of `today`, in SQL so lists can filter and sort on it.
 * The rule, in order (documented in docs/ARCHITECTURE.md and common/enums.ts):
 * 1. progress 100 → done, or done_late when completed (or, without a date, today) after the deadline;
 * 2. deadline passed → overdue;
 * 3. deadline within AT_RISK_WINDOW_DAYS and progress below AT_RISK_PROGRESS_BELOW → at_risk;
 * 4. share of the start→deadline time elapsed exceeds progress by AT_RISK_LAG_POINTS → at_risk;
 * 5. progress above 0 or start date reached → in_progress; otherwise not_started.
 */
export function itemStatusSql(today: string): SQL<ItemStatus> {
  const t = planItems;
  const d = sql`${today}::date`;
  return sql<ItemStatus>`(case
    when ${t.progress} >= 100 then
      case when ${t.deadline} is not null and coalesce(${t.completedOn}, ${d}) > ${t.deadline}
        then 'done_late' else 'done' end
    when ${t.deadline} is not null and ${t.deadline} < ${d} then 'overdue'
    when ${t.deadline} is not null and ${t.deadline} - ${d} <= ${sql.raw(String(AT_RISK_WINDOW_DAYS))}
      and ${t.progress} < ${sql.raw(String(AT_RISK_PROGRESS_BELOW))} then 'at_risk'
    when ${t.deadline} is not null and ${t.startDate} is not null and ${t.startDate} < ${d}
      and ${t.deadline} > ${t.startDate}
      and 100.0 * (${d} - ${t.startDate}) / (${t.deadline} - ${t.startDate}) - ${t.progress}
        > ${sql.raw(String(AT_RISK_LAG_POINTS))} then 'at_risk'
    when ${t.progress} > 0 or (${t.startDate} is not null and ${t.startDate} <= ${d}) then 'in_progress'
    else 'not_started'
  end)`;
}

/** Days from today to the deadline (negative when past). */
export function daysToDeadlineSql(today: string): SQL<number | null> {
  return sql<number | null>`(${planItems.deadline} - ${today}::date)`;
}

import { type SQL, sql } from 'drizzle-orm';
import type { TInbox, TInboxItem } from '../../../common/contracts/inbox';
import type { Timeliness } from '../../../common/contracts/rounds';
import type { ReportStatus } from '../../../common/enums';
import type { Executor } from '../../db/client';
import { rowsOf } from '../../db/sql';
import { type Actor, type Scope, scopeOf } from '../../policy';
import { timelinessSql } from '../rounds/queries';

/**
 * "My work": reports waiting for the actor, by what they must do. Reviewers with the whole
 * province see every waiting report; scoped users see their units'. Most urgent first.
 */
export async function getInbox(db: Executor, actor: Actor, today: string): Promise<TInbox> {
  const list = async (statuses: ReportStatus[], scope: Scope): Promise<TInboxItem[]> => {
    // A closed round takes nothing more from units, but reviews of what was sent may finish.
    const rounds = statuses.some((s) => s === 'draft' || s === 'returned')
      ? sql`rd.status = 'open'`
      : sql`true`;
    if (scope.kind === 'none') return [];
    const inUnits: SQL =
      scope.kind === 'everywhere'
        ? sql`true`
        : sql`r.org_unit_id = any(${sql.param([...scope.orgUnitIds])}::uuid[])`;
    const rows = rowsOf<{
      report_id: string;
      round_id: string;
      round_title: string;
      period: string;
      unit_id: string;
      unit_code: string;
      unit_name: string;
      unit_short_name: string | null;
      status: ReportStatus;
      due_date: string;
      timeliness: Timeliness;
      days_late: number | null;
      updated_at: string;
    }>(
      await db.execute(sql`
        select r.id as report_id, rd.id as round_id, rd.title as round_title, rd.period, o.id as unit_id,
          o.code as unit_code, o.name as unit_name, o.short_name as unit_short_name, r.status,
          r.due_date::text as due_date, ${timelinessSql(today)} as timeliness,
          case when ${today}::date > r.due_date then ${today}::date - r.due_date end as days_late,
          r.updated_at::text as updated_at
        from reports r join rounds rd on rd.id = r.round_id join org_units o on o.id = r.org_unit_id
        where ${rounds} and r.status = any(${sql.param(statuses)}::text[]) and ${inUnits}
        order by r.due_date, o.code
        limit 200`),
    );
    return rows.map((r) => ({
      reportId: r.report_id,
      round: { id: r.round_id, title: r.round_title, period: r.period },
      orgUnit: { id: r.unit_id, code: r.unit_code, name: r.unit_name, shortName: r.unit_short_name },
      status: r.status,
      dueDate: r.due_date,
      timeliness: r.timeliness,
      daysLate: r.status === 'draft' || r.status === 'returned' ? r.days_late : null,
      updatedAt: new Date(r.updated_at).toISOString(),
    }));
  };
  // Reporting is the units' own work: an administrator over the whole tree is not sent every draft.
  const reporters = scopeOf(actor, 'submit', 'report');
  const ownUnits: Scope = reporters.kind === 'everywhere' ? { kind: 'none' } : reporters;
  return {
    toFill: await list(['draft'], ownUnits),
    returned: await list(['returned'], ownUnits),
    toApprove: await list(['submitted'], scopeOf(actor, 'approve', 'report')),
    toReview: await list(['approved'], scopeOf(actor, 'accept', 'report')),
  };
}

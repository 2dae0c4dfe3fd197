/**
 * What a unit is told when a reviewer sends its report back: returned for correction (by the head
 * or the secretariat) or reopened after acceptance. Written in the transition's transaction.
 */
import { sql } from 'drizzle-orm';
import { periodInSentence } from '../../../common/periods';
import type { Role } from '../../../common/roles';
import type { Executor } from '../../db/client';
import { rowsOf } from '../../db/sql';
import type { Actor } from '../../policy';
import { notifyUsers, unitRecipients } from '../notifications/service';

/** "báo cáo tháng 10/2026 của Phường Trường Vinh": how notifications name a report. */
export function reportLabel(unitName: string, period: string): string {
  return `báo cáo ${periodInSentence(period)} của ${unitName}`;
}

/**
 * Tells the unit's officers (and its heads, when the secretariat sent it back, since the head
 * approved it) that the report needs work again, with the reason.
 */
export async function noticeReportSentBack(
  tx: Executor,
  options: {
    reportId: string;
    action: 'return' | 'reopen';
    stage: 'head' | 'secretariat';
    reason: string;
    actor: Actor;
  },
): Promise<void> {
  const [report] = rowsOf<{ org_unit_id: string; unit_name: string; period: string }>(
    await tx.execute(sql`select r.org_unit_id, o.name as unit_name, rd.period
      from reports r join rounds rd on rd.id = r.round_id join org_units o on o.id = r.org_unit_id
      where r.id = ${options.reportId}`),
  );
  if (!report) return;
  const roles: Role[] = options.stage === 'head' ? ['officer'] : ['officer', 'head'];
  const recipients = await unitRecipients(tx, {
    orgUnitId: report.org_unit_id,
    roles,
    except: options.actor.userId,
  });
  const what = reportLabel(report.unit_name, report.period);
  const returned = options.action === 'return';
  await notifyUsers(tx, recipients, {
    kind: returned ? 'report.returned' : 'report.reopened',
    title: returned ? `Báo cáo bị trả lại: ${what}` : `Báo cáo được mở lại để sửa: ${what}`,
    body: `Lý do: ${options.reason.replace(/[.\s]+$/, '')}. Mở báo cáo để xem ý kiến, sửa và gửi lại.`,
    link: `/bao-cao/${options.reportId}`,
  });
}

/**
 * Writing in-app notifications (and their e-mails). Callers pass their transaction, so a
 * notification is written exactly once, with the change or the job completion it announces.
 */
import { sql } from 'drizzle-orm';
import type { Role } from '../../../common/roles';
import type { Executor } from '../../db/client';
import { rowsOf } from '../../db/sql';
import { mailSendJob } from '../../mail/job';
import { enqueueJob } from '../jobs/queue';

export interface Recipient {
  id: string;
  email: string | null;
}

export interface NotificationInput {
  /** e.g. report.overdue, report.returned */
  kind: string;
  title: string;
  body: string;
  /** the page it is about, e.g. /bao-cao/<id> */
  link: string | null;
}

/**
 * Active users holding one of `roles` at the unit itself (a head of the province is not told of
 * every commune's report), plus the secretariat when asked; `except` leaves out whoever acted.
 */
export async function unitRecipients(
  db: Executor,
  options: { orgUnitId: string; roles: readonly Role[]; secretariat?: boolean; except?: string | null },
): Promise<Recipient[]> {
  return rowsOf<Recipient>(
    await db.execute(sql`
      select distinct u.id, u.email from users u join role_assignments ra on ra.user_id = u.id
      where not u.disabled and u.id is distinct from ${options.except ?? null}::uuid and (
        (ra.org_unit_id = ${options.orgUnitId} and ra.role = any(${sql.param([...options.roles])}::text[]))
        or (${options.secretariat ?? false} and ra.role = 'secretariat')
      )`),
  );
}

/** One in-app notification per recipient, and an e-mail queued for those with an address. */
export async function notifyUsers(
  tx: Executor,
  recipients: readonly Recipient[],
  notification: NotificationInput,
): Promise<void> {
  const { kind, title, body, link } = notification;
  for (const user of recipients) {
    await tx.execute(sql`insert into notifications (user_id, kind, title, body, link)
      values (${user.id}, ${kind}, ${title}, ${body}, ${link})`);
    if (user.email) {
      await enqueueJob(tx, mailSendJob, {
        to: user.email,
        subject: title.slice(0, 300),
        text: `${body}\n\nLộ Trình`,
      });
    }
  }
}

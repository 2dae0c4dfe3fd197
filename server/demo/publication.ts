/**
 * The demo's first publication of the public portal, so that /cong-khai shows figures right after
 * `npm start`: every item of the demo plan is marked public (the plan is itself a published
 * resolution), then publication no. 1 is made as the secretariat would, through the publishing
 * service (the snapshot, the audit event). Runs last in the seed, after the programmes, the
 * values and the rounds it shows.
 */
import { eq } from 'drizzle-orm';
import type { Transaction } from '../db/client';
import { planItems } from '../modules/plan-items/tables';
import { publish } from '../modules/publishing/service';
import { anonymousActor } from '../policy';

export async function seedDemoPublication(
  tx: Transaction,
  options: { planId: string; today: string; actorName: string },
): Promise<void> {
  await tx.update(planItems).set({ isPublic: true }).where(eq(planItems.planId, options.planId));
  await publish({
    tx,
    input: { note: 'Đợt công bố mẫu của dữ liệu minh họa' },
    actor: { ...anonymousActor(), name: options.actorName },
    today: options.today,
  });
}

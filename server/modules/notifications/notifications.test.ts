/** The bell's API: one's own notifications, newest first, the unread count, marking one or all read. */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TNotificationList } from '../../../common/contracts/inbox';
import { createTestContext, type TestContext } from '../../test/context';
import { buildOrgUnit } from '../../test/factories';
import { type Injector, signInAs } from '../../test/sessions';

let ctx: TestContext;
let me: { user: { id: string }; inject: Injector };
let someoneElse: { user: { id: string }; inject: Injector };

/** `n` notifications for a user, a minute apart, the last one newest. */
async function seed(userId: string, n: number, prefix: string) {
  for (let i = 0; i < n; i++) {
    await ctx.db.execute(sql`insert into notifications (user_id, kind, title, body, link, created_at)
      values (${userId}, 'report.due_soon', ${`${prefix} ${i}`}, 'Hạn nộp 21/10/2026.', '/viec-cua-toi',
        now() - make_interval(mins => ${n - i}))`);
  }
}

const listOf = async (inject: Injector) =>
  (await inject({ method: 'GET', url: '/api/notifications' })).json<TNotificationList>();

beforeAll(async () => {
  ctx = await createTestContext();
  const unit = await buildOrgUnit(ctx.db, { kind: 'commune', parentId: ctx.rootOrgUnitId });
  me = await signInAs(ctx.app, ctx.db, 'officer', unit.id);
  someoneElse = await signInAs(ctx.app, ctx.db, 'officer', unit.id);
  await seed(me.user.id, 55, 'Của tôi');
  await seed(someoneElse.user.id, 3, 'Của người khác');
});

afterAll(async () => {
  await ctx?.close();
});

describe('notifications', () => {
  it('lists the latest 50 of one’s own, newest first, and counts all unread', async () => {
    const list = await listOf(me.inject);
    expect(list.items).toHaveLength(50);
    expect(list.items[0]).toMatchObject({ title: 'Của tôi 54', read: false, link: '/viec-cua-toi' });
    expect(list.items.every((n) => n.title.startsWith('Của tôi'))).toBe(true);
    expect(list.unread).toBe(55);
  });

  it('marks one read (again is harmless); someone else’s answers 404', async () => {
    const [first] = (await listOf(me.inject)).items;
    const read = () => me.inject({ method: 'POST', url: `/api/notifications/${first!.id}/read` });
    expect((await read()).statusCode).toBe(204);
    expect((await read()).statusCode).toBe(204);
    const list = await listOf(me.inject);
    expect(list.items[0]!.read).toBe(true);
    expect(list.unread).toBe(54);
    const theirs = await someoneElse.inject({ method: 'POST', url: `/api/notifications/${first!.id}/read` });
    expect(theirs.statusCode).toBe(404);
  });

  it('marks all of one’s own read, and nobody else’s', async () => {
    const res = await me.inject({ method: 'POST', url: '/api/notifications/read-all' });
    expect(res.statusCode).toBe(204);
    expect((await listOf(me.inject)).unread).toBe(0);
    expect((await listOf(someoneElse.inject)).unread).toBe(3);
  });
});

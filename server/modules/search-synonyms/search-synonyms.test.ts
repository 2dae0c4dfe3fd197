/**
 * Search that knows the abbreviations: on the demo plan, "KH&CN", "khoa hoc cong nghe", "ĐMST",
 * "CĐS" and "chuyen doi so" find the tasks written the other way; the shipped groups exist on a fresh
 * database; the secretariat edits the groups through the API (validated, versioned, audited) and an
 * edit counts on the next search; an officer cannot write them.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TPlanItemList } from '../../../common/contracts/plan-items';
import type { TSynonymGroup, TSynonymGroupList } from '../../../common/contracts/search-synonyms';
import type { TProblem } from '../../../common/problem';
import { rowsOf } from '../../db/sql';
import { seedDemo } from '../../demo/seed';
import { createTestContext, TEST_TODAY, type TestContext } from '../../test/context';
import { buildItem } from '../../test/factories';
import { type Injector, signInAs } from '../../test/sessions';
import { deriveSynonymGroup, SHIPPED_SYNONYMS } from './shipped';

let ctx: TestContext;
let planId: string;
let secretariat: Injector;
let officer: Injector;

beforeAll(async () => {
  ctx = await createTestContext({ empty: true });
  await seedDemo(ctx.db, { today: TEST_TODAY });
  const [root] = rowsOf<{ id: string }>(
    await ctx.db.execute(sql`select id from org_units where parent_id is null limit 1`),
  );
  const [plan] = rowsOf<{ id: string }>(await ctx.db.execute(sql`select id from plans limit 1`));
  planId = plan!.id;
  const [unit] = rowsOf<{ id: string }>(
    await ctx.db.execute(sql`select id from org_units where parent_id is not null limit 1`),
  );
  secretariat = (await signInAs(ctx.app, ctx.db, 'secretariat', root!.id)).inject;
  officer = (await signInAs(ctx.app, ctx.db, 'officer', unit!.id)).inject;
}, 120_000);

afterAll(() => ctx?.close());

async function titles(q: string): Promise<string[]> {
  const res = await secretariat({
    method: 'GET',
    url: `/api/plans/${planId}/items?pageSize=200&q=${encodeURIComponent(q)}`,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<TPlanItemList>().items.map((i) => i.title);
}

describe('the shipped synonyms', () => {
  it('exist on a fresh database, as shipped.ts derives them', async () => {
    const rows = rowsOf<{ forms: string[]; keys: string[]; patterns: string[] }>(
      await ctx.db.execute(sql`select forms, keys, patterns from search_synonyms order by created_at, id`),
    );
    expect(rows.map((r) => r.forms).sort()).toEqual(SHIPPED_SYNONYMS.map((f) => [...f]).sort());
    for (const row of rows)
      expect({ keys: row.keys, patterns: row.patterns }).toEqual(deriveSynonymGroup(row.forms));
  });
});

describe('searching tasks with abbreviations', () => {
  it('"KH&CN" finds the tasks written "KH,CN" and "khoa học, công nghệ"', async () => {
    const found = await titles('KH&CN');
    expect(found).toContain(
      'Thành lập Ban Chỉ đạo tỉnh về KH,CN, ĐMST, chuyển đổi số, cải cách hành chính và Đề án 06',
    );
    expect(found).toContain('Diễn đàn khoa học, công nghệ và chuyển đổi số vùng Bắc Trung Bộ');
    expect(found).toContain(
      'Đề xuất lập Quỹ phát triển KH&CN, Quỹ hỗ trợ ĐMST và Quỹ đầu tư khởi nghiệp của tỉnh',
    );
    // KH&CN is not "khoa học" alone
    expect(found).not.toContain('Thúc đẩy công bố khoa học và đăng ký bảo hộ sở hữu trí tuệ');
  });

  it('"khoa hoc cong nghe" and "KHCN" find the tasks written "KH,CN" and "KH&CN"', async () => {
    for (const q of ['khoa hoc cong nghe', 'khoa học và công nghệ', 'KHCN']) {
      const found = await titles(q);
      expect(found, q).toContain(
        'Xây dựng quy hoạch, kế hoạch phát triển KH,CN và ĐMST của tỉnh giai đoạn 2025–2045',
      );
      expect(found, q).toContain(
        'Đề xuất lập Quỹ phát triển KH&CN, Quỹ hỗ trợ ĐMST và Quỹ đầu tư khởi nghiệp của tỉnh',
      );
    }
  });

  it('"ĐMST" finds "đổi mới sáng tạo", and the other way round', async () => {
    expect(await titles('ĐMST')).toContain(
      'Thành lập Trung tâm Đổi mới sáng tạo của tỉnh do cơ quan nhà nước dẫn dắt',
    );
    expect(await titles('doi moi sang tao')).toContain(
      'Xây dựng quy hoạch, kế hoạch phát triển KH,CN và ĐMST của tỉnh giai đoạn 2025–2045',
    );
  });

  it('"chuyen doi so" finds a task written "CĐS", and "CĐS" finds "chuyển đổi số"', async () => {
    await buildItem(ctx.db, { planId, code: '9.9.1', title: 'Ứng dụng CĐS trong quản lý hộ tịch' });
    expect(await titles('chuyen doi so')).toContain('Ứng dụng CĐS trong quản lý hộ tịch');
    expect(await titles('CĐS')).toContain('Diễn đàn khoa học, công nghệ và chuyển đổi số vùng Bắc Trung Bộ');
  });

  it('finds plans by their abbreviations too', async () => {
    for (const q of ['KH&CN', 'ĐMST CĐS']) {
      const res = await secretariat({ method: 'GET', url: `/api/plans?q=${encodeURIComponent(q)}` });
      expect(res.statusCode, res.body).toBe(200);
      expect(
        res.json<{ items: { number: string }[] }>().items.map((p) => p.number),
        q,
      ).toContain('328-KH/TU');
    }
  });

  it('still needs every other word of the query', async () => {
    const found = await titles('KH&CN quỹ');
    expect(found).toContain(
      'Đề xuất lập Quỹ phát triển KH&CN, Quỹ hỗ trợ ĐMST và Quỹ đầu tư khởi nghiệp của tỉnh',
    );
    expect(found.length).toBeLessThan((await titles('KH&CN')).length);
  });
});

describe('/api/search-synonyms', () => {
  const NQ57 = ['NQ57', 'Nghị quyết 57'];

  it('lets the secretariat add a group that counts on the next search, audited', async () => {
    expect(await titles('NQ57')).toEqual([]);
    const res = await secretariat({ method: 'POST', url: '/api/search-synonyms', payload: { forms: NQ57 } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<TSynonymGroup>()).toMatchObject({ forms: NQ57, version: 1 });
    expect(await titles('NQ57')).toContain(
      'Đưa kết quả thực hiện Nghị quyết 57 vào đánh giá, xếp loại người đứng đầu hằng năm',
    );
    const [event] = rowsOf<{ after: { forms: string[] } }>(
      await ctx.db.execute(sql`select after from audit_events where action = 'search_synonym.create'`),
    );
    expect(event?.after.forms).toEqual(NQ57);
  });

  it('updates with the version read, refuses a stale one, and deletes', async () => {
    const list = (
      await secretariat({ method: 'GET', url: '/api/search-synonyms' })
    ).json<TSynonymGroupList>();
    const group = list.items.find((g) => g.forms[0] === 'NQ57')!;
    const update = (version: number) =>
      secretariat({
        method: 'PUT',
        url: `/api/search-synonyms/${group.id}`,
        payload: { version, forms: ['NQ 57', 'Nghị quyết số 57'] },
      });
    const updated = await update(1);
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json<TSynonymGroup>().version).toBe(2);
    expect((await update(1)).statusCode).toBe(409);
    // "Nghị quyết 57" is no longer a form: "NQ 57" looks for "nghị quyết số 57"
    expect(await titles('NQ57')).toEqual([]);
    const removed = await secretariat({
      method: 'DELETE',
      url: `/api/search-synonyms/${group.id}?version=2`,
    });
    expect(removed.statusCode, removed.body).toBe(204);
    const after = (
      await secretariat({ method: 'GET', url: '/api/search-synonyms' })
    ).json<TSynonymGroupList>();
    expect(after.items.some((g) => g.id === group.id)).toBe(false);
  });

  it('refuses a group of one form, a form without letters, and a form another group has', async () => {
    const post = (forms: string[]) =>
      secretariat({ method: 'POST', url: '/api/search-synonyms', payload: { forms } });
    const single = await post(['ABC']);
    expect(single.statusCode).toBe(400);
    expect(single.json<TProblem>().errors?.[0]?.field).toBe('forms');
    const empty = await post(['ABC', '&&']);
    expect(empty.statusCode).toBe(400);
    expect(empty.json<TProblem>().errors?.[0]?.field).toBe('forms.1');
    // "KH, CN" is KH&CN's, written otherwise
    const taken = await post(['khoa học công nghệ mới', 'KH, CN']);
    expect(taken.statusCode).toBe(409);
    expect(taken.json<TProblem>().errors?.[0]).toMatchObject({ field: 'forms.1', code: 'duplicate' });
  });

  it('lets an officer read the groups but not write them', async () => {
    expect((await officer({ method: 'GET', url: '/api/search-synonyms' })).statusCode).toBe(200);
    const group = (
      await secretariat({ method: 'GET', url: '/api/search-synonyms' })
    ).json<TSynonymGroupList>().items[0]!;
    const writes = [
      { method: 'POST' as const, url: '/api/search-synonyms', payload: { forms: ['XX', 'xin xin'] } },
      {
        method: 'PUT' as const,
        url: `/api/search-synonyms/${group.id}`,
        payload: { version: 1, forms: ['A1', 'B1'] },
      },
      { method: 'DELETE' as const, url: `/api/search-synonyms/${group.id}?version=1` },
    ];
    for (const write of writes) expect((await officer(write)).statusCode, write.method).toBe(403);
  });

  it('costs little: a search with abbreviations next to one without (logged)', async () => {
    const time = async (q: string) => {
      await titles(q);
      const start = performance.now();
      for (let i = 0; i < 20; i++) await titles(q);
      return (performance.now() - start) / 20;
    };
    const plain = await time('ban chi dao');
    const expanded = await time('KH&CN');
    console.log(
      `search on the demo plan: ${plain.toFixed(1)} ms plain, ${expanded.toFixed(1)} ms with synonyms`,
    );
    expect(expanded).toBeLessThan(plain * 3 + 20);
  });
});

/**
 * A province with things the public may see and things it may not, each marked with a word the
 * tests look for: PUBLICWORD in what is published, SECRETWORD in what is not (and personal data of
 * users and officers). Written straight into the tables, as the matrix test does, so the fixture
 * does not depend on the other modules' services.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../db/sql';
import type { TestContext } from '../../test/context';
import { buildIndicator, buildItem, buildOrgUnit, buildPlan } from '../../test/factories';
import { signInAs } from '../../test/sessions';
import { users } from '../identity/tables';
import { indicatorPlanItems } from '../indicators/tables';

const tag = () => randomBytes(3).toString('hex');

export interface PortalFixture {
  secretariat: Awaited<ReturnType<typeof signInAs>>;
  officer: Awaited<ReturnType<typeof signInAs>>;
  planId: string;
  publicTaskId: string;
  secretTaskId: string;
  groupId: string;
  publicProgrammeId: string;
  secretProgrammeId: string;
  publicPolicyId: string;
  secretPolicyId: string;
  secretBudgetLineId: string;
  publicReportId: string;
  secretReportId: string;
  unitId: string;
  /** strings that must never reach an anonymous reader */
  secrets: string[];
}

async function insertId(ctx: TestContext, query: ReturnType<typeof sql>) {
  return rowsOf<{ id: string }>(await ctx.db.execute(query))[0]!.id;
}

/** An issued report version: of the province (orgUnitId null) or of one unit. */
async function issuedReport(
  ctx: TestContext,
  planId: string,
  orgUnitId: string | null,
  summary: string,
  signer: string,
) {
  const round = await insertId(
    ctx,
    sql`insert into rounds (plan_id, period, kind, title, cutoff_end, due_date, grace_days)
      values (${planId}, ${`2026Q${Math.floor(Math.random() * 4) + 1}`}, 'ad_hoc', 'Đợt thử', '2026-10-14', '2026-10-21', 3) returning id`,
  );
  const header = {
    style: 'state',
    parentBody: '',
    issuingBody: 'UBND tỉnh',
    symbol: `BC-${tag()}`,
    place: 'Nghệ An',
    summary,
    recipients: [],
  };
  const data = { round: { id: round, title: 'Đợt thử', period: '2026Q3', periodLabel: 'Quý III/2026' } };
  const document = await insertId(
    ctx,
    sql`insert into documents (round_id, org_unit_id, header, sections, data)
      values (${round}, ${orgUnitId}, ${JSON.stringify(header)}::jsonb, '[]'::jsonb, ${JSON.stringify(data)}::jsonb) returning id`,
  );
  const signerJson = JSON.stringify({ authority: 'TM. UBND', title: 'Chủ tịch', name: signer });
  return insertId(
    ctx,
    sql`insert into document_versions (document_id, no, number, symbol, issued_year, issued_on, signer, content, docx, docx_sha256, annexes, pdf)
      values (${document}, 1, ${String(Math.floor(Math.random() * 1e6))}, ${header.symbol}, 2026, '2026-11-20', ${signerJson}::jsonb,
        ${JSON.stringify({ header, sections: [], data, issue: null })}::jsonb, '\\x00'::bytea, '', '\\x00'::bytea, ${Buffer.from('%PDF-1.4\n%%EOF\n')})
      returning id`,
  );
}

export async function buildPortalFixture(ctx: TestContext): Promise<PortalFixture> {
  const unit = await buildOrgUnit(ctx.db, {
    parentId: ctx.rootOrgUnitId,
    name: `Sở Công khai PUBLICWORD ${tag()}`,
  });
  const secretariat = await signInAs(ctx.app, ctx.db, 'secretariat', ctx.rootOrgUnitId);
  const officer = await signInAs(ctx.app, ctx.db, 'officer', unit.id);
  // personal data of the officer: never to be seen by the public
  const personal = {
    displayName: `Nguyễn Văn SECRETWORD ${tag()}`,
    email: `secretword.${tag()}@example.gov.vn`,
  };
  await ctx.db.update(users).set(personal).where(sql`${users.id} = ${officer.user.id}`);
  await ctx.db
    .update(users)
    .set({ displayName: `Trần Thị SECRETWORD ${tag()}` })
    .where(sql`${users.id} = ${secretariat.user.id}`);

  const plan = await buildPlan(ctx.db, { title: 'Kế hoạch công khai PUBLICWORD' });
  const group = await buildItem(ctx.db, {
    planId: plan.id,
    code: '1',
    kind: 'group',
    title: 'Nhóm PUBLICWORD',
    isPublic: true,
  });
  const publicTask = await buildItem(ctx.db, {
    planId: plan.id,
    parentId: group.id,
    code: '1.1',
    title: 'Nhiệm vụ PUBLICWORD một',
    leadOrgUnitId: unit.id,
    progress: 40,
    deadline: '2027-12-31',
    isPublic: true,
  });
  const secretTask = await buildItem(ctx.db, {
    planId: plan.id,
    parentId: group.id,
    code: '1.2',
    title: 'Nhiệm vụ nội bộ SECRETWORD hai',
    description: 'Ghi chú nội bộ SECRETWORD',
    leadOrgUnitId: unit.id,
  });
  const secretGroup = await buildItem(ctx.db, {
    planId: plan.id,
    code: '2',
    kind: 'group',
    title: 'Nhóm nội bộ SECRETWORD',
  });
  await buildItem(ctx.db, {
    planId: plan.id,
    parentId: secretGroup.id,
    code: '2.1',
    title: 'Việc PUBLICWORD trong nhóm kín',
    isPublic: true,
  });
  await buildItem(ctx.db, {
    planId: plan.id,
    code: '3',
    title: 'Nhiệm vụ lưu trữ SECRETWORD',
    isPublic: true,
    archivedAt: new Date(),
  });
  const draftPlan = await buildPlan(ctx.db, { title: 'Dự thảo SECRETWORD', status: 'draft' });
  await buildItem(ctx.db, {
    planId: draftPlan.id,
    code: '1',
    title: 'Mục dự thảo SECRETWORD',
    isPublic: true,
  });

  const shown = await buildIndicator(ctx.db, {
    name: `Chỉ tiêu PUBLICWORD ${tag()}`,
    frequency: 'year',
    aggregation: 'sum',
    timeAggregation: 'sum',
    baselineYear: 2024,
    baselineValue: '10',
    targets: { '2026': 30, '2030': 60 },
  });
  const hidden = await buildIndicator(ctx.db, {
    name: `Chỉ tiêu SECRETWORD ${tag()}`,
    targets: { '2030': 5 },
  });
  await ctx.db.insert(indicatorPlanItems).values([
    { indicatorId: shown.id, planItemId: publicTask.id },
    { indicatorId: hidden.id, planItemId: secretTask.id },
  ]);

  const programme = (code: string, name: string, isPublic: boolean) =>
    insertId(
      ctx,
      sql`insert into programmes (code, name, description, status, is_public, owner_org_unit_id, from_year, to_year)
        values (${code}, ${name}, ${`Mô tả của ${name}`}, 'ongoing', ${isPublic}, ${unit.id}, 2025, 2030) returning id`,
    );
  const publicProgrammeId = await programme(
    `CT-${tag().toUpperCase()}`,
    'Chương trình chuyển đổi số PUBLICWORD',
    true,
  );
  const secretProgrammeId = await programme(
    `CT-${tag().toUpperCase()}`,
    'Chương trình nội bộ SECRETWORD',
    false,
  );
  await ctx.db.execute(sql`insert into programme_plan_items (programme_id, plan_item_id)
    values (${publicProgrammeId}, ${publicTask.id}), (${publicProgrammeId}, ${secretTask.id})`);
  const policy = (name: string, isPublic: boolean, programmeId: string | null) =>
    insertId(
      ctx,
      sql`insert into support_policies (name, eligibility, support_level, apply_at, deadline, contact_office, contact_phone, status, is_public, programme_id)
        values (${name}, 'Doanh nghiệp nhỏ và vừa', 'Hỗ trợ 50% chi phí', 'Trung tâm Phục vụ hành chính công', '2027-06-30',
          'Sở Khoa học và Công nghệ', '0238 3000 000', 'active', ${isPublic}, ${programmeId}) returning id`,
    );
  const publicPolicyId = await policy(`Hỗ trợ đổi mới sáng tạo PUBLICWORD ${tag()}`, true, publicProgrammeId);
  const secretPolicyId = await policy(`Chính sách nội bộ SECRETWORD ${tag()}`, false, secretProgrammeId);
  const line = (
    programmeId: string | null,
    planItemId: string | null,
    isPublic: boolean,
    allocated: number,
    note: string,
  ) =>
    insertId(
      ctx,
      sql`insert into budget_lines (programme_id, plan_item_id, year, source, allocated, disbursed, note, is_public)
        values (${programmeId}, ${planItemId}, 2026, 'provincial', ${allocated}, ${Math.round(allocated / 2)}, ${note}, ${isPublic}) returning id`,
    );
  await line(publicProgrammeId, publicTask.id, true, 1_500_000_000, 'Ghi chú SECRETWORD dòng công khai');
  // a public line of a non-public task: amounts shown, the task's title not
  await line(null, secretTask.id, true, 700_000_000, 'Ghi chú SECRETWORD');
  const secretBudgetLineId = await line(secretProgrammeId, null, true, 987_654_321, 'Dòng SECRETWORD');
  await line(publicProgrammeId, null, false, 123_456_789, 'Dòng không công khai');

  const publicReportId = await issuedReport(
    ctx,
    plan.id,
    null,
    'Báo cáo tiến độ PUBLICWORD quý III',
    'Lê Văn SECRETWORD',
  );
  const secretReportId = await issuedReport(
    ctx,
    plan.id,
    unit.id,
    'Báo cáo riêng SECRETWORD của sở',
    'Phạm SECRETWORD',
  );

  return {
    secretariat,
    officer,
    planId: plan.id,
    publicTaskId: publicTask.id,
    secretTaskId: secretTask.id,
    groupId: group.id,
    publicProgrammeId,
    secretProgrammeId,
    publicPolicyId,
    secretPolicyId,
    secretBudgetLineId,
    publicReportId,
    secretReportId,
    unitId: unit.id,
    secrets: [
      'SECRETWORD',
      'secretword',
      personal.displayName,
      personal.email,
      officer.user.username,
      secretariat.user.username,
      '987.654.321',
      '987654321',
      '123456789',
    ],
  };
}

/**
 * Figures a report carries stay as they were reviewed (issue 9, finding 1): once the report is
 * sent, approved or accepted the unit cannot change or clear them by any path — a single JSON
 * value (409 value_locked), a bulk JSON write, a CSV or Excel file (row error value_locked) —
 * until it is returned or reopened; the secretariat corrects them with a reason, kept with the
 * revision, in the audit log and on the report. Periods before the plan are refused, and officers
 * write only the periods the plan's value entry window allows.
 */
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TDataValueInput, TWriteDataValuesResult } from '../../../common/contracts/data-values';
import type { TPlan } from '../../../common/contracts/plans';
import type { TReport } from '../../../common/contracts/reports';
import type { TProblem } from '../../../common/problem';
import { rowsOf } from '../../db/sql';
import { createTestContext, type TestContext } from '../../test/context';
import { buildIndicator, buildItem, buildOrgUnit, buildPlan } from '../../test/factories';
import { openRoundReport } from '../../test/reports';
import { type Injector, signInAs } from '../../test/sessions';
import { indicatorPlanItems } from '../indicators/tables';

let ctx: TestContext;
let district: { id: string; code: string };
let unit: { id: string; code: string; name: string };
let planId: string;
/** in the report (it measures the unit's task) */
let reported: { id: string; code: string };
/** not in any report: free to write in the round's period */
let free: { id: string; code: string };
let officer: Injector;
let head: Injector;
let secretariat: Injector;
let report: TReport;

beforeAll(async () => {
  ctx = await createTestContext();
  district = await buildOrgUnit(ctx.db, { kind: 'other', parentId: ctx.rootOrgUnitId });
  unit = (await buildOrgUnit(ctx.db, { kind: 'commune', parentId: district.id })) as typeof unit;
  planId = (await buildPlan(ctx.db)).id; // 2025–2030
  const task = await buildItem(ctx.db, { planId, code: '1.1', leadOrgUnitId: unit.id });
  reported = await buildIndicator(ctx.db, { valueType: 'count', reportedBy: ['commune'] });
  free = await buildIndicator(ctx.db, { valueType: 'count', reportedBy: ['commune'] });
  await ctx.db.insert(indicatorPlanItems).values({ indicatorId: reported.id, planItemId: task.id });
  officer = (await signInAs(ctx.app, ctx.db, 'officer', unit.id)).inject;
  head = (await signInAs(ctx.app, ctx.db, 'head', unit.id)).inject;
  secretariat = (await signInAs(ctx.app, ctx.db, 'secretariat', ctx.rootOrgUnitId)).inject;
  report = await openRoundReport(secretariat, officer, planId, '2026M10');
});

afterAll(async () => {
  await ctx?.close();
});

const write = (inject: Injector, values: TDataValueInput[], extra: Record<string, unknown> = {}) =>
  inject({ method: 'POST', url: '/api/data-values', payload: { values, ...extra } });

const importFile = (inject: Injector, body: Buffer | string, type = 'text/csv') =>
  inject({
    method: 'POST',
    url: '/api/data-values/import',
    headers: { 'content-type': type },
    payload: body,
  });

const csv = (rows: (string | number)[][]) =>
  ['indicator_code,org_unit_code,period,value,comment', ...rows.map((r) => r.join(','))].join('\n');

async function xlsx(rows: (string | number)[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Số liệu');
  sheet.addRow(['ma_chi_tieu', 'ma_don_vi', 'ky', 'gia_tri']);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer());
}

const value = (v: number | null, indicator = reported, period = '2026M10'): TDataValueInput => ({
  indicatorCode: indicator.code,
  orgUnitCode: unit.code,
  period,
  value: v,
});

async function stored(indicatorId = reported.id, period = '2026M10') {
  const [row] = rowsOf<{ value: string; state: string }>(
    await ctx.db.execute(sql`select value::text as value, state from data_values
      where indicator_id = ${indicatorId} and org_unit_id = ${unit.id} and period = ${period}`),
  );
  return row ? { value: Number(row.value), state: row.state } : null;
}

async function act(inject: Injector, action: string, reason?: string) {
  const res = await inject({
    method: 'POST',
    url: `/api/reports/${report.id}/${action}`,
    payload: { version: report.version, ...(reason ? { reason } : {}) },
  });
  expect(res.statusCode, res.body).toBe(200);
  report = res.json<TReport>();
}

/** Every path the unit could change the reported value by is refused, naming the report's state. */
async function expectFrozen(inject: Injector, state: string) {
  const before = await stored();
  const single = await write(inject, [value(before!.value + 1)]);
  expect(single.statusCode, single.body).toBe(409);
  const problem = single.json<TProblem>();
  expect(problem.code).toBe('value_locked');
  expect(problem.detail).toBe(
    `Giá trị thuộc báo cáo tháng 10/2026 của ${unit.name} đang ở trạng thái ${state}; không thể sửa cho đến khi báo cáo được trả lại hoặc mở lại.`,
  );
  expect(problem.current).toEqual({ reportId: report.id, status: report.status });
  const cleared = await write(inject, [value(null)]);
  expect(cleared.statusCode).toBe(409);

  // bulk: the frozen row is refused, the free one written
  const bulk = await write(inject, [value(before!.value + 2), value(3, free)], { mode: 'valid_rows' });
  expect(bulk.statusCode, bulk.body).toBe(200);
  const result = bulk.json<TWriteDataValuesResult>();
  expect(result).toMatchObject({ applied: true, rejected: 1 });
  expect(result.errors).toHaveLength(1);
  expect(result.errors[0]).toMatchObject({ row: 1, field: 'value', code: 'value_locked' });
  expect(result.errors[0]!.message).toContain(`trạng thái ${state}`);

  for (const file of [
    await importFile(inject, csv([[reported.code, unit.code, '2026M10', before!.value + 3, '']])),
    await importFile(
      inject,
      await xlsx([[reported.code, unit.code, '2026M10', before!.value + 4]]),
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ),
  ]) {
    expect(file.statusCode, file.body).toBe(422);
    expect(file.json<TWriteDataValuesResult>().errors).toEqual([
      expect.objectContaining({ row: 2, field: 'value', code: 'value_locked' }),
    ]);
  }
  // the same figure again is no change, so no refusal: an accepted report's file can be re-sent
  const same = await write(inject, [value(before!.value)]);
  expect(same.statusCode, same.body).toBe(200);
  expect(same.json<TWriteDataValuesResult>().unchanged).toBe(1);
  expect((await stored())!.value).toBe(before!.value);
}

describe('values a sent report carries', () => {
  it('are frozen for the unit once submitted, approved or accepted; a return frees them', async () => {
    expect((await write(officer, [value(5)])).statusCode).toBe(200);
    await act(officer, 'submit');
    await expectFrozen(officer, 'Chờ lãnh đạo duyệt');
    await expectFrozen(head, 'Chờ lãnh đạo duyệt');

    await act(head, 'return', 'Bổ sung số liệu tháng 10');
    const again = await write(officer, [value(6)]);
    expect(again.statusCode, again.body).toBe(200);
    expect(await stored()).toEqual({ value: 6, state: 'draft' });

    await act(officer, 'submit');
    await act(head, 'approve');
    await expectFrozen(officer, 'Chờ tiếp nhận');
    await act(secretariat, 'accept');
    await expectFrozen(officer, 'Đã tiếp nhận');
    await expectFrozen(head, 'Đã tiếp nhận');
    // the secretariat's ordinary write is refused too: it corrects, with a reason
    await expectFrozen(secretariat, 'Đã tiếp nhận');
    expect(await stored()).toEqual({ value: 6, state: 'approved' });
  });

  it('are corrected by the secretariat with a reason: revision, audit, roll-ups and the report', async () => {
    const correct = (inject: Injector, payload: Record<string, unknown>) =>
      inject({ method: 'POST', url: '/api/data-values/corrections', payload });
    const noReason = await correct(secretariat, { ...value(8) });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json<TProblem>().errors?.[0]?.field).toBe('reason');
    expect((await correct(secretariat, { ...value(8), reason: 'ngắn' })).statusCode).toBe(400);
    const reason = 'Sửa theo Công văn 12/VP: số liệu nhập nhầm';
    expect((await correct(officer, { ...value(8), reason })).statusCode).toBe(403);
    expect((await correct(head, { ...value(8), reason })).statusCode).toBe(403);

    const done = await correct(secretariat, { ...value(8), reason });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json<TWriteDataValuesResult>()).toMatchObject({ applied: true, updated: 1 });
    // still the report's reviewed value: its state does not fall back to draft
    expect(await stored()).toEqual({ value: 8, state: 'approved' });

    const [revision] = rowsOf<{ value: string; reason: string; state: string }>(
      await ctx.db.execute(sql`select value::text as value, reason, state from data_value_revisions
        where indicator_id = ${reported.id} and org_unit_id = ${unit.id} and period = '2026M10'
        order by id desc limit 1`),
    );
    expect(revision).toEqual({ value: '8', reason, state: 'approved' });
    const [event] = rowsOf<{ before: unknown; after: unknown; org_unit_id: string }>(
      await ctx.db.execute(sql`select before, after, org_unit_id from audit_events
        where action = 'data_value.correct' order by id desc limit 1`),
    );
    expect(event).toEqual({ before: { value: '6' }, after: { value: '8', reason }, org_unit_id: unit.id });
    const [rollup] = rowsOf<{ value_sum: string }>(
      await ctx.db.execute(sql`select value_sum::text as value_sum from data_rollups
        where indicator_id = ${reported.id} and org_unit_id = ${district.id} and period = '2026M10'`),
    );
    expect(Number(rollup!.value_sum)).toBe(8);

    const seen = (await officer({ method: 'GET', url: `/api/reports/${report.id}` })).json<TReport>();
    expect(seen.corrections).toEqual([
      expect.objectContaining({
        indicatorCode: reported.code,
        before: 6,
        after: 8,
        reason,
        correctedBy: 'Người dùng secretariat',
      }),
    ]);
    const history = await officer({
      method: 'GET',
      url: `/api/data-values/history?indicatorId=${reported.id}&orgUnitId=${unit.id}&period=2026M10`,
    });
    expect(history.json<{ items: { value: number; reason: string | null }[] }>().items[0]).toMatchObject({
      value: 8,
      reason,
    });

    // reopened: the unit may write again, as a draft
    await act(secretariat, 'reopen', 'Mở lại để đơn vị bổ sung');
    expect((await write(officer, [value(9)])).statusCode).toBe(200);
    expect(await stored()).toEqual({ value: 9, state: 'draft' });
  });
});

describe('which periods a value may be written for', () => {
  it('refuses periods before the plan to everyone', async () => {
    for (const inject of [officer, secretariat]) {
      const res = await write(inject, [value(1, free, '2020M01')]);
      expect(res.statusCode).toBe(422);
      expect(res.json<TWriteDataValuesResult>().errors).toEqual([
        expect.objectContaining({ row: 1, field: 'period', code: 'before_plan' }),
      ]);
    }
    const file = await importFile(officer, csv([[free.code, unit.code, '2020M01', 1, '']]));
    expect(file.json<TWriteDataValuesResult>().errors[0]).toMatchObject({
      field: 'period',
      code: 'before_plan',
    });
  });

  it('lets officers write only open rounds’ periods unless the plan allows any past period', async () => {
    const outside = await write(officer, [value(1, free, '2026M09')]);
    expect(outside.statusCode).toBe(422);
    expect(outside.json<TWriteDataValuesResult>().errors).toEqual([
      expect.objectContaining({ row: 1, field: 'period', code: 'outside_entry_window' }),
    ]);
    expect((await write(head, [value(1, free, '2026M09')])).statusCode).toBe(422);
    // the secretariat is not bound to the rounds
    expect((await write(secretariat, [value(1, free, '2026M08')])).statusCode).toBe(200);

    const plan = (await secretariat({ method: 'GET', url: `/api/plans/${planId}` })).json<TPlan>();
    expect(plan.valueEntryWindow).toBe('open_rounds');
    const bad = await secretariat({
      method: 'PATCH',
      url: `/api/plans/${planId}`,
      payload: { version: plan.version, valueEntryWindow: 'anything' },
    });
    expect(bad.statusCode).toBe(400);
    const changed = await secretariat({
      method: 'PATCH',
      url: `/api/plans/${planId}`,
      payload: { version: plan.version, valueEntryWindow: 'any_past' },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json<TPlan>().valueEntryWindow).toBe('any_past');
    const inside = await write(officer, [value(1, free, '2026M09')]);
    expect(inside.statusCode, inside.body).toBe(200);
    // still never before the plan, nor a period not yet collected
    expect((await write(officer, [value(1, free, '2024M12')])).statusCode).toBe(422);
    expect((await write(officer, [value(1, free, '2027M01')])).statusCode).toBe(422);
  });
});

describe('a value written while its report is being sent', () => {
  it('is either in what was sent or refused, never changed behind the submission', async () => {
    const unit2 = await buildOrgUnit(ctx.db, { kind: 'commune', parentId: district.id });
    const task2 = await buildItem(ctx.db, { planId, code: '2.1', leadOrgUnitId: unit2.id });
    await ctx.db.insert(indicatorPlanItems).values({ indicatorId: reported.id, planItemId: task2.id });
    const officer2 = (await signInAs(ctx.app, ctx.db, 'officer', unit2.id)).inject;
    const head2 = (await signInAs(ctx.app, ctx.db, 'head', unit2.id)).inject;
    const round = await secretariat({
      method: 'POST',
      url: '/api/rounds',
      payload: { planId, period: '2026M11' },
    });
    expect(round.statusCode, round.body).toBe(201);
    const [{ id: reportId }] = rowsOf<{ id: string }>(
      await ctx.db.execute(sql`select id from reports where round_id = ${round.json<{ id: string }>().id}
        and org_unit_id = ${unit2.id}`),
    ) as [{ id: string }];
    const key = { indicatorCode: reported.code, orgUnitCode: unit2.code, period: '2026M11' };
    expect((await write(officer2, [{ ...key, value: 100 }])).statusCode).toBe(200);
    const outcomes: number[] = [];
    for (let i = 1; i <= 6; i++) {
      const current = (await officer2({ method: 'GET', url: `/api/reports/${reportId}` })).json<TReport>();
      const [written, sent] = await Promise.all([
        write(officer2, [{ ...key, value: 100 + i }]),
        officer2({
          method: 'POST',
          url: `/api/reports/${reportId}/submit`,
          payload: { version: current.version },
        }),
      ]);
      expect(sent.statusCode, sent.body).toBe(200);
      expect([200, 409]).toContain(written.statusCode);
      outcomes.push(written.statusCode);
      const [snapshot] = rowsOf<{ content: { indicators: Record<string, { value: number | null }> } }>(
        await ctx.db.execute(sql`select content from report_snapshots where report_id = ${reportId}
          and action = 'submit' order by id desc limit 1`),
      );
      const [now] = rowsOf<{ value: string; state: string }>(
        await ctx.db.execute(sql`select value::text as value, state from data_values
          where indicator_id = ${reported.id} and org_unit_id = ${unit2.id} and period = '2026M11'`),
      );
      // what the head will review is what is stored, and it is stamped as sent
      expect(Number(now!.value)).toBe(snapshot!.content.indicators[reported.code]!.value);
      expect(now!.state).toBe('submitted');
      const version = sent.json<TReport>().version;
      const back = await head2({
        method: 'POST',
        url: `/api/reports/${reportId}/return`,
        payload: { version, reason: 'Trả lại để thử lần gửi tiếp theo' },
      });
      expect(back.statusCode, back.body).toBe(200);
    }
    expect(outcomes).toHaveLength(6);
  });
});

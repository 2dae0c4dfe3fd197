/**
 * What a publication freezes: for each public dataset, the rows the public may see, read in the
 * publishing transaction (one consistent view) and parsed through the row whitelists of
 * common/contracts/publishing.ts, which drop any field not named there.
 *
 * What is public: plan tasks the secretariat marked public (of plans in force, not archived);
 * their top-level group's code and title only when that group is marked public too; indicators
 * with targets that measure a public task, with the province's yearly figures; programmes,
 * policies and budget lines through the programmes module's own public read (a plan task they
 * name is kept only when it is public here); the province's issued reports. No person's name, no
 * user, no note: the shapes have no such field.
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import {
  FUNDING_SOURCE_LABELS,
  type FundingSource,
  POLICY_STATUS_LABELS,
  PROGRAMME_STATUS_LABELS,
} from '../../../common/contracts/programmes';
import {
  DATASET_ROWS,
  type DatasetRows,
  PUBLIC_DATASETS,
  type PublicDataset,
  type TPublicIndicatorRow,
  type TPublicTaskRow,
} from '../../../common/contracts/publishing';
import type { Executor } from '../../db/client';
import { rowsOf } from '../../db/sql';
import { FACT_COLUMNS, targetPathFor, ZFacts } from '../analytics/performance';
import { runAnalytics } from '../analytics/service';
import { itemStatusSql } from '../plan-items/status';
import { listPublicCatalogue } from '../programmes/public-read';

const ZTask = z.object({
  id: z.string(),
  plan: z.string(),
  group_code: z.string().nullable(),
  group_title: z.string().nullable(),
  code: z.string(),
  title: z.string(),
  lead_unit: z.string().nullable(),
  deadline: z.string().nullable(),
  progress: z.coerce.number(),
  status: z.string(),
  completed_on: z.string().nullable(),
});

/** Public tasks, each under its top-level group (named only when the group is public itself). */
async function readTasks(db: Executor, today: string) {
  const rows = rowsOf<unknown>(
    await db.execute(sql`
      with recursive up(id, top_id) as (
        select id, id from plan_items where parent_id is null
        union all
        select c.id, up.top_id from plan_items c join up on c.parent_id = up.id
      )
      select plan_items.id, p.number as plan, g.code as group_code, g.title as group_title,
        plan_items.code, plan_items.title, u.name as lead_unit, plan_items.deadline::text as deadline,
        plan_items.progress, ${itemStatusSql(today)} as status, plan_items.completed_on::text as completed_on
      from plan_items
        join plans p on p.id = plan_items.plan_id
        join up on up.id = plan_items.id
        left join plan_items g on g.id = up.top_id and g.kind = 'group' and g.is_public and g.archived_at is null
        left join org_units u on u.id = plan_items.lead_org_unit_id
      where plan_items.is_public and plan_items.kind <> 'group' and plan_items.archived_at is null
        and p.archived_at is null and p.status <> 'draft'
      order by p.number, plan_items.code_sort_key`),
  ).map((r) => ZTask.parse(r));
  return rows;
}

function taskRows(tasks: z.infer<typeof ZTask>[]): TPublicTaskRow[] {
  return tasks.map((t) => ({
    plan: t.plan,
    groupCode: t.group_code,
    groupTitle: t.group_title,
    code: t.code,
    title: t.title,
    leadUnit: t.lead_unit,
    deadline: t.deadline,
    progress: t.progress,
    status: t.status as TPublicTaskRow['status'],
    completedOn: t.completed_on,
  }));
}

const ZIndicator = ZFacts.extend({ name: z.string(), unit: z.string() });

/**
 * Headline indicators: those with targets that measure a public task. Their path (baseline,
 * targets, the straight-line years between) and the province's figure of each year up to this one.
 */
async function indicatorRows(
  db: Executor,
  publicTaskIds: string[],
  today: string,
): Promise<TPublicIndicatorRow[]> {
  if (publicTaskIds.length === 0) return [];
  const facts = rowsOf<unknown>(
    await db.execute(sql`select ${FACT_COLUMNS}, name, unit from indicators i
      where archived_at is null and targets <> '{}'::jsonb
        and exists (select 1 from indicator_plan_items l where l.indicator_id = i.id
          and l.plan_item_id = any(${sql.param(publicTaskIds)}::uuid[]))
      order by code`),
  ).map((r) => ZIndicator.parse(r));
  if (facts.length === 0) return [];
  const [province] = rowsOf<{ id: string }>(
    await db.execute(sql`select id from org_units where parent_id is null and active
      order by (kind = 'province') desc, code limit 1`),
  );
  const thisYear = Number(today.slice(0, 4));
  const firstYear = Math.max(2000, Math.min(thisYear - 5, ...facts.map((f) => f.baseline_year ?? thisYear)));
  const actuals = new Map<string, number | null>();
  if (province) {
    const answer = await runAnalytics(db, {
      indicators: facts.map((f) => f.code),
      orgUnitId: province.id,
      periodType: 'year',
      from: String(firstYear),
      to: String(thisYear),
      by: 'total',
    });
    for (const r of answer.rows) actuals.set(`${r.indicatorCode}|${r.period}`, r.value);
  }
  const rows: TPublicIndicatorRow[] = [];
  for (const f of facts) {
    const path = new Map(targetPathFor(f, 'province').map((p) => [p.year, p]));
    const years = new Set<number>(path.keys());
    for (let y = firstYear; y <= thisYear; y++) if (actuals.get(`${f.code}|${y}`) != null) years.add(y);
    for (const year of [...years].sort((a, b) => a - b)) {
      const point = path.get(year);
      rows.push({
        code: f.code,
        name: f.name,
        unit: f.unit,
        direction: f.direction as TPublicIndicatorRow['direction'],
        year,
        target: point?.value ?? null,
        targetKind: point?.kind ?? null,
        actual: actuals.get(`${f.code}|${year}`) ?? null,
      });
    }
  }
  return rows;
}

const ZReport = z.object({
  id: z.string(),
  title: z.string(),
  symbol: z.string(),
  number: z.string(),
  issued_on: z.string(),
  period: z.string(),
  issuing_body: z.string(),
});

/** The latest issued version of each of the province's report documents (not a unit's own). */
async function reportRows(db: Executor) {
  return rowsOf<unknown>(
    await db.execute(sql`select distinct on (d.id) v.id, v.content->'header'->>'summary' as title, v.symbol,
        v.number, v.issued_on::text as issued_on, d.data->'round'->>'periodLabel' as period,
        v.content->'header'->>'issuingBody' as issuing_body
      from document_versions v join documents d on d.id = v.document_id
      where d.org_unit_id is null
      order by d.id, v.no desc`),
  )
    .map((r) => ZReport.parse(r))
    .sort((a, b) => b.issued_on.localeCompare(a.issued_on) || a.id.localeCompare(b.id))
    .map((r) => ({
      id: r.id,
      title: r.title,
      symbol: r.symbol,
      number: r.number,
      issuedOn: r.issued_on,
      period: r.period,
      issuingBody: r.issuing_body,
    }));
}

/** Every dataset of a new publication, as of now, read in `db` (the publishing transaction). */
export async function gatherSnapshot(db: Executor, today: string): Promise<DatasetRows> {
  const tasks = await readTasks(db, today);
  const publicTasks = new Map(tasks.map((t) => [t.id, t]));
  const catalogue = await listPublicCatalogue(db);
  const programmes = new Map(catalogue.programmes.map((p) => [p.id, p]));
  const raw: Record<PublicDataset, unknown[]> = {
    'nhiem-vu': taskRows(tasks),
    'chi-tieu': await indicatorRows(db, [...publicTasks.keys()], today),
    'chuong-trinh': catalogue.programmes.map((p) => ({
      id: p.id,
      code: p.code,
      name: p.name,
      legalBasisNumber: p.legalBasis.number,
      legalBasisDate: p.legalBasis.date,
      legalBasisIssuer: p.legalBasis.issuer,
      ownerUnit: p.ownerUnit?.name ?? null,
      fromYear: p.fromYear,
      toYear: p.toYear,
      status: PROGRAMME_STATUS_LABELS[p.status],
      description: p.description,
      taskCodes: p.planItems
        .filter((i) => publicTasks.has(i.id))
        .map((i) => i.code)
        .join('; '),
    })),
    'chinh-sach': catalogue.policies.map((p) => ({
      id: p.id,
      name: p.name,
      legalBasisNumber: p.legalBasis.number,
      legalBasisDate: p.legalBasis.date,
      legalBasisIssuer: p.legalBasis.issuer,
      eligibility: p.eligibility,
      supportLevel: p.supportLevel,
      maxAmount: p.maxAmount,
      maxPercent: p.maxPercent,
      howToApply: p.howToApply,
      applyAt: p.applyAt,
      deadline: p.deadline,
      contactOffice: p.contact.office,
      contactPhone: p.contact.phone,
      contactEmail: p.contact.email,
      status: POLICY_STATUS_LABELS[p.status],
      programmeId: p.programmeId && programmes.has(p.programmeId) ? p.programmeId : null,
      ownerUnit: p.ownerUnit?.name ?? null,
    })),
    'ngan-sach': catalogue.budgetLines.map((l) => {
      const programme = l.programmeId ? programmes.get(l.programmeId) : undefined;
      const task = l.planItem && publicTasks.has(l.planItem.id) ? l.planItem : null;
      return {
        id: l.id,
        year: l.year,
        source: FUNDING_SOURCE_LABELS[l.source as FundingSource],
        programmeId: programme?.id ?? null,
        programmeCode: programme?.code ?? null,
        programmeName: programme?.name ?? null,
        taskCode: task?.code ?? null,
        taskTitle: task?.title ?? null,
        allocated: l.allocated,
        disbursed: l.disbursed,
      };
    }),
    'bao-cao': await reportRows(db),
  };
  return Object.fromEntries(
    PUBLIC_DATASETS.map((d) => [d, raw[d].map((row) => DATASET_ROWS[d].parse(row))]),
  ) as DatasetRows;
}

/** The key of a row within its dataset, to count what a new publication adds, removes or changes. */
export function rowKey(dataset: PublicDataset, row: Record<string, unknown>): string {
  if (dataset === 'nhiem-vu') return `${row.plan}|${row.code}`;
  if (dataset === 'chi-tieu') return `${row.code}|${row.year}`;
  return String(row.id);
}

/**
 * The report sentences a round's synthesis reads: of every report the units have sent (submitted,
 * approved or accepted — drafts and returned reports are not the unit's word yet), the general part
 * (summary as results, obstacles, proposals) and what it says of each task, split into sentences by
 * the engine. Each sentence's id names its report, the field and its place, so a sentence of the
 * draft leads back to the report it came from; each task sentence carries the task's top-level group.
 */
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { TSourceSentence } from '../../../../common/contracts/synthesis';
import type { Executor } from '../../../db/client';
import { rowsOf } from '../../../db/sql';
import { type SourceSentence, splitReportText } from '../engine';

export const SENT_STATUSES = ['submitted', 'approved', 'accepted'] as const;

export interface RoundSentences {
  /** for the engine */
  sources: SourceSentence[];
  /** as the reader is shown them */
  sentences: TSourceSentence[];
  /** the units expected to report: the M of "N/M đơn vị" */
  unitCount: number;
  /** the sent reports and their versions, hashed: a draft made from other ones is out of date */
  stamp: string;
}

interface GeneralRow {
  report_id: string;
  version: number;
  unit_id: string;
  unit_name: string;
  summary: string | null;
  obstacles: string | null;
  proposals: string | null;
}

interface ItemRow {
  report_id: string;
  plan_item_id: string;
  code: string;
  title: string;
  results: string | null;
  obstacles: string | null;
  proposals: string | null;
}

const FIELDS = [
  ['summary', 'result'],
  ['obstacles', 'obstacle'],
  ['proposals', 'proposal'],
] as const;
const ITEM_FIELDS = [
  ['results', 'result'],
  ['obstacles', 'obstacle'],
  ['proposals', 'proposal'],
] as const;

export async function roundSentences(db: Executor, roundId: string): Promise<RoundSentences> {
  const [counts] = rowsOf<{ expected: number }>(
    await db.execute(sql`select count(*)::int as expected from reports where round_id = ${roundId}`),
  );
  const sent = sql.raw(`(${SENT_STATUSES.map((s) => `'${s}'`).join(', ')})`);
  const generals = rowsOf<GeneralRow>(
    await db.execute(sql`select r.id as report_id, r.version, o.id as unit_id, o.name as unit_name,
        r.general->>'summary' as summary, r.general->>'obstacles' as obstacles, r.general->>'proposals' as proposals
      from reports r join org_units o on o.id = r.org_unit_id
      where r.round_id = ${roundId} and r.status in ${sent}
      order by o.name_sort_key collate "C", r.id`),
  );
  const items = rowsOf<ItemRow>(
    await db.execute(sql`select ri.report_id, ri.plan_item_id, p.code, p.title, ri.results, ri.obstacles, ri.proposals
      from report_items ri join reports r on r.id = ri.report_id join plan_items p on p.id = ri.plan_item_id
      where r.round_id = ${roundId} and r.status in ${sent}
        and (ri.results is not null or ri.obstacles is not null or ri.proposals is not null)
      order by p.code_sort_key, ri.report_id`),
  );
  const groups = await topGroups(db, roundId);
  const byReport = new Map(generals.map((g) => [g.report_id, g]));
  const itemsOf = new Map<string, ItemRow[]>();
  for (const item of items) itemsOf.set(item.report_id, [...(itemsOf.get(item.report_id) ?? []), item]);

  const sources: SourceSentence[] = [];
  const sentences: TSourceSentence[] = [];
  const push = (
    report: GeneralRow,
    id: string,
    kind: SourceSentence['kind'],
    text: string,
    task: ItemRow | null,
  ) => {
    const group = task ? groups.get(task.plan_item_id) : undefined;
    sources.push({
      id,
      reportId: report.report_id,
      unitId: report.unit_id,
      unitName: report.unit_name,
      ...(group ? { groupKey: group.id, groupLabel: `${group.code} ${group.title}` } : {}),
      kind,
      text,
    });
    sentences.push({
      id,
      reportId: report.report_id,
      unit: { id: report.unit_id, name: report.unit_name },
      kind,
      task: task ? { id: task.plan_item_id, code: task.code, title: task.title } : null,
      text,
    });
  };
  for (const report of generals) {
    for (const [field, kind] of FIELDS) {
      splitReportText(report[field] ?? '').forEach((text, n) => {
        push(report, `${report.report_id}:${field}:${n + 1}`, kind, text, null);
      });
    }
    for (const item of itemsOf.get(report.report_id) ?? []) {
      for (const [field, kind] of ITEM_FIELDS) {
        splitReportText(item[field] ?? '').forEach((text, n) => {
          push(report, `${report.report_id}:${item.code}:${field}:${n + 1}`, kind, text, item);
        });
      }
    }
  }
  const stamp = createHash('sha256')
    .update(
      [...byReport.values()]
        .map((r) => `${r.report_id}:${r.version}`)
        .sort()
        .join(','),
    )
    .digest('hex');
  return { sources, sentences, unitCount: counts?.expected ?? 0, stamp };
}

/** Each reported task's top-level group in the plan (none for a task at the top). */
async function topGroups(db: Executor, roundId: string) {
  const rows = rowsOf<{ id: string; parent_id: string | null; code: string; title: string }>(
    await db.execute(sql`select p.id, p.parent_id, p.code, p.title from plan_items p
      join rounds rd on rd.plan_id = p.plan_id where rd.id = ${roundId}`),
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const top = new Map<string, { id: string; code: string; title: string }>();
  for (const row of rows) {
    let item = row;
    let guard = 0;
    while (item.parent_id && byId.has(item.parent_id) && guard++ < 50) item = byId.get(item.parent_id)!;
    if (item.id !== row.id) top.set(row.id, { id: item.id, code: item.code, title: item.title });
  }
  return top;
}

import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type {
  TDashboardQuery,
  ThemeField,
  TRoundThemes,
  TTheme,
} from '../../../../common/contracts/dashboard';
import type { Executor } from '../../../db/client';
import { rowsOf } from '../../../db/sql';
import type { ReadScope } from '../../../policy';
import { unitInScope, unitOfKind } from '../filters';
import { OTHER_THEME, THEME_METHOD, THEMES, themesOf } from '../themes';
import { findCurrentRoundId } from './current-round';

const ZPassage = z.object({
  report_id: z.string(),
  field: z.enum(['obstacles', 'proposals']),
  text: z.string(),
  unit_id: z.string(),
  unit_code: z.string(),
  unit_name: z.string(),
  unit_short_name: z.string().nullable(),
});
type Passage = z.infer<typeof ZPassage>;

const ZRound = z.object({ id: z.string(), title: z.string(), period: z.string() });

const EXAMPLE_LENGTH = 160;
const LABELS = new Map<string, string>([
  ...THEMES.map((t) => [t.key, t.label] as const),
  [OTHER_THEME.key, OTHER_THEME.label],
]);

/**
 * The obstacles and proposals the units wrote in the current round's sent reports (the general
 * section and each task's), sorted into the lexicon's themes, most mentioned first, with the units
 * that raised each. Only reports the reader may see, of the chosen kind of unit.
 */
export async function getRoundThemes(options: {
  db: Executor;
  query: TDashboardQuery;
  scope: ReadScope;
}): Promise<TRoundThemes> {
  const { db, query, scope } = options;
  const lexicon = THEMES.map((t) => ({ key: t.key, label: t.label, words: [...t.words] }));
  const roundId = await findCurrentRoundId(db, query);
  if (!roundId) return { round: null, obstacles: [], proposals: [], method: THEME_METHOD, lexicon };
  const [round] = rowsOf<unknown>(
    await db.execute(sql`select id, title, period from rounds where id = ${roundId}`),
  ).map((r) => ZRound.parse(r));
  const passages = rowsOf<unknown>(
    await db.execute(sql`
      with sent as (
        select r.id, r.org_unit_id, r.general from reports r
        where r.round_id = ${roundId} and r.status in ('submitted', 'approved', 'accepted')
          and ${unitInScope(sql`r.org_unit_id`, scope)}
          and ${unitOfKind(sql`r.org_unit_id`, query.unitKind)}
      ), passages(report_id, org_unit_id, field, text) as (
        select id, org_unit_id, 'obstacles', general->>'obstacles' from sent
        union all select id, org_unit_id, 'proposals', general->>'proposals' from sent
        union all select ri.report_id, s.org_unit_id, 'obstacles', ri.obstacles from report_items ri join sent s on s.id = ri.report_id
        union all select ri.report_id, s.org_unit_id, 'proposals', ri.proposals from report_items ri join sent s on s.id = ri.report_id
      )
      select p.report_id, p.field, p.text, o.id as unit_id, o.code as unit_code, o.name as unit_name,
        o.short_name as unit_short_name
      from passages p join org_units o on o.id = p.org_unit_id
      where p.text is not null and btrim(p.text) <> ''
      order by o.name_sort_key collate "C"`),
  ).map((r) => ZPassage.parse(r));
  return {
    round: round ?? null,
    obstacles: tally(passages, 'obstacles'),
    proposals: tally(passages, 'proposals'),
    method: THEME_METHOD,
    lexicon,
  };
}

function tally(passages: Passage[], field: ThemeField): TTheme[] {
  const themes = new Map<string, TTheme>();
  for (const p of passages) {
    if (p.field !== field) continue;
    for (const key of themesOf(p.text)) {
      let theme = themes.get(key);
      if (!theme) {
        theme = { key, label: LABELS.get(key)!, mentions: 0, units: [], example: shorten(p.text) };
        themes.set(key, theme);
      }
      theme.mentions++;
      if (!theme.units.some((u) => u.id === p.unit_id)) {
        theme.units.push({
          id: p.unit_id,
          code: p.unit_code,
          name: p.unit_name,
          shortName: p.unit_short_name,
          reportId: p.report_id,
        });
      }
    }
  }
  // the unmatched last, whatever its count: it is no theme
  return [...themes.values()].sort(
    (a, b) =>
      Number(a.key === OTHER_THEME.key) - Number(b.key === OTHER_THEME.key) || b.mentions - a.mentions,
  );
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > EXAMPLE_LENGTH ? `${flat.slice(0, EXAMPLE_LENGTH - 1)}…` : flat;
}

import { sql } from 'drizzle-orm';
import type { TScorecardComponent, TScorecardEvidence } from '../../../../common/contracts/scorecards';
import type { OrgUnitKind } from '../../../../common/enums';
import type { Executor } from '../../../db/client';
import { rowsOf } from '../../../db/sql';
import { inArea, type PeerArea } from './peer-area';

export interface PublicationRow {
  period: string;
  formula_version: number;
  published_by: string | null;
  published_at: string;
}

/** The publications of these periods (display name of who published). */
export async function findPublications(db: Executor, periods: readonly string[]): Promise<PublicationRow[]> {
  return rowsOf<PublicationRow>(
    await db.execute(sql`select p.period, p.formula_version, u.display_name as published_by,
        p.published_at::text as published_at
      from scorecard_publications p left join users u on u.id = p.published_by
      where p.period = any(${sql.param([...periods])}::text[])`),
  );
}

export interface SnapshotRow {
  period: string;
  org_unit_id: string;
  code: string;
  name: string;
  kind: OrgUnitKind;
  score: string | null;
  rank: number | null;
  peers: number;
  components: TScorecardComponent[];
  evidence: TScorecardEvidence | null;
}

/**
 * Published cards of a period for units of the given kinds in the area (all of them, or one unit), evidence
 * only when asked for (it is the bulk of a snapshot).
 */
export async function listSnapshots(
  db: Executor,
  options: {
    periods: readonly string[];
    kinds: readonly OrgUnitKind[];
    area: PeerArea;
    orgUnitId?: string;
    evidence: boolean;
  },
): Promise<SnapshotRow[]> {
  return rowsOf<SnapshotRow>(
    await db.execute(sql`select s.period, s.org_unit_id, o.code, o.name, o.kind, s.score::text as score, s.rank,
        s.peers, s.components, ${options.evidence ? sql`s.evidence` : sql`null`} as evidence
      from scorecard_snapshots s join org_units o on o.id = s.org_unit_id
      where s.period = any(${sql.param([...options.periods])}::text[])
        and o.kind = any(${sql.param([...options.kinds])}::text[])
        and (${options.orgUnitId ?? null}::uuid is null or s.org_unit_id = ${options.orgUnitId ?? null}::uuid)
        and ${inArea(sql`o.id`, options.area)}
      order by s.rank nulls last, o.name_sort_key collate "C", o.code`),
  );
}

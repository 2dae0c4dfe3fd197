/**
 * Raw-SQL floors of issue 15, measured in the same run as the API figures they sit beside: what
 * PostgreSQL on this machine does with the same work issued straight to it, without the app.
 *
 * - single writes: a plain prepared upsert into `data_values` from 8 clients (no revision, roll-up
 *   or audit: the bare row write the API's write is compared with);
 * - bulk: COPY FROM STDIN of as many new values as the API import, into the same table with its
 *   keys and foreign keys (then deleted again, untimed);
 * - analytics (1)–(4): one prepared statement over the same roll-ups giving the same figures for
 *   the indicators summed up the tree and over time, which are also compared with the API's;
 * - GET /api/health anonymous and signed in, 16 connections (the API's own figures, side by side).
 *
 * PostgreSQL only for the SQL floors: a PGlite folder is open in the server's process alone.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { type ApiClient, type LatencySummary, summarise } from './http';
import {
  type BenchIndicator,
  type BenchTree,
  cellValue,
  hash32,
  monthOrdinal,
  reportingUnits,
} from './model';

export interface RateFigure {
  /** operations per second, one figure per interleaved round */
  rounds: number[];
  /** median of the rounds */
  perSecond: number;
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0
    ? 0
    : s.length % 2
      ? s[(s.length - 1) / 2]!
      : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

export const rateOf = (rounds: number[]): RateFigure => ({ rounds, perSecond: Math.round(median(rounds)) });

// ---------------------------------------------------------------------------------------------
// Single writes: the bare upsert

/** Period of the floor's upserts: never generated, never written by the API part. */
export const UPSERT_FLOOR_PERIOD = '2026M10';

/** `count` plain upserts of random cells of UPSERT_FLOOR_PERIOD from `clients` connections. */
export async function upsertFloor(
  url: string,
  tree: BenchTree,
  catalogue: readonly BenchIndicator[],
  count: number,
  clients: number,
  salt: number,
): Promise<{ perSecond: number; latency: LatencySummary }> {
  const stored = catalogue.filter((ind) => ind.profile);
  const ordinal = monthOrdinal(UPSERT_FLOOR_PERIOD);
  const pool = new pg.Pool({ connectionString: url, max: clients });
  try {
    const text = `insert into data_values (indicator_id, org_unit_id, period, value) values ($1, $2, $3, $4)
      on conflict (indicator_id, org_unit_id, period) do update
      set value = excluded.value, version = data_values.version + 1, updated_at = now()`;
    const cell = (k: number) => {
      const indicator = stored[hash32(k, salt, 1) % stored.length]!;
      const units = reportingUnits(tree, indicator);
      const unit = units[hash32(k, salt, 2) % units.length]!;
      return [indicator.id, unit.id, UPSERT_FLOOR_PERIOD, cellValue(indicator, unit.index, ordinal, k + 1)];
    };
    const connections = await Promise.all(Array.from({ length: clients }, () => pool.connect()));
    // warm-up: the prepared statement on every connection
    await Promise.all(
      connections.map((c, i) => c.query({ name: 'floor_upsert', text, values: cell(-1 - i) })),
    );
    const latencies: number[] = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      connections.map(async (c) => {
        while (next < count) {
          const k = next++;
          const t0 = performance.now();
          await c.query({ name: 'floor_upsert', text, values: cell(k) });
          latencies.push(performance.now() - t0);
        }
      }),
    );
    const wall = performance.now() - started;
    for (const c of connections) c.release();
    return { perSecond: Math.round((count / wall) * 1000), latency: summarise(latencies, 0) };
  } finally {
    await pool.end();
  }
}

/** Removes the floor's upserts (they bypass the roll-ups, so no figure read by the bench includes them). */
export async function removeUpsertFloor(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('delete from data_values where period = $1', [UPSERT_FLOOR_PERIOD]);
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------
// Bulk: raw COPY into the same table

/**
 * COPY of `count` new values (months of `year`, never generated, never imported by the API part)
 * into `data_values` as it is (primary key, foreign keys), one statement, as the import's file
 * would be; then deleted (untimed). The import's file holds the same cells for 2026's months.
 */
export async function copyFloor(
  url: string,
  tree: BenchTree,
  catalogue: readonly BenchIndicator[],
  count: number,
  year: number,
): Promise<{ values: number; ms: number; perSecond: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const stored = catalogue.filter((ind) => ind.profile);
    function* lines() {
      let n = 0;
      for (let month = 1; month <= 12 && n < count; month++) {
        const period = `${year}M${String(month).padStart(2, '0')}`;
        const ordinal = monthOrdinal(period);
        for (const indicator of stored) {
          let chunk = '';
          for (const unit of reportingUnits(tree, indicator)) {
            if (n >= count) break;
            chunk += `${indicator.id}\t${unit.id}\t${period}\t${cellValue(indicator, unit.index, ordinal)}\n`;
            n++;
          }
          if (chunk) yield chunk;
          if (n >= count) return;
        }
      }
    }
    const t0 = performance.now();
    const stream = client.query(
      copyFrom('copy data_values (indicator_id, org_unit_id, period, value) from stdin'),
    );
    await pipeline(Readable.from(lines()), stream);
    const ms = performance.now() - t0;
    const values = stream.rowCount;
    await client.query('delete from data_values where period like $1', [`${year}M%`]);
    return { values, ms: Math.round(ms), perSecond: Math.round((values / ms) * 1000) };
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------
// Analytics: one statement over the same roll-ups

/** A floor for one analytics case: its prepared statement and the parameters of request k. */
export interface AnalyticsFloor {
  name: string;
  text: string;
  params: (k: number) => unknown[];
  /** indicator codes of request k whose figures the floor gives exactly (summed up the tree and over time) */
  comparable: (k: number) => string[];
  /** the API rows of request k the floor answers for (default: all) */
  covers?: (k: number, orgUnitId: string) => boolean;
  /** the floor's figures of request k, keyed `code|orgUnitId|period` */
  figures: (k: number, rows: FloorRow[]) => Map<string, number>;
}

export interface FloorRow {
  indicator_id: string;
  org_unit_id: string;
  period: string;
  value: number;
}

/** Sums up the tree and over time: the floor's one statement gives exactly the app's figure. */
const summedBothWays = (ind: BenchIndicator) => ind.exactSum && ind.timeAggregation === 'sum';

/**
 * One statement per case (1)–(4) of bench/indicators.ts (same k → same question). Roll-up rows of
 * a unit hold everything below it; the root's pending deltas are added; a province and the root
 * enter no values of their own in this model, communes and bodies do (case 4 adds their own).
 */
export function analyticsFloors(
  tree: BenchTree,
  catalogue: readonly BenchIndicator[],
  pick: (k: number) => BenchIndicator,
  province: (k: number) => { id: string },
  lastYear: string,
  allMonths: readonly string[],
): AnalyticsFloor[] {
  const byId = new Map(catalogue.map((ind) => [ind.id, ind]));
  const yearMonths = Array.from({ length: 12 }, (_, m) => `${lastYear}M${String(m + 1).padStart(2, '0')}`);
  const quarterMonths = (k: number) =>
    Array.from({ length: 3 }, (_, m) => `${lastYear}M${String((k % 4) * 3 + m + 1).padStart(2, '0')}`);
  const total = `select r.indicator_id::text, $2::uuid::text as org_unit_id, '' as period, sum(r.value_sum)::float8 as value
    from data_rollups r where r.indicator_id = any($1::uuid[]) and r.org_unit_id = $2 and r.period = any($3::text[])
    group by r.indicator_id`;
  const keyed = (rows: FloorRow[], period: string) =>
    new Map(
      rows.map((r) => [`${byId.get(r.indicator_id)!.code}|${r.org_unit_id}|${r.period || period}`, r.value]),
    );
  const summed = catalogue.filter((ind) => ind.profile && summedBothWays(ind));
  return [
    {
      name: 'one indicator, a province, a year',
      text: total,
      params: (k) => [[pick(k).id], province(k).id, yearMonths],
      comparable: (k) => (summedBothWays(pick(k)) ? [pick(k).code] : []),
      figures: (_k, rows) => keyed(rows, lastYear),
    },
    {
      name: 'all indicators, a province, a quarter',
      text: total,
      params: (k) => [catalogue.map((ind) => ind.id), province(k).id, quarterMonths(k)],
      comparable: () => summed.map((ind) => ind.code),
      figures: (k, rows) => keyed(rows, `${lastYear}Q${(k % 4) + 1}`),
    },
    {
      name: 'one indicator, national, by month',
      text: `select $1::uuid::text as indicator_id, $2::uuid::text as org_unit_id, x.period, sum(x.s)::float8 as value from (
          select r.period, r.value_sum as s from data_rollups r
          where r.indicator_id = $1 and r.org_unit_id = $2 and r.period = any($3::text[])
          union all
          select d.period, d.value_sum from data_rollup_deltas d
          where d.indicator_id = $1 and d.org_unit_id = $2 and d.period = any($3::text[])
        ) x group by x.period`,
      params: (k) => [pick(k).id, tree.root.id, allMonths],
      comparable: (k) => (pick(k).exactSum ? [pick(k).code] : []),
      figures: (_k, rows) => keyed(rows, ''),
    },
    {
      name: 'one indicator, a province, by commune, a year',
      text: `select $1::uuid::text as indicator_id, c.id::text as org_unit_id, '' as period, sum(x.s)::float8 as value
        from org_units c join lateral (
          select r.value_sum as s from data_rollups r
          where r.indicator_id = $1 and r.org_unit_id = c.id and r.period = any($3::text[])
          union all
          select v.value from data_values v
          where v.indicator_id = $1 and v.org_unit_id = c.id and v.period = any($3::text[])
        ) x on true
        where c.parent_id = $2 group by c.id`,
      params: (k) => [pick(k).id, province(k).id, yearMonths],
      comparable: (k) => (summedBothWays(pick(k)) ? [pick(k).code] : []),
      // the answer also carries the province's own total: the first case's statement
      covers: (k, orgUnitId) => orgUnitId !== province(k).id,
      figures: (_k, rows) => keyed(rows, lastYear),
    },
  ];
}

/** A connection for the analytics floors, interleaved request by request with the API's. */
export async function floorClient(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    async run(floor: AnalyticsFloor, k: number): Promise<{ ms: number; rows: FloorRow[] }> {
      const t0 = performance.now();
      const result = await client.query<FloorRow>({
        name: `floor_${floor.name.replace(/\W+/g, '_')}`,
        text: floor.text,
        values: floor.params(k),
      });
      return { ms: performance.now() - t0, rows: result.rows };
    },
    close: () => client.end(),
  };
}

// ---------------------------------------------------------------------------------------------
// GET /api/health, anonymous and signed in

/** Requests per second of GET `path` from `connections` concurrent keep-alive connections for `ms`. */
export async function throughput(api: ApiClient, path: string, connections: number, ms: number) {
  let done = 0;
  let errors = 0;
  const end = performance.now() + ms;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        const answer = await api.get(path);
        if (answer.status === 200) done++;
        else errors++;
      }
    }),
  );
  return { perSecond: Math.round((done / (performance.now() - started)) * 1000), errors };
}

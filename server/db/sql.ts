import { sql } from 'drizzle-orm';

/** `('a', 'b')` for CHECK constraints built from a shared enum list. */
export function inList(values: readonly string[]) {
  return sql.raw(`(${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')})`);
}

/** Rows of a raw `db.execute(sql…)` result; both drivers return `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

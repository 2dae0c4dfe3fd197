/** Fields whose values differ, as the `before` and `after` halves of a history entry. */
export function changedFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): { before: Record<string, unknown>; after: Record<string, unknown> } | null {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null)) {
      b[key] = before[key] ?? null;
      a[key] = after[key] ?? null;
    }
  }
  return Object.keys(a).length ? { before: b, after: a } : null;
}

/** The difference an update makes: the changed fields' values before (from the row) and after. */
export function updateDiff(current: object, fields: Record<string, unknown>) {
  const row = current as Record<string, unknown>;
  return changedFields(Object.fromEntries(Object.keys(fields).map((k) => [k, row[k]])), fields);
}

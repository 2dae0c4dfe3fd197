import type { FormInstance } from 'antd';
import type { TProblem } from '../../../../common';

/**
 * Puts the server's field errors ("password", "assignments.0.orgUnitId") under the form's fields.
 * Returns true when every error found a field, so the caller need not repeat them in an alert.
 */
export function applyFieldErrors(form: FormInstance, problem: TProblem, fields: readonly string[]): boolean {
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  let unmapped = 0;
  for (const e of problem.errors ?? []) {
    const name = e.field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
    if (!fields.includes(String(name[0]))) {
      unmapped += 1;
      continue;
    }
    // "assignments.0" without a sub-field: show it under the unit of that row.
    if (name.length === 2 && typeof name[1] === 'number') name.push('orgUnitId');
    const key = name.join('.');
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(e.message);
    byField.set(key, entry);
  }
  if (byField.size > 0) {
    form.setFields([...byField.values()]);
    const first = [...byField.values()][0];
    if (first) form.scrollToField(first.name, { block: 'center' });
  }
  return byField.size > 0 && unmapped === 0;
}

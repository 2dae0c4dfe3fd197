/**
 * Spreadsheet formula-injection protection (OWASP "CSV injection"): a cell whose text starts with
 * `=`, `+`, `-`, `@`, a tab or a carriage return could be run as a formula by Excel or LibreOffice,
 * so it gets a leading apostrophe and is shown as plain text. Every text cell of an export goes
 * through this, numbers-as-strings ("-5") included.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function escapeSpreadsheetCell(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  return FORMULA_START.test(value) ? `'${value}` : value;
}

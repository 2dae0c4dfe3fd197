/** "3.1.2" → "0003.0001.0002", so outline codes sort as numbers (3.10 after 3.9). */
export function codeSortKey(code: string): string {
  return code
    .split('.')
    .map((part) => (/^\d+$/.test(part) ? part.padStart(4, '0') : part))
    .join('.');
}

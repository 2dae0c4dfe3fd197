import { type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { foldForSearch } from '../../common/vietnamese';

/**
 * The words of a text as search compares them: folded like the SQL `f_search` (no diacritics, lower
 * case) and split at anything not a letter or digit, so "KH&CN", "KH,CN" and "KH - CN" are all
 * `kh cn` and "Đổi mới sáng tạo" is `doi moi sang tao`.
 */
export function searchTokens(text: string): string[] {
  return foldForSearch(text.normalize('NFC'))
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** "và" joins the words of a name and is dropped in its short forms: KH&CN = khoa học và công nghệ. */
const CONNECTOR = 'va';
const content = (tokens: readonly string[]) => tokens.filter((t) => t !== CONNECTOR);

/**
 * The key a synonym form is found by: its words without "và", run together. "KH&CN", "KH,CN" and
 * "KHCN" are all `khcn`; "khoa học và công nghệ" and "khoa hoc cong nghe" are `khoahoccongnghe`.
 */
export function synonymKey(tokens: readonly string[]): string {
  return content(tokens).join('');
}

/**
 * The regular expression a form is found by in an `f_search` text: its words in order, as whole
 * words, separated by any punctuation or spaces or nothing (KH&CN, KH,CN, KHCN) and optionally "và"
 * (khoa học công nghệ, khoa học và công nghệ). Tokens are [a-z0-9] only: nothing to escape.
 */
export function synonymPattern(tokens: readonly string[]): string {
  const sep = `[^a-z0-9]*(${CONNECTOR}[^a-z0-9]+)?`;
  return `(^|[^a-z0-9])${content(tokens).join(sep)}([^a-z0-9]|$)`;
}

/** Query windows longer than this many words are not looked up as synonyms. */
const MAX_PHRASE_WORDS = 8;

/**
 * Free-text search that ignores diacritics and case: every word of `q` must occur in the column,
 * which holds `f_search(...)` of the searchable fields (trigram-indexed) — or be part of a phrase of
 * the query that is a form of a synonym group (search_synonyms), with any of the group's forms
 * occurring instead. So "KH&CN" finds "khoa học và công nghệ", "khoa hoc cong nghe" finds "KH,CN",
 * "ĐMST" finds "đổi mới sáng tạo". The groups are read in the same statement (one small table, an
 * uncorrelated sub-select evaluated once per word): nothing cached, an edit counts on the next search
 * on every instance.
 */
export function searchConditions(column: PgColumn | SQL, q: string | undefined): SQL[] {
  const words = (q ?? '').normalize('NFC').trim().split(/\s+/).filter(Boolean).slice(0, 10);
  const tokens = words.map(searchTokens);
  return words.map((word, k) => {
    const escaped = word.replace(/[\\%_]/g, (c) => `\\${c}`);
    const plain = sql`${column} like '%' || f_search(${escaped}) || '%'`;
    const keys = new Set<string>();
    for (let i = Math.max(0, k - MAX_PHRASE_WORDS + 1); i <= k; i++) {
      for (let j = k; j < Math.min(words.length, i + MAX_PHRASE_WORDS); j++) {
        const key = synonymKey(tokens.slice(i, j + 1).flat());
        if (key) keys.add(key);
      }
    }
    if (!keys.size) return plain;
    return sql`(${plain} or ${column} ~ any(array(select unnest(s.patterns) from search_synonyms s
      where s.keys && ${sql.param([...keys])}::text[])))`;
  });
}

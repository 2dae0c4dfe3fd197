import { VIETNAMESE_SORT_TABLES as t } from '../common/vietnamese';

const q = (s: string) => s.replace(/'/g, "''");
console.log(`-- Search and sort helpers used by generated columns and indexes. See common/vietnamese.ts.
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
-- Lower case without diacritics ("Chuyển đổi số" -> "chuyen doi so"); IMMUTABLE so it can back indexes.
CREATE OR REPLACE FUNCTION f_search(t text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, t)) $$;
--> statement-breakpoint
-- Vietnamese alphabetical order without ICU (PGlite has none): compare the key with COLLATE "C".
CREATE OR REPLACE FUNCTION vi_sort_key(t text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$ SELECT translate(translate(t, '${q(t.tonedFrom)}', '${q(t.tonedToBase)}'), '${q(t.lettersFrom)}', '${q(t.lettersTo)}')
  || chr(1) || regexp_replace(translate(t, '${q(t.tonedFrom)}', '${q(t.tonedToDigit)}'), '[^1-5]', '0', 'g') $$;`);

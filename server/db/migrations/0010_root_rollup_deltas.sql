CREATE TABLE "data_rollup_deltas" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "data_rollup_deltas_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"indicator_id" uuid NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"period" text NOT NULL,
	"value_count" integer NOT NULL,
	"value_sum" numeric NOT NULL,
	"value_min" numeric,
	"value_max" numeric,
	"latest_value" numeric,
	"latest_at" timestamp with time zone,
	"stale" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE INDEX "data_rollup_deltas_key_idx" ON "data_rollup_deltas" USING btree ("indicator_id","org_unit_id","period");--> statement-breakpoint
-- Roots now keep a roll-up row as well (changes reach it through data_rollup_deltas): build it
-- for the values already stored.
WITH RECURSIVE "lineage"("unit_id", "ancestor_id") AS (
  SELECT "o"."id", "o"."parent_id" FROM "org_units" "o" WHERE "o"."parent_id" IS NOT NULL
  UNION ALL
  SELECT "l"."unit_id", "o"."parent_id" FROM "lineage" "l" JOIN "org_units" "o" ON "o"."id" = "l"."ancestor_id"
  WHERE "o"."parent_id" IS NOT NULL
)
INSERT INTO "data_rollups"
  ("indicator_id", "org_unit_id", "period", "value_count", "value_sum", "value_min", "value_max", "latest_value", "latest_at")
SELECT "v"."indicator_id", "l"."ancestor_id", "v"."period", count(*), sum("v"."value"), min("v"."value"), max("v"."value"),
  (array_agg("v"."value" ORDER BY "v"."updated_at" DESC))[1], max("v"."updated_at")
FROM "data_values" "v"
JOIN "lineage" "l" ON "l"."unit_id" = "v"."org_unit_id"
JOIN "org_units" "a" ON "a"."id" = "l"."ancestor_id" AND "a"."parent_id" IS NULL
GROUP BY "v"."indicator_id", "l"."ancestor_id", "v"."period";

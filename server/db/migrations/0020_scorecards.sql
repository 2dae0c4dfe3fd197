CREATE TABLE "scorecard_formulas" (
	"version" integer PRIMARY KEY NOT NULL,
	"weights" jsonb NOT NULL,
	"note" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "scorecard_formulas_version_check" CHECK ("scorecard_formulas"."version" >= 1)
);
--> statement-breakpoint
CREATE TABLE "scorecard_publications" (
	"period" text PRIMARY KEY NOT NULL,
	"formula_version" integer NOT NULL,
	"published_by" uuid,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scorecard_snapshots" (
	"period" text NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"score" numeric(5, 1),
	"rank" integer,
	"peers" integer NOT NULL,
	"components" jsonb NOT NULL,
	"evidence" jsonb NOT NULL,
	CONSTRAINT "scorecard_snapshots_period_org_unit_id_pk" PRIMARY KEY("period","org_unit_id")
);
--> statement-breakpoint
ALTER TABLE "scorecard_formulas" ADD CONSTRAINT "scorecard_formulas_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scorecard_publications" ADD CONSTRAINT "scorecard_publications_formula_version_scorecard_formulas_version_fk" FOREIGN KEY ("formula_version") REFERENCES "public"."scorecard_formulas"("version") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scorecard_publications" ADD CONSTRAINT "scorecard_publications_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scorecard_snapshots" ADD CONSTRAINT "scorecard_snapshots_period_scorecard_publications_period_fk" FOREIGN KEY ("period") REFERENCES "public"."scorecard_publications"("period") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scorecard_snapshots" ADD CONSTRAINT "scorecard_snapshots_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "scorecard_snapshots_unit_idx" ON "scorecard_snapshots" USING btree ("org_unit_id");--> statement-breakpoint
-- The first weights of the scorecard. A change of weights inserts the next version.
INSERT INTO "scorecard_formulas" ("version", "weights", "note") VALUES
  (1, '{"tasksOnTime": 40, "reportsOnTime": 25, "indicators": 25, "reportsNotReturned": 10}'::jsonb,
   'Phiên bản đầu tiên: nhiệm vụ hoàn thành đúng hạn 40, báo cáo đúng hạn 25, chỉ tiêu 25, báo cáo không bị trả lại 10.');
--> statement-breakpoint
-- Versions of the weights and published scores are kept as they were: never updated nor deleted.
CREATE FUNCTION scorecard_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'Bảng điểm đã công bố và các phiên bản trọng số không được sửa hay xoá: % trên % (scorecards are kept as published)',
    TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER scorecard_formulas_keep BEFORE UPDATE OR DELETE OR TRUNCATE ON scorecard_formulas
  FOR EACH STATEMENT EXECUTE FUNCTION scorecard_refuse_change();
--> statement-breakpoint
CREATE TRIGGER scorecard_publications_keep BEFORE UPDATE OR DELETE OR TRUNCATE ON scorecard_publications
  FOR EACH STATEMENT EXECUTE FUNCTION scorecard_refuse_change();
--> statement-breakpoint
CREATE TRIGGER scorecard_snapshots_keep BEFORE UPDATE OR DELETE OR TRUNCATE ON scorecard_snapshots
  FOR EACH STATEMENT EXECUTE FUNCTION scorecard_refuse_change();

CREATE TABLE "evidence_files" (
	"sha256" text PRIMARY KEY NOT NULL,
	"size" bigint NOT NULL,
	"content_type" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"user_id" uuid NOT NULL,
	"key" text NOT NULL,
	"request" text NOT NULL,
	"status_code" integer NOT NULL,
	"response" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_user_id_key_pk" PRIMARY KEY("user_id","key")
);
--> statement-breakpoint
CREATE TABLE "report_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"field" text NOT NULL,
	"body" text NOT NULL,
	"author_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_evidence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"plan_item_id" uuid,
	"sha256" text NOT NULL,
	"file_name" text NOT NULL,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_indicators" (
	"report_id" uuid NOT NULL,
	"indicator_id" uuid NOT NULL,
	CONSTRAINT "report_indicators_report_id_indicator_id_pk" PRIMARY KEY("report_id","indicator_id")
);
--> statement-breakpoint
CREATE TABLE "report_items" (
	"report_id" uuid NOT NULL,
	"plan_item_id" uuid NOT NULL,
	"role" text NOT NULL,
	"progress" integer,
	"results" text,
	"obstacles" text,
	"proposals" text,
	"links" jsonb DEFAULT '[]'::jsonb NOT NULL,
	CONSTRAINT "report_items_report_id_plan_item_id_pk" PRIMARY KEY("report_id","plan_item_id"),
	CONSTRAINT "report_items_role_check" CHECK ("report_items"."role" in ('lead', 'cooperator')),
	CONSTRAINT "report_items_progress_check" CHECK ("report_items"."progress" is null or "report_items"."progress" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "report_snapshots" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "report_snapshots_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"report_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"action" text NOT NULL,
	"from_status" text NOT NULL,
	"to_status" text NOT NULL,
	"reason" text,
	"content" jsonb NOT NULL,
	"actor_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"due_date" date NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"general" jsonb DEFAULT '{"summary":null,"obstacles":null,"proposals":null}'::jsonb NOT NULL,
	"returned_stage" text,
	"return_reason" text,
	"submitted_at" timestamp with time zone,
	"first_submitted_at" timestamp with time zone,
	"approved_at" timestamp with time zone,
	"accepted_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reports_round_unit" UNIQUE("round_id","org_unit_id"),
	CONSTRAINT "reports_status_check" CHECK ("reports"."status" in ('draft', 'submitted', 'approved', 'accepted', 'returned'))
);
--> statement-breakpoint
CREATE TABLE "holidays" (
	"date" date PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "round_schedules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"period_type" text NOT NULL,
	"due_working_days" integer DEFAULT 5 NOT NULL,
	"grace_days" integer DEFAULT 3 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "round_schedules_plan_period_type" UNIQUE("plan_id","period_type")
);
--> statement-breakpoint
CREATE TABLE "rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"period" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"cutoff_end" date NOT NULL,
	"due_date" date NOT NULL,
	"grace_days" integer NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"opened_by" uuid,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "rounds_kind_check" CHECK ("rounds"."kind" in ('periodic', 'ad_hoc')),
	CONSTRAINT "rounds_status_check" CHECK ("rounds"."status" in ('open', 'closed'))
);
--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_comments" ADD CONSTRAINT "report_comments_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_comments" ADD CONSTRAINT "report_comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_evidence" ADD CONSTRAINT "report_evidence_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_evidence" ADD CONSTRAINT "report_evidence_plan_item_id_plan_items_id_fk" FOREIGN KEY ("plan_item_id") REFERENCES "public"."plan_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_evidence" ADD CONSTRAINT "report_evidence_sha256_evidence_files_sha256_fk" FOREIGN KEY ("sha256") REFERENCES "public"."evidence_files"("sha256") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_evidence" ADD CONSTRAINT "report_evidence_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_indicators" ADD CONSTRAINT "report_indicators_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_indicators" ADD CONSTRAINT "report_indicators_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_items" ADD CONSTRAINT "report_items_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_items" ADD CONSTRAINT "report_items_plan_item_id_plan_items_id_fk" FOREIGN KEY ("plan_item_id") REFERENCES "public"."plan_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_snapshots" ADD CONSTRAINT "report_snapshots_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_snapshots" ADD CONSTRAINT "report_snapshots_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_schedules" ADD CONSTRAINT "round_schedules_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rounds" ADD CONSTRAINT "rounds_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rounds" ADD CONSTRAINT "rounds_opened_by_users_id_fk" FOREIGN KEY ("opened_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "report_comments_report_idx" ON "report_comments" USING btree ("report_id");--> statement-breakpoint
CREATE INDEX "report_evidence_report_idx" ON "report_evidence" USING btree ("report_id");--> statement-breakpoint
CREATE INDEX "report_items_item_idx" ON "report_items" USING btree ("plan_item_id");--> statement-breakpoint
CREATE INDEX "report_snapshots_report_idx" ON "report_snapshots" USING btree ("report_id","id");--> statement-breakpoint
CREATE INDEX "reports_unit_idx" ON "reports" USING btree ("org_unit_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "rounds_periodic_unique" ON "rounds" USING btree ("plan_id","period") WHERE "rounds"."kind" = 'periodic';--> statement-breakpoint
CREATE INDEX "rounds_plan_idx" ON "rounds" USING btree ("plan_id","opened_at");--> statement-breakpoint
-- The statutory days off 2025–2030 (common/working-days.ts DEFAULT_HOLIDAYS); the secretariat keeps the list.
INSERT INTO "holidays" ("date", "name") VALUES
  ('2025-01-01', 'Tết Dương lịch'),
  ('2025-01-28', 'Tết Nguyên đán'),
  ('2025-01-29', 'Tết Nguyên đán'),
  ('2025-01-30', 'Tết Nguyên đán'),
  ('2025-01-31', 'Tết Nguyên đán'),
  ('2025-02-01', 'Tết Nguyên đán'),
  ('2025-04-07', 'Giỗ Tổ Hùng Vương'),
  ('2025-04-30', 'Ngày Chiến thắng'),
  ('2025-05-01', 'Ngày Quốc tế Lao động'),
  ('2025-09-01', 'Quốc khánh'),
  ('2025-09-02', 'Quốc khánh'),
  ('2026-01-01', 'Tết Dương lịch'),
  ('2026-02-16', 'Tết Nguyên đán'),
  ('2026-02-17', 'Tết Nguyên đán'),
  ('2026-02-18', 'Tết Nguyên đán'),
  ('2026-02-19', 'Tết Nguyên đán'),
  ('2026-02-20', 'Tết Nguyên đán'),
  ('2026-04-26', 'Giỗ Tổ Hùng Vương'),
  ('2026-04-30', 'Ngày Chiến thắng'),
  ('2026-05-01', 'Ngày Quốc tế Lao động'),
  ('2026-09-01', 'Quốc khánh'),
  ('2026-09-02', 'Quốc khánh'),
  ('2027-01-01', 'Tết Dương lịch'),
  ('2027-02-05', 'Tết Nguyên đán'),
  ('2027-02-06', 'Tết Nguyên đán'),
  ('2027-02-07', 'Tết Nguyên đán'),
  ('2027-02-08', 'Tết Nguyên đán'),
  ('2027-02-09', 'Tết Nguyên đán'),
  ('2027-04-16', 'Giỗ Tổ Hùng Vương'),
  ('2027-04-30', 'Ngày Chiến thắng'),
  ('2027-05-01', 'Ngày Quốc tế Lao động'),
  ('2027-09-01', 'Quốc khánh'),
  ('2027-09-02', 'Quốc khánh'),
  ('2028-01-01', 'Tết Dương lịch'),
  ('2028-01-25', 'Tết Nguyên đán'),
  ('2028-01-26', 'Tết Nguyên đán'),
  ('2028-01-27', 'Tết Nguyên đán'),
  ('2028-01-28', 'Tết Nguyên đán'),
  ('2028-01-29', 'Tết Nguyên đán'),
  ('2028-04-04', 'Giỗ Tổ Hùng Vương'),
  ('2028-04-30', 'Ngày Chiến thắng'),
  ('2028-05-01', 'Ngày Quốc tế Lao động'),
  ('2028-09-01', 'Quốc khánh'),
  ('2028-09-02', 'Quốc khánh'),
  ('2029-01-01', 'Tết Dương lịch'),
  ('2029-02-12', 'Tết Nguyên đán'),
  ('2029-02-13', 'Tết Nguyên đán'),
  ('2029-02-14', 'Tết Nguyên đán'),
  ('2029-02-15', 'Tết Nguyên đán'),
  ('2029-02-16', 'Tết Nguyên đán'),
  ('2029-04-23', 'Giỗ Tổ Hùng Vương'),
  ('2029-04-30', 'Ngày Chiến thắng'),
  ('2029-05-01', 'Ngày Quốc tế Lao động'),
  ('2029-09-01', 'Quốc khánh'),
  ('2029-09-02', 'Quốc khánh'),
  ('2030-01-01', 'Tết Dương lịch'),
  ('2030-02-02', 'Tết Nguyên đán'),
  ('2030-02-03', 'Tết Nguyên đán'),
  ('2030-02-04', 'Tết Nguyên đán'),
  ('2030-02-05', 'Tết Nguyên đán'),
  ('2030-02-06', 'Tết Nguyên đán'),
  ('2030-04-12', 'Giỗ Tổ Hùng Vương'),
  ('2030-04-30', 'Ngày Chiến thắng'),
  ('2030-05-01', 'Ngày Quốc tế Lao động'),
  ('2030-09-01', 'Quốc khánh'),
  ('2030-09-02', 'Quốc khánh')
ON CONFLICT DO NOTHING;

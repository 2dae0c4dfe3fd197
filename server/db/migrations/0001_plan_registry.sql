CREATE TABLE "org_units" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"short_name" text,
	"kind" text NOT NULL,
	"parent_id" uuid,
	"active" boolean DEFAULT true NOT NULL,
	"name_sort_key" text GENERATED ALWAYS AS (vi_sort_key(name)) STORED,
	"search_text" text GENERATED ALWAYS AS (f_search(code || ' ' || name || ' ' || coalesce(short_name, ''))) STORED,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "org_units_code_unique" UNIQUE("code"),
	CONSTRAINT "org_units_kind_check" CHECK ("org_units"."kind" in ('province', 'party_body', 'department', 'commune', 'ward', 'special_zone', 'enterprise', 'other')),
	CONSTRAINT "org_units_not_own_parent" CHECK ("org_units"."parent_id" is null or "org_units"."parent_id" <> "org_units"."id")
);
--> statement-breakpoint
CREATE TABLE "plan_item_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"item_id" uuid NOT NULL,
	"action" text NOT NULL,
	"actor" text NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"before" jsonb,
	"after" jsonb
);
--> statement-breakpoint
CREATE TABLE "plan_item_cooperators" (
	"item_id" uuid NOT NULL,
	"org_unit_id" uuid NOT NULL,
	CONSTRAINT "plan_item_cooperators_item_id_org_unit_id_pk" PRIMARY KEY("item_id","org_unit_id")
);
--> statement-breakpoint
CREATE TABLE "plan_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"parent_id" uuid,
	"kind" text NOT NULL,
	"code" text NOT NULL,
	"code_sort_key" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"lead_org_unit_id" uuid,
	"start_date" date,
	"deadline" date,
	"recurrence" text DEFAULT 'none' NOT NULL,
	"expected_product" text,
	"weight" numeric(6, 2) DEFAULT 1 NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"completed_on" date,
	"archived_at" timestamp with time zone,
	"title_sort_key" text GENERATED ALWAYS AS (vi_sort_key(title)) STORED,
	"search_text" text GENERATED ALWAYS AS (f_search(code || ' ' || title || ' ' || coalesce(expected_product, ''))) STORED,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_items_plan_code_unique" UNIQUE("plan_id","code"),
	CONSTRAINT "plan_items_kind_check" CHECK ("plan_items"."kind" in ('group', 'task', 'milestone')),
	CONSTRAINT "plan_items_recurrence_check" CHECK ("plan_items"."recurrence" in ('none', 'yearly')),
	CONSTRAINT "plan_items_progress_check" CHECK ("plan_items"."progress" between 0 and 100),
	CONSTRAINT "plan_items_weight_check" CHECK ("plan_items"."weight" >= 0),
	CONSTRAINT "plan_items_dates_check" CHECK ("plan_items"."start_date" is null or "plan_items"."deadline" is null or "plan_items"."start_date" <= "plan_items"."deadline"),
	CONSTRAINT "plan_items_not_own_parent" CHECK ("plan_items"."parent_id" is null or "plan_items"."parent_id" <> "plan_items"."id")
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"title" text NOT NULL,
	"issuing_body" text NOT NULL,
	"issue_date" date,
	"parent_document" text,
	"owner_org_unit_id" uuid,
	"horizon_start_year" integer NOT NULL,
	"horizon_end_year" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"archived_at" timestamp with time zone,
	"title_sort_key" text GENERATED ALWAYS AS (vi_sort_key(title)) STORED,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plans_number_unique" UNIQUE("number"),
	CONSTRAINT "plans_status_check" CHECK ("plans"."status" in ('draft', 'active', 'closed')),
	CONSTRAINT "plans_horizon_check" CHECK ("plans"."horizon_start_year" <= "plans"."horizon_end_year")
);
--> statement-breakpoint
ALTER TABLE "org_units" ADD CONSTRAINT "org_units_parent_id_org_units_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_item_changes" ADD CONSTRAINT "plan_item_changes_item_id_plan_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."plan_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_item_cooperators" ADD CONSTRAINT "plan_item_cooperators_item_id_plan_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."plan_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_item_cooperators" ADD CONSTRAINT "plan_item_cooperators_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_items" ADD CONSTRAINT "plan_items_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_items" ADD CONSTRAINT "plan_items_parent_id_plan_items_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."plan_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_items" ADD CONSTRAINT "plan_items_lead_org_unit_id_org_units_id_fk" FOREIGN KEY ("lead_org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_owner_org_unit_id_org_units_id_fk" FOREIGN KEY ("owner_org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "org_units_parent_idx" ON "org_units" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "org_units_search_idx" ON "org_units" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "plan_item_changes_item_idx" ON "plan_item_changes" USING btree ("item_id","changed_at");--> statement-breakpoint
CREATE INDEX "plan_item_cooperators_org_idx" ON "plan_item_cooperators" USING btree ("org_unit_id");--> statement-breakpoint
CREATE INDEX "plan_items_plan_idx" ON "plan_items" USING btree ("plan_id","code_sort_key");--> statement-breakpoint
CREATE INDEX "plan_items_parent_idx" ON "plan_items" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "plan_items_lead_idx" ON "plan_items" USING btree ("lead_org_unit_id");--> statement-breakpoint
CREATE INDEX "plan_items_search_idx" ON "plan_items" USING gin ("search_text" gin_trgm_ops);
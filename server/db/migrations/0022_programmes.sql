CREATE TABLE "budget_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid,
	"plan_item_id" uuid,
	"year" integer NOT NULL,
	"source" text NOT NULL,
	"allocated" bigint NOT NULL,
	"disbursed" bigint DEFAULT 0 NOT NULL,
	"note" text,
	"is_public" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "budget_lines_target_year_source_unique" UNIQUE NULLS NOT DISTINCT("programme_id","plan_item_id","year","source"),
	CONSTRAINT "budget_lines_target_check" CHECK ("budget_lines"."programme_id" is not null or "budget_lines"."plan_item_id" is not null),
	CONSTRAINT "budget_lines_source_check" CHECK ("budget_lines"."source" in ('central', 'provincial', 'oda', 'private', 'ppp')),
	CONSTRAINT "budget_lines_year_check" CHECK ("budget_lines"."year" between 2000 and 2100),
	CONSTRAINT "budget_lines_amounts_check" CHECK ("budget_lines"."allocated" >= 0 and "budget_lines"."disbursed" >= 0)
);
--> statement-breakpoint
CREATE TABLE "programme_plan_items" (
	"programme_id" uuid NOT NULL,
	"plan_item_id" uuid NOT NULL,
	CONSTRAINT "programme_plan_items_programme_id_plan_item_id_pk" PRIMARY KEY("programme_id","plan_item_id")
);
--> statement-breakpoint
CREATE TABLE "programmes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"legal_basis_number" text,
	"legal_basis_date" date,
	"legal_basis_issuer" text,
	"owner_org_unit_id" uuid,
	"from_year" integer,
	"to_year" integer,
	"description" text,
	"status" text DEFAULT 'ongoing' NOT NULL,
	"is_public" boolean DEFAULT false NOT NULL,
	"archived_at" timestamp with time zone,
	"name_sort_key" text GENERATED ALWAYS AS (vi_sort_key(name)) STORED,
	"search_text" text GENERATED ALWAYS AS (f_search(code || ' ' || name || ' ' || coalesce(legal_basis_number, '') || ' ' || coalesce(description, ''))) STORED,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "programmes_code_unique" UNIQUE("code"),
	CONSTRAINT "programmes_status_check" CHECK ("programmes"."status" in ('ongoing', 'ended', 'planned')),
	CONSTRAINT "programmes_years_check" CHECK (("programmes"."from_year" is null or "programmes"."from_year" between 2000 and 2100)
        and ("programmes"."to_year" is null or "programmes"."to_year" between 2000 and 2100)
        and ("programmes"."from_year" is null or "programmes"."to_year" is null or "programmes"."from_year" <= "programmes"."to_year"))
);
--> statement-breakpoint
CREATE TABLE "support_policies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"legal_basis_number" text,
	"legal_basis_date" date,
	"legal_basis_issuer" text,
	"eligibility" text NOT NULL,
	"support_level" text NOT NULL,
	"max_amount" bigint,
	"max_percent" numeric(5, 2),
	"how_to_apply" text,
	"apply_at" text,
	"deadline" date,
	"contact_office" text,
	"contact_phone" text,
	"contact_email" text,
	"status" text DEFAULT 'active' NOT NULL,
	"programme_id" uuid,
	"owner_org_unit_id" uuid,
	"is_public" boolean DEFAULT false NOT NULL,
	"archived_at" timestamp with time zone,
	"name_sort_key" text GENERATED ALWAYS AS (vi_sort_key(name)) STORED,
	"search_text" text GENERATED ALWAYS AS (f_search(name || ' ' || eligibility || ' ' || support_level || ' ' || coalesce(legal_basis_number, '') || ' ' || coalesce(apply_at, ''))) STORED,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "support_policies_name_unique" UNIQUE("name"),
	CONSTRAINT "support_policies_status_check" CHECK ("support_policies"."status" in ('active', 'expired', 'upcoming')),
	CONSTRAINT "support_policies_amount_check" CHECK ("support_policies"."max_amount" is null or "support_policies"."max_amount" >= 0),
	CONSTRAINT "support_policies_percent_check" CHECK ("support_policies"."max_percent" is null or "support_policies"."max_percent" between 0 and 100)
);
--> statement-breakpoint
ALTER TABLE "budget_lines" ADD CONSTRAINT "budget_lines_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_lines" ADD CONSTRAINT "budget_lines_plan_item_id_plan_items_id_fk" FOREIGN KEY ("plan_item_id") REFERENCES "public"."plan_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_plan_items" ADD CONSTRAINT "programme_plan_items_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_plan_items" ADD CONSTRAINT "programme_plan_items_plan_item_id_plan_items_id_fk" FOREIGN KEY ("plan_item_id") REFERENCES "public"."plan_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programmes" ADD CONSTRAINT "programmes_owner_org_unit_id_org_units_id_fk" FOREIGN KEY ("owner_org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_policies" ADD CONSTRAINT "support_policies_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_policies" ADD CONSTRAINT "support_policies_owner_org_unit_id_org_units_id_fk" FOREIGN KEY ("owner_org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "budget_lines_item_idx" ON "budget_lines" USING btree ("plan_item_id");--> statement-breakpoint
CREATE INDEX "programme_plan_items_item_idx" ON "programme_plan_items" USING btree ("plan_item_id");--> statement-breakpoint
CREATE INDEX "programmes_owner_idx" ON "programmes" USING btree ("owner_org_unit_id");--> statement-breakpoint
CREATE INDEX "programmes_search_idx" ON "programmes" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "support_policies_programme_idx" ON "support_policies" USING btree ("programme_id");--> statement-breakpoint
CREATE INDEX "support_policies_owner_idx" ON "support_policies" USING btree ("owner_org_unit_id");--> statement-breakpoint
CREATE INDEX "support_policies_search_idx" ON "support_policies" USING gin ("search_text" gin_trgm_ops);
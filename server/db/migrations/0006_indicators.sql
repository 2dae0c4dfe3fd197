CREATE TABLE "data_rollups" (
	"indicator_id" uuid NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"period" text NOT NULL,
	"value_count" integer DEFAULT 0 NOT NULL,
	"value_sum" numeric DEFAULT '0' NOT NULL,
	"value_min" numeric,
	"value_max" numeric,
	"latest_value" numeric,
	"latest_at" timestamp with time zone,
	CONSTRAINT "data_rollups_indicator_id_org_unit_id_period_pk" PRIMARY KEY("indicator_id","org_unit_id","period")
);
--> statement-breakpoint
CREATE TABLE "data_value_revisions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "data_value_revisions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"indicator_id" uuid NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"period" text NOT NULL,
	"value" numeric,
	"comment" text,
	"state" text,
	"changed_by" uuid,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"request_id" text
);
--> statement-breakpoint
CREATE TABLE "data_values" (
	"indicator_id" uuid NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"period" text NOT NULL,
	"value" numeric NOT NULL,
	"comment" text,
	"state" text DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "data_values_indicator_id_org_unit_id_period_pk" PRIMARY KEY("indicator_id","org_unit_id","period"),
	CONSTRAINT "data_values_state_check" CHECK ("data_values"."state" in ('draft', 'submitted', 'approved'))
);
--> statement-breakpoint
CREATE TABLE "indicator_plan_items" (
	"indicator_id" uuid NOT NULL,
	"plan_item_id" uuid NOT NULL,
	CONSTRAINT "indicator_plan_items_indicator_id_plan_item_id_pk" PRIMARY KEY("indicator_id","plan_item_id")
);
--> statement-breakpoint
CREATE TABLE "indicators" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"definition" text,
	"unit" text NOT NULL,
	"value_type" text NOT NULL,
	"direction" text NOT NULL,
	"aggregation" text NOT NULL,
	"weight_indicator_id" uuid,
	"time_aggregation" text NOT NULL,
	"formula" text,
	"frequency" text NOT NULL,
	"reported_by" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"responsible_org_unit_id" uuid,
	"baseline_year" integer,
	"baseline_value" numeric,
	"targets" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"rule_min" numeric,
	"rule_max" numeric,
	"rule_integer" boolean DEFAULT false NOT NULL,
	"rule_not_above_id" uuid,
	"rule_comment_when_off_target" boolean DEFAULT false NOT NULL,
	"name_sort_key" text GENERATED ALWAYS AS (vi_sort_key(name)) STORED,
	"search_text" text GENERATED ALWAYS AS (f_search(code || ' ' || name)) STORED,
	"archived_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicators_code_unique" UNIQUE("code"),
	CONSTRAINT "indicators_value_type_check" CHECK ("indicators"."value_type" in ('number', 'percent', 'money', 'count', 'boolean')),
	CONSTRAINT "indicators_direction_check" CHECK ("indicators"."direction" in ('higher_is_better', 'lower_is_better')),
	CONSTRAINT "indicators_aggregation_check" CHECK ("indicators"."aggregation" in ('sum', 'average', 'weighted_average', 'min', 'max', 'latest', 'none')),
	CONSTRAINT "indicators_time_aggregation_check" CHECK ("indicators"."time_aggregation" in ('sum', 'average', 'latest', 'min', 'max')),
	CONSTRAINT "indicators_frequency_check" CHECK ("indicators"."frequency" in ('month', 'quarter', 'half_year', 'year')),
	CONSTRAINT "indicators_weight_check" CHECK (("indicators"."aggregation" = 'weighted_average') = ("indicators"."weight_indicator_id" is not null))
);
--> statement-breakpoint
ALTER TABLE "data_rollups" ADD CONSTRAINT "data_rollups_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_rollups" ADD CONSTRAINT "data_rollups_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_values" ADD CONSTRAINT "data_values_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_values" ADD CONSTRAINT "data_values_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_values" ADD CONSTRAINT "data_values_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_plan_items" ADD CONSTRAINT "indicator_plan_items_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_plan_items" ADD CONSTRAINT "indicator_plan_items_plan_item_id_plan_items_id_fk" FOREIGN KEY ("plan_item_id") REFERENCES "public"."plan_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_weight_indicator_id_indicators_id_fk" FOREIGN KEY ("weight_indicator_id") REFERENCES "public"."indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_responsible_org_unit_id_org_units_id_fk" FOREIGN KEY ("responsible_org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_rule_not_above_id_indicators_id_fk" FOREIGN KEY ("rule_not_above_id") REFERENCES "public"."indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "data_value_revisions_key_idx" ON "data_value_revisions" USING btree ("indicator_id","org_unit_id","period","id");--> statement-breakpoint
CREATE INDEX "indicator_plan_items_item_idx" ON "indicator_plan_items" USING btree ("plan_item_id");
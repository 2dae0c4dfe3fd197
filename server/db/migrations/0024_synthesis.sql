CREATE TABLE "synthesis_draft_versions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "synthesis_draft_versions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"round_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"origin" text NOT NULL,
	"sections" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "synthesis_draft_versions_round_version" UNIQUE("round_id","version"),
	CONSTRAINT "synthesis_draft_versions_origin_check" CHECK ("synthesis_draft_versions"."origin" in ('template', 'model', 'edited'))
);
--> statement-breakpoint
CREATE TABLE "synthesis_drafts" (
	"round_id" uuid PRIMARY KEY NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"origin" text NOT NULL,
	"sections" jsonb NOT NULL,
	"sentences" jsonb NOT NULL,
	"clusters" jsonb NOT NULL,
	"unit_count" integer NOT NULL,
	"reporting_unit_count" integer NOT NULL,
	"source_stamp" text NOT NULL,
	"model" jsonb NOT NULL,
	"generated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "synthesis_drafts_origin_check" CHECK ("synthesis_drafts"."origin" in ('template', 'model', 'edited'))
);
--> statement-breakpoint
CREATE TABLE "synthesis_lexicon" (
	"id" text PRIMARY KEY DEFAULT 'province' NOT NULL,
	"concepts" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "synthesis_draft_versions" ADD CONSTRAINT "synthesis_draft_versions_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "synthesis_draft_versions" ADD CONSTRAINT "synthesis_draft_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "synthesis_drafts" ADD CONSTRAINT "synthesis_drafts_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "synthesis_drafts" ADD CONSTRAINT "synthesis_drafts_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "synthesis_lexicon" ADD CONSTRAINT "synthesis_lexicon_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
CREATE TABLE "publication_datasets" (
	"publication_id" uuid NOT NULL,
	"dataset" text NOT NULL,
	"rows" jsonb NOT NULL,
	"row_count" integer NOT NULL,
	CONSTRAINT "publication_datasets_publication_id_dataset_pk" PRIMARY KEY("publication_id","dataset"),
	CONSTRAINT "publication_datasets_dataset_check" CHECK ("publication_datasets"."dataset" in ('nhiem-vu', 'chi-tieu', 'chuong-trinh', 'chinh-sach', 'ngan-sach', 'bao-cao'))
);
--> statement-breakpoint
CREATE TABLE "publications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" integer NOT NULL,
	"status" text DEFAULT 'current' NOT NULL,
	"note" text,
	"published_by" uuid,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	"ended_by" uuid,
	CONSTRAINT "publications_number_unique" UNIQUE("number"),
	CONSTRAINT "publications_status_check" CHECK ("publications"."status" in ('current', 'superseded', 'withdrawn'))
);
--> statement-breakpoint
ALTER TABLE "plan_items" ADD COLUMN "is_public" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "publication_datasets" ADD CONSTRAINT "publication_datasets_publication_id_publications_id_fk" FOREIGN KEY ("publication_id") REFERENCES "public"."publications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publications" ADD CONSTRAINT "publications_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publications" ADD CONSTRAINT "publications_ended_by_users_id_fk" FOREIGN KEY ("ended_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "publications_one_current" ON "publications" USING btree ("status") WHERE "publications"."status" = 'current';
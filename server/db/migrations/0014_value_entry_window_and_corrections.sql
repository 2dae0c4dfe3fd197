ALTER TABLE "data_value_revisions" ADD COLUMN "reason" text;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "value_entry_window" text DEFAULT 'open_rounds' NOT NULL;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_value_entry_window_check" CHECK ("plans"."value_entry_window" in ('open_rounds', 'any_past'));
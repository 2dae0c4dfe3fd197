ALTER TABLE "document_versions" ADD COLUMN "pdf" "bytea";--> statement-breakpoint
ALTER TABLE "document_versions" ADD COLUMN "pdf_sha256" text;
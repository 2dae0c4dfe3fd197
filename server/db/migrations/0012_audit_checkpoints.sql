CREATE TABLE "audit_checkpoints" (
	"chain_seq" bigint PRIMARY KEY NOT NULL,
	"head_hash" text NOT NULL,
	"signed_at" timestamp (3) with time zone NOT NULL,
	"key_id" text NOT NULL,
	"mac" text NOT NULL,
	CONSTRAINT "audit_checkpoints_head_hash_check" CHECK ("audit_checkpoints"."head_hash" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "audit_checkpoints_mac_check" CHECK ("audit_checkpoints"."mac" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "security_event_counters" (
	"actor_key" text NOT NULL,
	"minute" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"count" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "security_event_counters_actor_key_minute_kind_pk" PRIMARY KEY("actor_key","minute","kind")
);
--> statement-breakpoint
CREATE INDEX "security_event_counters_minute_idx" ON "security_event_counters" USING btree ("minute");
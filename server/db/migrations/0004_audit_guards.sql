-- The audit log is append-only. Triggers refuse UPDATE, DELETE and TRUNCATE on the events and
-- on their hash chain; only a table owner or superuser who disables the triggers can get past
-- them, and the hash chain then shows what was done (`npm run audit:verify`).
-- Nothing here is newer than PostgreSQL 15, so the same file runs on PGlite and on a server.
CREATE FUNCTION audit_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'Nhật ký kiểm toán chỉ được ghi thêm: không được % trên % (the audit log is append-only)',
    TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
-- The database, not the writer, sets the time and the transaction id of an event: a writer can
-- neither back-date an event nor hide it from the sequencer behind an old transaction id.
CREATE FUNCTION audit_events_stamp() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.occurred_at := now();
  NEW.tx_id := (pg_current_xact_id()::text)::bigint;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_stamp BEFORE INSERT ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_stamp();
--> statement-breakpoint
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_chain_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_chain
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
--> statement-breakpoint
-- The role that runs the migrations (the app's role, unless a DBA migrates) gives up these rights
-- too. A superuser keeps them regardless, and an owner could grant them back: the triggers and the
-- hash chain are the real guard; this stops an ordinary mistake with a clear permission error.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_events, audit_chain FROM CURRENT_USER;

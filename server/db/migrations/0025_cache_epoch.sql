-- Issue 15: a version number of what app instances cache (sessions, role assignments with the
-- org units they cover, the indicator and org-unit catalogue, the plans a value falls under).
-- Each instance reads it once per request and drops its caches when it moved, so a revoked
-- session or role takes effect on the next request on every instance.
-- The number moves at commit, in the same transaction as the change (a deferred trigger): a
-- reader sees the new number only once the change is visible, so what it loads after seeing it
-- is never older than the number. Moving it at the end of the transaction, not per statement,
-- keeps its row lock out of the way of the transaction's own statements (no deadlock between two
-- writers each changing several of these tables), and once per transaction.
CREATE TABLE "cache_epoch" (
	"id" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"epoch" bigint DEFAULT 1 NOT NULL,
	CONSTRAINT "cache_epoch_one_row" CHECK ("id")
);
--> statement-breakpoint
INSERT INTO "cache_epoch" ("id", "epoch") VALUES (true, 1);
--> statement-breakpoint
CREATE FUNCTION cache_epoch_bump() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- once per transaction, however many rows it changed
  IF current_setting('lotrinh.cache_epoch_bumped', true) IS DISTINCT FROM pg_current_xact_id()::text THEN
    PERFORM set_config('lotrinh.cache_epoch_bumped', pg_current_xact_id()::text, true);
    UPDATE cache_epoch SET epoch = epoch + 1 WHERE id;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER sessions_cache_epoch AFTER UPDATE OF revoked_at, expires_at, user_id OR DELETE ON sessions
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION cache_epoch_bump();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER users_cache_epoch
  AFTER UPDATE OF username, display_name, disabled, must_change_password, totp_enabled_at OR DELETE ON users
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION cache_epoch_bump();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER role_assignments_cache_epoch AFTER INSERT OR UPDATE OR DELETE ON role_assignments
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION cache_epoch_bump();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER org_units_cache_epoch AFTER INSERT OR UPDATE OR DELETE ON org_units
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION cache_epoch_bump();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER indicators_cache_epoch AFTER INSERT OR UPDATE OR DELETE ON indicators
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION cache_epoch_bump();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER plans_cache_epoch AFTER INSERT OR UPDATE OR DELETE ON plans
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION cache_epoch_bump();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER indicator_plan_items_cache_epoch AFTER INSERT OR UPDATE OR DELETE ON indicator_plan_items
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION cache_epoch_bump();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER plan_items_cache_epoch AFTER INSERT OR UPDATE OF plan_id OR DELETE ON plan_items
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION cache_epoch_bump();

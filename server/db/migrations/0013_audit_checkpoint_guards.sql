-- Checkpoints are append-only like the events and the chain (0004_audit_guards): a checkpoint
-- removed by someone who disables the trigger is still caught by the auditor's exported copy.
CREATE TRIGGER audit_checkpoints_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_checkpoints
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON audit_checkpoints FROM CURRENT_USER;

-- The audit log and the access log are append-only: every UPDATE and DELETE is refused by the database itself, so no
-- code path (nor a casual edit with a SQLite tool) can change a row; the hash chain still shows a change made by someone
-- who drops these triggers first. The retention purge never edits either log (they hold no personal data in clear: ID
-- numbers only as keyed digests, people as user ids). The one sanctioned rewrite, the ID digest upgrade
-- (electron/core/privacy/id-digest.ts), drops and re-creates these triggers inside its own transaction.
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log` BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log` BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `access_log_no_update` BEFORE UPDATE ON `access_log` BEGIN
  SELECT RAISE(ABORT, 'access_log is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `access_log_no_delete` BEFORE DELETE ON `access_log` BEGIN
  SELECT RAISE(ABORT, 'access_log is append-only');
END;

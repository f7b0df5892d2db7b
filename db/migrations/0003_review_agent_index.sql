DROP INDEX `dossiers_status_due_idx`;--> statement-breakpoint
CREATE INDEX `dossiers_status_due_idx` ON `dossiers` (`status`,`due_date`,`created_by`);
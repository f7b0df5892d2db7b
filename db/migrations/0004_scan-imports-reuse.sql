CREATE TABLE `scan_imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`file_name` text NOT NULL,
	`size` integer NOT NULL,
	`mtime_ms` integer NOT NULL,
	`sha256` text NOT NULL,
	`dossier_id` text NOT NULL,
	`component_id` integer NOT NULL,
	`page_ids` text NOT NULL,
	`blank_page_ids` text DEFAULT '[]' NOT NULL,
	`state` text NOT NULL,
	`committed_at` integer NOT NULL,
	`moved_at` integer
);
--> statement-breakpoint
CREATE INDEX `scan_imports_file_idx` ON `scan_imports` (`file_name`,`sha256`);--> statement-breakpoint
CREATE INDEX `scan_imports_dossier_idx` ON `scan_imports` (`dossier_id`);--> statement-breakpoint
ALTER TABLE `pages` ADD `reused_from_page_id` text;
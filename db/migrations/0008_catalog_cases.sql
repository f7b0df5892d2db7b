CREATE TABLE `catalog_corrections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`procedure_code` text NOT NULL,
	`version` integer NOT NULL,
	`patch` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `catalog_corrections_version_idx` ON `catalog_corrections` (`procedure_code`,`version`);--> statement-breakpoint
CREATE TABLE `procedure_cases` (
	`procedure_code` text NOT NULL,
	`case_key` text NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`ord` integer NOT NULL,
	PRIMARY KEY(`procedure_code`, `case_key`),
	FOREIGN KEY (`procedure_code`) REFERENCES `procedures`(`code`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `procedure_notes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`procedure_code` text NOT NULL,
	`case_key` text,
	`text` text NOT NULL,
	`ord` integer NOT NULL,
	FOREIGN KEY (`procedure_code`) REFERENCES `procedures`(`code`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `procedure_notes_proc_idx` ON `procedure_notes` (`procedure_code`);--> statement-breakpoint
ALTER TABLE `procedure_components` ADD `doc_key` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `procedure_components` ADD `case_key` text;--> statement-breakpoint
ALTER TABLE `procedure_components` ADD `label` text;--> statement-breakpoint
ALTER TABLE `procedure_components` ADD `requirement` text DEFAULT 'required' NOT NULL;--> statement-breakpoint
ALTER TABLE `procedure_components` ADD `condition` text;--> statement-breakpoint
ALTER TABLE `procedure_components` ADD `only_modes` text;--> statement-breakpoint
ALTER TABLE `procedure_components` ADD `requirement_by_mode` text;--> statement-breakpoint
ALTER TABLE `procedure_components` ADD `page_kind` text DEFAULT 'document' NOT NULL;--> statement-breakpoint
ALTER TABLE `procedure_components` ADD `form_id` text;--> statement-breakpoint
ALTER TABLE `procedure_modes` ADD `fee_rule` text;--> statement-breakpoint
ALTER TABLE `procedure_modes` ADD `fee_variants` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `dossier_components` ADD `doc_key` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `dossier_components` ADD `case_key` text;--> statement-breakpoint
ALTER TABLE `dossier_components` ADD `label` text;--> statement-breakpoint
ALTER TABLE `dossier_components` ADD `requirement` text DEFAULT 'required' NOT NULL;--> statement-breakpoint
ALTER TABLE `dossier_components` ADD `condition` text;--> statement-breakpoint
ALTER TABLE `dossier_components` ADD `requirement_by_mode` text;--> statement-breakpoint
ALTER TABLE `dossier_components` ADD `applies` integer;--> statement-breakpoint
ALTER TABLE `dossier_components` ADD `seen_by` text REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `dossier_components` ADD `seen_at` integer;--> statement-breakpoint
ALTER TABLE `dossier_components` ADD `page_kind` text DEFAULT 'document' NOT NULL;--> statement-breakpoint
ALTER TABLE `dossier_components` ADD `form_id` text;--> statement-breakpoint
ALTER TABLE `dossiers` ADD `fee_rule` text;--> statement-breakpoint
ALTER TABLE `dossiers` ADD `fee_quantity` text;--> statement-breakpoint
ALTER TABLE `dossiers` ADD `fee_variant` text;--> statement-breakpoint
ALTER TABLE `dossiers` ADD `fee_override_vnd` integer;--> statement-breakpoint
ALTER TABLE `dossiers` ADD `fee_override_reason` text;--> statement-breakpoint
ALTER TABLE `dossiers` ADD `service_charge_vnd` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `dossiers` ADD `case_key` text;--> statement-breakpoint
ALTER TABLE `dossiers` ADD `subject_name` text;--> statement-breakpoint
ALTER TABLE `pages` ADD `kind` text DEFAULT 'document' NOT NULL;--> statement-breakpoint
UPDATE `procedure_components` SET `requirement` = CASE WHEN `required` = 1 THEN 'required' ELSE 'optional' END, `doc_key` = 'legacy-' || `id`, `only_modes` = NULL;--> statement-breakpoint
UPDATE `dossier_components` SET `requirement` = CASE WHEN `required` = 1 THEN 'required' ELSE 'optional' END, `doc_key` = 'legacy-' || `id`;
--> statement-breakpoint
UPDATE `dossiers` SET `service_charge_vnd` = COALESCE((SELECT json_extract(`value`, '$.serviceChargeVnd') FROM `settings` WHERE `key` = 'app'), 0);

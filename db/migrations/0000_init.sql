CREATE TABLE `counters` (
	`name` text PRIMARY KEY NOT NULL,
	`value` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sessions` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`ended_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`username` text NOT NULL,
	`full_name` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text NOT NULL,
	`failed_attempts` integer DEFAULT 0 NOT NULL,
	`locked_until` integer,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_unique` ON `users` (`username`);--> statement-breakpoint
CREATE TABLE `procedure_components` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`procedure_code` text NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`originals` integer,
	`copies` integer,
	`required` integer NOT NULL,
	`ord` integer NOT NULL,
	FOREIGN KEY (`procedure_code`) REFERENCES `procedures`(`code`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `procedure_components_proc_idx` ON `procedure_components` (`procedure_code`);--> statement-breakpoint
CREATE TABLE `procedure_modes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`procedure_code` text NOT NULL,
	`mode` text NOT NULL,
	`deadline_value` real,
	`deadline_unit` text NOT NULL,
	`deadline_text` text NOT NULL,
	`fee_vnd` integer,
	`fee_text` text NOT NULL,
	`ord` integer NOT NULL,
	FOREIGN KEY (`procedure_code`) REFERENCES `procedures`(`code`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `procedure_modes_proc_idx` ON `procedure_modes` (`procedure_code`);--> statement-breakpoint
CREATE TABLE `procedure_pins` (
	`user_id` text NOT NULL,
	`procedure_code` text NOT NULL,
	`pinned_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `procedure_code`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`procedure_code`) REFERENCES `procedures`(`code`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `procedures` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`search_text` text NOT NULL,
	`level` text,
	`field` text,
	`agency` text,
	`procedure_type` text,
	`decision_no` text,
	`result_text` text,
	`applicant_types` text,
	`source` text NOT NULL,
	`catalog_version` text NOT NULL,
	`active` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE INDEX `procedures_field_idx` ON `procedures` (`field`);--> statement-breakpoint
CREATE TABLE `dossier_components` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dossier_id` text NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`required` integer NOT NULL,
	`originals` integer,
	`copies` integer,
	`ord` integer NOT NULL,
	FOREIGN KEY (`dossier_id`) REFERENCES `dossiers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `dossier_components_dossier_idx` ON `dossier_components` (`dossier_id`);--> statement-breakpoint
CREATE TABLE `dossiers` (
	`id` text PRIMARY KEY NOT NULL,
	`local_code` text NOT NULL,
	`procedure_code` text NOT NULL,
	`procedure_name` text NOT NULL,
	`mode` text NOT NULL,
	`applicant` text NOT NULL,
	`applicant_name_search` text DEFAULT '' NOT NULL,
	`applicant_id_number` text DEFAULT '' NOT NULL,
	`form_data` text DEFAULT '{}' NOT NULL,
	`delivery` text NOT NULL,
	`fee_vnd` integer,
	`status` text NOT NULL,
	`due_date` text,
	`portal_code` text,
	`ready_override_reason` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_by` text NOT NULL,
	`reviewed_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`ready_at` integer,
	FOREIGN KEY (`procedure_code`) REFERENCES `procedures`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `dossiers_local_code_unique` ON `dossiers` (`local_code`);--> statement-breakpoint
CREATE INDEX `dossiers_status_created_idx` ON `dossiers` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `dossiers_created_idx` ON `dossiers` (`created_at`);--> statement-breakpoint
CREATE INDEX `dossiers_creator_created_idx` ON `dossiers` (`created_by`,`created_at`);--> statement-breakpoint
CREATE INDEX `dossiers_procedure_idx` ON `dossiers` (`procedure_code`);--> statement-breakpoint
CREATE INDEX `dossiers_id_number_idx` ON `dossiers` (`applicant_id_number`);--> statement-breakpoint
CREATE TABLE `pages` (
	`id` text PRIMARY KEY NOT NULL,
	`dossier_id` text NOT NULL,
	`component_id` integer NOT NULL,
	`ord` integer NOT NULL,
	`rotation` integer DEFAULT 0 NOT NULL,
	`blob_sha256` text NOT NULL,
	`mime` text NOT NULL,
	`size` integer NOT NULL,
	`width` integer NOT NULL,
	`height` integer NOT NULL,
	`source_name` text NOT NULL,
	`ocr_status` text DEFAULT 'pending' NOT NULL,
	`ocr_text` text,
	`ocr_confidence` real,
	`ocr_words` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`dossier_id`) REFERENCES `dossiers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`component_id`) REFERENCES `dossier_components`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`blob_sha256`) REFERENCES `blobs`(`sha256`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `pages_dossier_idx` ON `pages` (`dossier_id`);--> statement-breakpoint
CREATE INDEX `pages_component_idx` ON `pages` (`component_id`,`ord`);--> statement-breakpoint
CREATE INDEX `pages_blob_idx` ON `pages` (`blob_sha256`);--> statement-breakpoint
CREATE TABLE `status_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dossier_id` text NOT NULL,
	`from_status` text,
	`to_status` text NOT NULL,
	`actor_id` text,
	`source` text NOT NULL,
	`message` text,
	`at` integer NOT NULL,
	FOREIGN KEY (`dossier_id`) REFERENCES `dossiers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `status_events_dossier_idx` ON `status_events` (`dossier_id`,`at`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`actor_id` text,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text,
	`details` text DEFAULT '{}' NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_entity_idx` ON `audit_log` (`entity`,`entity_id`);--> statement-breakpoint
CREATE INDEX `audit_actor_idx` ON `audit_log` (`actor_id`,`at`);--> statement-breakpoint
CREATE TABLE `blobs` (
	`sha256` text PRIMARY KEY NOT NULL,
	`size` integer NOT NULL,
	`mime` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `jobs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`ref_id` text NOT NULL,
	`state` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_run_at` integer NOT NULL,
	`last_error` text,
	`payload` text DEFAULT '{}' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `jobs_due_idx` ON `jobs` (`state`,`next_run_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `jobs_kind_ref_uq` ON `jobs` (`kind`,`ref_id`);
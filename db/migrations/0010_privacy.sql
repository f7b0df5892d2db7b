CREATE TABLE `access_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`actor_id` text,
	`action` text NOT NULL,
	`dossier_id` text,
	`target` text,
	`id_digest` text,
	`reason` text,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `access_log_at_idx` ON `access_log` (`at`);--> statement-breakpoint
CREATE INDEX `access_log_actor_idx` ON `access_log` (`actor_id`,`at`);--> statement-breakpoint
CREATE INDEX `access_log_id_digest_idx` ON `access_log` (`id_digest`,`at`);--> statement-breakpoint
CREATE INDEX `access_log_dossier_idx` ON `access_log` (`dossier_id`);--> statement-breakpoint
CREATE TABLE `consents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dossier_id` text NOT NULL,
	`purpose` text NOT NULL,
	`notice_version` text NOT NULL,
	`method` text NOT NULL,
	`recorded_by` text NOT NULL,
	`recorded_at` integer NOT NULL,
	`withdrawn_at` integer,
	`withdrawn_by` text,
	`withdrawn_note` text,
	FOREIGN KEY (`dossier_id`) REFERENCES `dossiers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`withdrawn_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `consents_dossier_idx` ON `consents` (`dossier_id`,`purpose`);--> statement-breakpoint
CREATE TABLE `legal_holds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dossier_id` text NOT NULL,
	`reason` text NOT NULL,
	`placed_by` text NOT NULL,
	`placed_at` integer NOT NULL,
	`released_by` text,
	`released_at` integer,
	`release_reason` text,
	FOREIGN KEY (`dossier_id`) REFERENCES `dossiers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`placed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`released_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `legal_holds_dossier_idx` ON `legal_holds` (`dossier_id`,`released_at`);--> statement-breakpoint
ALTER TABLE `dossiers` ADD `personal_data_purged_at` integer;--> statement-breakpoint
ALTER TABLE `pages` ADD `purged_at` integer;--> statement-breakpoint
-- Pages know their kind (issue 11 part 6): 0008 added pages.kind as 'document' for every page; a page takes its slot's
-- page kind (dossier_components.page_kind, from the catalog) unless something already set another kind. Never by name.
UPDATE `pages` SET `kind` = (SELECT c.`page_kind` FROM `dossier_components` c WHERE c.`id` = `pages`.`component_id`)
 WHERE `kind` = 'document'
   AND (SELECT c.`page_kind` FROM `dossier_components` c WHERE c.`id` = `pages`.`component_id`) <> 'document';

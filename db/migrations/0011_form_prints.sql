CREATE TABLE `form_prints` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dossier_id` text NOT NULL,
	`form_id` text NOT NULL,
	`form_version` integer NOT NULL,
	`data_hash` text NOT NULL,
	`dossier_version` integer NOT NULL,
	`pages` integer NOT NULL,
	`printed_by` text NOT NULL,
	`printed_at` integer NOT NULL,
	FOREIGN KEY (`dossier_id`) REFERENCES `dossiers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`printed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `form_prints_dossier_idx` ON `form_prints` (`dossier_id`,`printed_at`);--> statement-breakpoint
ALTER TABLE `dossier_components` ADD `form_filled` integer DEFAULT false NOT NULL;
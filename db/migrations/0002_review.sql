CREATE TABLE `contact_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dossier_id` text NOT NULL,
	`at` integer NOT NULL,
	`actor_id` text NOT NULL,
	`channel` text NOT NULL,
	`outcome` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`dossier_id`) REFERENCES `dossiers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `contact_attempts_dossier_idx` ON `contact_attempts` (`dossier_id`,`at`);--> statement-breakpoint
CREATE TABLE `day_closure_lines` (
	`dossier_id` text PRIMARY KEY NOT NULL,
	`day` text NOT NULL,
	`status` text NOT NULL,
	`mode` text NOT NULL,
	`fee_vnd` integer,
	`billable` integer NOT NULL,
	`service_charge_vnd` integer NOT NULL,
	`recorded_in` text NOT NULL,
	FOREIGN KEY (`dossier_id`) REFERENCES `dossiers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `day_closure_lines_day_idx` ON `day_closure_lines` (`day`);--> statement-breakpoint
CREATE TABLE `day_closures` (
	`date` text PRIMARY KEY NOT NULL,
	`closed_at` integer NOT NULL,
	`closed_by` text NOT NULL,
	`snapshot` text NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL,
	`last_event_id` integer NOT NULL,
	`corrections` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`closed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `day_closures_closed_at_idx` ON `day_closures` (`closed_at`);--> statement-breakpoint
CREATE INDEX `dossiers_status_due_idx` ON `dossiers` (`status`,`due_date`);--> statement-breakpoint
CREATE INDEX `dossiers_updated_idx` ON `dossiers` (`updated_at`);--> statement-breakpoint
CREATE INDEX `status_events_to_at_idx` ON `status_events` (`to_status`,`at`);--> statement-breakpoint
CREATE INDEX `audit_action_idx` ON `audit_log` (`action`,`at`);--> statement-breakpoint
CREATE INDEX `audit_at_idx` ON `audit_log` (`at`);
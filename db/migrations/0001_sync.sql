CREATE TABLE `outbox` (
	`dossier_id` text PRIMARY KEY NOT NULL,
	`idempotency_key` text NOT NULL,
	`state` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`last_error_fields` text,
	`body` text,
	`portal_code` text,
	`last_feed_seq` integer DEFAULT 0 NOT NULL,
	`queued_at` integer NOT NULL,
	`acknowledged_at` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`dossier_id`) REFERENCES `dossiers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_idempotency_key_unique` ON `outbox` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `outbox_due_idx` ON `outbox` (`state`,`next_attempt_at`,`queued_at`);--> statement-breakpoint
CREATE TABLE `portal_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dossier_id` text NOT NULL,
	`portal_code` text NOT NULL,
	`feed_seq` integer NOT NULL,
	`documents` text NOT NULL,
	`note` text NOT NULL,
	`at` integer NOT NULL,
	`seen_at` integer,
	`seen_by` text,
	FOREIGN KEY (`dossier_id`) REFERENCES `dossiers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`seen_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `portal_requests_seq_uq` ON `portal_requests` (`dossier_id`,`feed_seq`);--> statement-breakpoint
CREATE INDEX `portal_requests_dossier_idx` ON `portal_requests` (`dossier_id`,`at`);--> statement-breakpoint
CREATE TABLE `sync_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dossier_id` text NOT NULL,
	`at` integer NOT NULL,
	`kind` text NOT NULL,
	`outcome` text NOT NULL,
	`message` text NOT NULL,
	`http_status` integer,
	FOREIGN KEY (`dossier_id`) REFERENCES `dossiers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sync_attempts_dossier_idx` ON `sync_attempts` (`dossier_id`,`at`);--> statement-breakpoint
CREATE TABLE `sync_state` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `uploads` (
	`sha256` text PRIMARY KEY NOT NULL,
	`size` integer NOT NULL,
	`upload_url` text,
	`offset` integer DEFAULT 0 NOT NULL,
	`state` text NOT NULL,
	`bytes_sent` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);

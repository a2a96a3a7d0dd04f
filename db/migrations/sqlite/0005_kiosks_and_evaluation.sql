CREATE TABLE `evaluation_periods` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`year` integer NOT NULL,
	`name` text NOT NULL,
	`unit_id` integer NOT NULL,
	`due_date` text NOT NULL,
	`rubric` text NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `evaluation_periods_unit_year_uq` ON `evaluation_periods` (`unit_id`,`year`,`name`);--> statement-breakpoint
CREATE TABLE `evaluation_scores` (
	`sheet_id` integer NOT NULL,
	`criterion_key` text NOT NULL,
	`self_points_x100` integer,
	`self_note` text,
	`self_links` text,
	`review_points_x100` integer,
	`review_note` text,
	`source` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`sheet_id`) REFERENCES `evaluation_sheets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `evaluation_scores_uq` ON `evaluation_scores` (`sheet_id`,`criterion_key`);--> statement-breakpoint
CREATE TABLE `evaluation_sheets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`period_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`status` text DEFAULT 'not_started' NOT NULL,
	`self_assessed_by` integer,
	`self_assessed_at` integer,
	`reviewed_by` integer,
	`reviewed_at` integer,
	`finalised_by` integer,
	`finalised_at` integer,
	`final_total_x100` integer,
	`final_class` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`period_id`) REFERENCES `evaluation_periods`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`self_assessed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`finalised_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `evaluation_sheets_period_unit_uq` ON `evaluation_sheets` (`period_id`,`unit_id`);--> statement-breakpoint
CREATE TABLE `kiosks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`unit_id` integer NOT NULL,
	`counter_id` integer,
	`name` text NOT NULL,
	`pairing_code_hash` text,
	`pairing_expires_at` integer,
	`credential_hash` text,
	`paired_at` integer,
	`revoked_at` integer,
	`idle_seconds` integer DEFAULT 30 NOT NULL,
	`last_seen_at` integer,
	`app_version` text,
	`queued_count` integer,
	`created_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`counter_id`) REFERENCES `counters`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `kiosks_unit_idx` ON `kiosks` (`unit_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `kiosks_pairing_uq` ON `kiosks` (`pairing_code_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `kiosks_credential_uq` ON `kiosks` (`credential_hash`);
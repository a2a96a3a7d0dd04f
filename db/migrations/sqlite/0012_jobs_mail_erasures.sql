CREATE TABLE `contact_erasures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`response_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`channel` text NOT NULL,
	`requested_at` integer NOT NULL,
	`erased_at` integer NOT NULL,
	`recorded_by` integer,
	`note` text,
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contact_erasures_response_uq` ON `contact_erasures` (`response_id`);--> statement-breakpoint
CREATE INDEX `contact_erasures_unit_idx` ON `contact_erasures` (`unit_id`,`erased_at`);--> statement-breakpoint
CREATE TABLE `mail_deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`key` text NOT NULL,
	`recipient` text NOT NULL,
	`sent_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `mail_deliveries_key_uq` ON `mail_deliveries` (`key`,`recipient`);--> statement-breakpoint
CREATE INDEX `mail_deliveries_sent_idx` ON `mail_deliveries` (`sent_at`);--> statement-breakpoint
CREATE TABLE `scheduled_jobs` (
	`name` text PRIMARY KEY NOT NULL,
	`next_run_at` integer NOT NULL,
	`lease_owner` text,
	`lease_until` integer,
	`last_started_at` integer,
	`last_finished_at` integer,
	`last_outcome` text,
	`last_message` text,
	`last_duration_ms` integer,
	`registered_at` integer NOT NULL
);

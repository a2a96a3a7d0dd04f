CREATE TABLE `duty_shifts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`unit_id` integer NOT NULL,
	`counter_id` integer NOT NULL,
	`official_id` integer,
	`start_at` integer NOT NULL,
	`end_at` integer NOT NULL,
	`source` text NOT NULL,
	`kiosk_id` integer,
	`created_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`counter_id`) REFERENCES `counters`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`official_id`) REFERENCES `officials`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`kiosk_id`) REFERENCES `kiosks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `duty_shifts_counter_idx` ON `duty_shifts` (`counter_id`,`start_at`);--> statement-breakpoint
CREATE INDEX `duty_shifts_official_idx` ON `duty_shifts` (`official_id`,`start_at`);--> statement-breakpoint
CREATE INDEX `duty_shifts_unit_idx` ON `duty_shifts` (`unit_id`,`start_at`);--> statement-breakpoint
CREATE TABLE `duty_templates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`unit_id` integer NOT NULL,
	`counter_id` integer NOT NULL,
	`official_id` integer NOT NULL,
	`weekday` integer NOT NULL,
	`start_minute` integer NOT NULL,
	`end_minute` integer NOT NULL,
	`valid_from` text NOT NULL,
	`valid_to` text,
	`created_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`counter_id`) REFERENCES `counters`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`official_id`) REFERENCES `officials`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `duty_templates_counter_idx` ON `duty_templates` (`counter_id`,`weekday`);--> statement-breakpoint
CREATE INDEX `duty_templates_official_idx` ON `duty_templates` (`official_id`);--> statement-breakpoint
CREATE TABLE `nominations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`round_id` integer NOT NULL,
	`kind` text NOT NULL,
	`unit_id` integer NOT NULL,
	`official_id` integer,
	`form_id` integer NOT NULL,
	`reasons` text NOT NULL,
	`evidence_links` text,
	`figures` text,
	`status` text DEFAULT 'proposed' NOT NULL,
	`review_note` text,
	`nominated_by` integer,
	`nominated_at` integer NOT NULL,
	`reviewed_by` integer,
	`reviewed_at` integer,
	`awarded_form_id` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `recognition_rounds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`official_id`) REFERENCES `officials`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`form_id`) REFERENCES `recognition_forms`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`nominated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`awarded_form_id`) REFERENCES `recognition_forms`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `nominations_round_idx` ON `nominations` (`round_id`,`unit_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `nominations_individual_uq` ON `nominations` (`round_id`,`official_id`) WHERE official_id is not null;--> statement-breakpoint
CREATE UNIQUE INDEX `nominations_collective_uq` ON `nominations` (`round_id`,`unit_id`) WHERE kind = 'collective';--> statement-breakpoint
CREATE TABLE `official_photos` (
	`official_id` integer PRIMARY KEY NOT NULL,
	`mime` text NOT NULL,
	`width` integer NOT NULL,
	`height` integer NOT NULL,
	`bytes` blob NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`official_id`) REFERENCES `officials`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `officials` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`unit_id` integer NOT NULL,
	`full_name` text NOT NULL,
	`search_name` text NOT NULL,
	`position` text DEFAULT '' NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`user_id` integer,
	`pin_hash` text,
	`manages_duty` integer DEFAULT false NOT NULL,
	`photo_version` integer DEFAULT 0 NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `officials_unit_idx` ON `officials` (`unit_id`,`active`);--> statement-breakpoint
CREATE UNIQUE INDEX `officials_user_uq` ON `officials` (`user_id`);--> statement-breakpoint
CREATE TABLE `recognition_forms` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`unit_id` integer NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `recognition_forms_unit_idx` ON `recognition_forms` (`unit_id`);--> statement-breakpoint
CREATE TABLE `recognition_rounds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`period_id` integer NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`rules` text NOT NULL,
	`submission_number` text,
	`submission_date` text,
	`compiled_by` integer,
	`compiled_at` integer,
	`decision_number` text,
	`decision_date` text,
	`decided_by` integer,
	`decided_at` integer,
	`created_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`period_id`) REFERENCES `evaluation_periods`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`compiled_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `recognition_rounds_period_uq` ON `recognition_rounds` (`period_id`);--> statement-breakpoint
CREATE TABLE `rollup_official_days` (
	`official_id` integer NOT NULL,
	`day` text NOT NULL,
	`question_key` text NOT NULL,
	`excluded` integer NOT NULL,
	`n1` integer NOT NULL,
	`n2` integer NOT NULL,
	`n3` integer NOT NULL,
	`n4` integer NOT NULL,
	`n5` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rollup_official_days_uq` ON `rollup_official_days` (`official_id`,`day`,`question_key`,`excluded`);--> statement-breakpoint
CREATE TABLE `rollup_official_months` (
	`official_id` integer NOT NULL,
	`month` text NOT NULL,
	`question_key` text NOT NULL,
	`excluded` integer NOT NULL,
	`n1` integer NOT NULL,
	`n2` integer NOT NULL,
	`n3` integer NOT NULL,
	`n4` integer NOT NULL,
	`n5` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rollup_official_months_uq` ON `rollup_official_months` (`official_id`,`month`,`question_key`,`excluded`);--> statement-breakpoint
ALTER TABLE `comment_threads` ADD `official_id` integer REFERENCES officials(id);--> statement-breakpoint
CREATE INDEX `comment_threads_official_idx` ON `comment_threads` (`official_id`);--> statement-breakpoint
ALTER TABLE `responses` ADD `official_id` integer;--> statement-breakpoint
CREATE INDEX `responses_official_time_idx` ON `responses` (`official_id`,`submitted_at`) WHERE official_id is not null;
CREATE TABLE `dossiers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`unit_id` integer NOT NULL,
	`counter_id` integer,
	`procedure` text DEFAULT '' NOT NULL,
	`received_at` integer NOT NULL,
	`due_at` integer,
	`returned_at` integer,
	`token` text NOT NULL,
	`source` text NOT NULL,
	`integration_id` integer,
	`created_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`counter_id`) REFERENCES `counters`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`integration_id`) REFERENCES `integrations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `dossiers_code_uq` ON `dossiers` (`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `dossiers_token_uq` ON `dossiers` (`token`);--> statement-breakpoint
CREATE INDEX `dossiers_unit_returned_idx` ON `dossiers` (`unit_id`,`returned_at`);--> statement-breakpoint
CREATE INDEX `dossiers_unit_received_idx` ON `dossiers` (`unit_id`,`received_at`);--> statement-breakpoint
CREATE TABLE `good_examples` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`unit_id` integer NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`period_label` text NOT NULL,
	`photo_mime` text,
	`photo` blob,
	`published` integer DEFAULT false NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `good_examples_unit_idx` ON `good_examples` (`unit_id`);--> statement-breakpoint
CREATE TABLE `integrations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`unit_id` integer NOT NULL,
	`key_prefix` text NOT NULL,
	`key_hash` text NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`revoked_at` integer,
	`revoked_by` integer,
	`last_used_at` integer,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`revoked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `integrations_key_prefix_uq` ON `integrations` (`key_prefix`);--> statement-breakpoint
CREATE INDEX `integrations_unit_idx` ON `integrations` (`unit_id`);--> statement-breakpoint
CREATE TABLE `integrity_reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`response_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`counter_id` integer,
	`submitted_at` integer NOT NULL,
	`signals` text NOT NULL,
	`finding` text,
	`note` text,
	`closed_by` integer,
	`closed_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`closed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `integrity_reports_response_uq` ON `integrity_reports` (`response_id`);--> statement-breakpoint
CREATE INDEX `integrity_reports_unit_idx` ON `integrity_reports` (`unit_id`,`submitted_at`);--> statement-breakpoint
CREATE TABLE `publications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`unit_id` integer NOT NULL,
	`kind` text NOT NULL,
	`period_key` text NOT NULL,
	`evaluation_period_id` integer,
	`published_by` integer,
	`published_at` integer NOT NULL,
	`withdrawn_at` integer,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`evaluation_period_id`) REFERENCES `evaluation_periods`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`published_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `publications_period_uq` ON `publications` (`unit_id`,`kind`,`period_key`) WHERE withdrawn_at is null;--> statement-breakpoint
CREATE TABLE `published_figures` (
	`publication_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`name` text NOT NULL,
	`code` text,
	`respondents` integer NOT NULL,
	`satisfied` integer NOT NULL,
	`low_x10000` integer,
	`high_x10000` integer,
	`rank` integer,
	`total_x100` integer,
	`final_class` text,
	FOREIGN KEY (`publication_id`) REFERENCES `publications`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `published_figures_uq` ON `published_figures` (`publication_id`,`unit_id`);--> statement-breakpoint
CREATE TABLE `recommendations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`visit_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`period_id` integer NOT NULL,
	`text` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`answer` text,
	`answered_by` integer,
	`answered_at` integer,
	`done_by` integer,
	`done_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`visit_id`) REFERENCES `supervision_visits`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`period_id`) REFERENCES `evaluation_periods`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`answered_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`done_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `recommendations_unit_idx` ON `recommendations` (`unit_id`,`period_id`,`status`);--> statement-breakpoint
CREATE INDEX `recommendations_visit_idx` ON `recommendations` (`visit_id`);--> statement-breakpoint
CREATE TABLE `supervision_visits` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`unit_id` integer NOT NULL,
	`period_id` integer NOT NULL,
	`organisation_id` integer NOT NULL,
	`visited_on` text NOT NULL,
	`findings` text NOT NULL,
	`evidence_links` text,
	`created_by` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`period_id`) REFERENCES `evaluation_periods`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `supervisor_organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `supervision_visits_unit_idx` ON `supervision_visits` (`unit_id`,`period_id`);--> statement-breakpoint
CREATE TABLE `supervisor_organisations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `supervisor_organisations_name_uq` ON `supervisor_organisations` (`name`);--> statement-breakpoint
ALTER TABLE `audit_log` ADD `integration_id` integer;--> statement-breakpoint
ALTER TABLE `responses` ADD `dossier_id` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `responses_dossier_uq` ON `responses` (`dossier_id`) WHERE dossier_id is not null;--> statement-breakpoint
ALTER TABLE `users` ADD `organisation_id` integer REFERENCES supervisor_organisations(id);
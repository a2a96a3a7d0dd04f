CREATE TABLE `answers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`response_id` integer NOT NULL,
	`question_key` text NOT NULL,
	`score` integer,
	`choice` text,
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `answers_response_idx` ON `answers` (`response_id`);--> statement-breakpoint
CREATE INDEX `answers_question_idx` ON `answers` (`question_key`,`score`);--> statement-breakpoint
CREATE TABLE `contacts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`response_id` integer NOT NULL,
	`phone` text NOT NULL,
	`consent_version` text NOT NULL,
	`consented_at` integer NOT NULL,
	`purge_after` integer NOT NULL,
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contacts_response_uq` ON `contacts` (`response_id`);--> statement-breakpoint
CREATE INDEX `contacts_purge_idx` ON `contacts` (`purge_after`);--> statement-breakpoint
CREATE TABLE `counters` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`unit_id` integer NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `counters_code_uq` ON `counters` (`code`);--> statement-breakpoint
CREATE INDEX `counters_unit_idx` ON `counters` (`unit_id`);--> statement-breakpoint
CREATE TABLE `procedure_fields` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`unit_id` integer NOT NULL,
	`name` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `procedure_fields_unit_idx` ON `procedure_fields` (`unit_id`);--> statement-breakpoint
CREATE TABLE `question_set_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`question_set_id` integer NOT NULL,
	`version` integer NOT NULL,
	`definition` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`question_set_id`) REFERENCES `question_sets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `question_set_versions_uq` ON `question_set_versions` (`question_set_id`,`version`);--> statement-breakpoint
CREATE TABLE `question_sets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`is_default` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `responses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`client_id` text NOT NULL,
	`unit_id` integer NOT NULL,
	`counter_id` integer,
	`question_set_version_id` integer NOT NULL,
	`channel` text NOT NULL,
	`submitted_at` integer NOT NULL,
	`received_at` integer NOT NULL,
	`lang` text DEFAULT 'vi' NOT NULL,
	`procedure_field_id` integer,
	`comment` text,
	`receipt_code` text,
	`device_hash` text,
	`network_hash` text,
	`flags` text,
	`excluded` integer DEFAULT false NOT NULL,
	`kiosk_id` integer,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`counter_id`) REFERENCES `counters`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`question_set_version_id`) REFERENCES `question_set_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`procedure_field_id`) REFERENCES `procedure_fields`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `responses_client_id_uq` ON `responses` (`client_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `responses_receipt_uq` ON `responses` (`receipt_code`);--> statement-breakpoint
CREATE INDEX `responses_unit_time_idx` ON `responses` (`unit_id`,`submitted_at`);--> statement-breakpoint
CREATE INDEX `responses_counter_time_idx` ON `responses` (`counter_id`,`submitted_at`);--> statement-breakpoint
CREATE INDEX `responses_device_idx` ON `responses` (`device_hash`,`received_at`);--> statement-breakpoint
CREATE INDEX `responses_network_idx` ON `responses` (`network_hash`,`received_at`);--> statement-breakpoint
CREATE TABLE `units` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`parent_id` integer,
	`path` text NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`search_name` text NOT NULL,
	`code` text,
	`address` text,
	`active` integer DEFAULT true NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`question_set_id` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`parent_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`question_set_id`) REFERENCES `question_sets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `units_code_uq` ON `units` (`code`);--> statement-breakpoint
CREATE INDEX `units_parent_idx` ON `units` (`parent_id`);--> statement-breakpoint
CREATE INDEX `units_path_idx` ON `units` (`path`);
CREATE TABLE `throttle_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`scope` text NOT NULL,
	`key` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `throttle_events_key_idx` ON `throttle_events` (`scope`,`key`,`at`);--> statement-breakpoint
CREATE INDEX `throttle_events_at_idx` ON `throttle_events` (`at`);--> statement-breakpoint
CREATE TABLE `user_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`ended_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `user_sessions_user_idx` ON `user_sessions` (`user_id`);--> statement-breakpoint
CREATE INDEX `user_sessions_expires_idx` ON `user_sessions` (`expires_at`);--> statement-breakpoint
ALTER TABLE `audit_log` ADD `unit_id` integer REFERENCES units(id);--> statement-breakpoint
ALTER TABLE `audit_log` ADD `count` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `last_at` integer;--> statement-breakpoint
CREATE INDEX `audit_log_unit_idx` ON `audit_log` (`unit_id`,`at`);--> statement-breakpoint
ALTER TABLE `kiosks` ADD `first_paired_at` integer;--> statement-breakpoint
ALTER TABLE `question_sets` ADD `owner_unit_id` integer REFERENCES units(id);--> statement-breakpoint
ALTER TABLE `units` ADD `opening_hours` text;--> statement-breakpoint
UPDATE `kiosks` SET `first_paired_at` = `paired_at` WHERE `paired_at` IS NOT NULL;
--> statement-breakpoint
UPDATE `question_sets` SET `owner_unit_id` = (SELECT `id` FROM `units` WHERE `parent_id` IS NULL ORDER BY `id` LIMIT 1) WHERE `owner_unit_id` IS NULL;--> statement-breakpoint
UPDATE `audit_log` SET `unit_id` = CASE `entity_type`
	WHEN 'unit' THEN (SELECT `id` FROM `units` WHERE `id` = CAST(`audit_log`.`entity_id` AS integer))
	WHEN 'alert_rule' THEN (SELECT `id` FROM `units` WHERE `id` = CAST(`audit_log`.`entity_id` AS integer))
	WHEN 'counter' THEN (SELECT `unit_id` FROM `counters` WHERE `id` = CAST(`audit_log`.`entity_id` AS integer))
	WHEN 'procedure_field' THEN (SELECT `unit_id` FROM `procedure_fields` WHERE `id` = CAST(`audit_log`.`entity_id` AS integer))
	WHEN 'kiosk' THEN (SELECT `unit_id` FROM `kiosks` WHERE `id` = CAST(`audit_log`.`entity_id` AS integer))
	WHEN 'alert' THEN (SELECT `unit_id` FROM `alerts` WHERE `id` = CAST(`audit_log`.`entity_id` AS integer))
	WHEN 'evaluation' THEN (SELECT `unit_id` FROM `evaluation_sheets` WHERE `id` = CAST(`audit_log`.`entity_id` AS integer))
	WHEN 'evaluation_period' THEN coalesce(
		(SELECT `id` FROM `units` WHERE `id` = CAST(json_extract(`audit_log`.`after`, '$.unitId') AS integer) AND `audit_log`.`action` = 'export.evaluation'),
		(SELECT `unit_id` FROM `evaluation_periods` WHERE `id` = CAST(`audit_log`.`entity_id` AS integer)))
	WHEN 'comment' THEN (SELECT `unit_id` FROM `responses` WHERE `id` = CAST(`audit_log`.`entity_id` AS integer))
	WHEN 'response' THEN (SELECT `unit_id` FROM `responses` WHERE `id` = CAST(`audit_log`.`entity_id` AS integer))
	WHEN 'user' THEN (SELECT `scope_unit_id` FROM `users` WHERE `id` = CAST(`audit_log`.`entity_id` AS integer))
	WHEN 'question_set' THEN (SELECT `owner_unit_id` FROM `question_sets` WHERE `id` = CAST(`audit_log`.`entity_id` AS integer))
END WHERE `unit_id` IS NULL AND `entity_id` IS NOT NULL;

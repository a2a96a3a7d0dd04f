CREATE TABLE `rollup_choices` (
	`unit_id` integer NOT NULL,
	`day` text NOT NULL,
	`counter_id` integer NOT NULL,
	`question_key` text NOT NULL,
	`choice` text NOT NULL,
	`excluded` integer NOT NULL,
	`n` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rollup_choices_uq` ON `rollup_choices` (`unit_id`,`day`,`counter_id`,`question_key`,`choice`,`excluded`);--> statement-breakpoint
CREATE TABLE `rollup_flags` (
	`unit_id` integer NOT NULL,
	`day` text NOT NULL,
	`counter_id` integer NOT NULL,
	`flag` text NOT NULL,
	`n` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rollup_flags_uq` ON `rollup_flags` (`unit_id`,`day`,`counter_id`,`flag`);--> statement-breakpoint
CREATE TABLE `rollup_responses` (
	`unit_id` integer NOT NULL,
	`day` text NOT NULL,
	`counter_id` integer NOT NULL,
	`channel` text NOT NULL,
	`hour` integer NOT NULL,
	`weekday` integer NOT NULL,
	`excluded` integer NOT NULL,
	`n` integer NOT NULL,
	`commented` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rollup_responses_uq` ON `rollup_responses` (`unit_id`,`day`,`counter_id`,`channel`,`hour`,`weekday`,`excluded`);--> statement-breakpoint
CREATE TABLE `rollup_scores` (
	`unit_id` integer NOT NULL,
	`day` text NOT NULL,
	`counter_id` integer NOT NULL,
	`channel` text NOT NULL,
	`question_key` text NOT NULL,
	`score` integer NOT NULL,
	`excluded` integer NOT NULL,
	`n` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rollup_scores_uq` ON `rollup_scores` (`unit_id`,`day`,`counter_id`,`channel`,`question_key`,`score`,`excluded`);
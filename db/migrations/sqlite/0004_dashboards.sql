CREATE TABLE `alert_rules` (
	`unit_id` integer PRIMARY KEY NOT NULL,
	`count` integer NOT NULL,
	`window_minutes` integer NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`updated_by` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `alerts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`unit_id` integer NOT NULL,
	`start_at` integer NOT NULL,
	`end_at` integer NOT NULL,
	`low_count` integer NOT NULL,
	`triggered_at` integer NOT NULL,
	`rule_count` integer NOT NULL,
	`rule_window_minutes` integer NOT NULL,
	`acknowledged_by` integer,
	`acknowledged_at` integer,
	`note` text,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`acknowledged_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `alerts_unit_time_idx` ON `alerts` (`unit_id`,`end_at`);--> statement-breakpoint
CREATE TABLE `low_ratings` (
	`response_id` integer PRIMARY KEY NOT NULL,
	`unit_id` integer NOT NULL,
	`counter_id` integer NOT NULL,
	`submitted_at` integer NOT NULL,
	`min_score` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `low_ratings_unit_time_idx` ON `low_ratings` (`unit_id`,`submitted_at`);--> statement-breakpoint
CREATE TABLE `rollup_office_days` (
	`unit_id` integer NOT NULL,
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
CREATE UNIQUE INDEX `rollup_office_days_uq` ON `rollup_office_days` (`unit_id`,`day`,`question_key`,`excluded`);--> statement-breakpoint
CREATE TABLE `rollup_office_months` (
	`unit_id` integer NOT NULL,
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
CREATE UNIQUE INDEX `rollup_office_months_uq` ON `rollup_office_months` (`unit_id`,`month`,`question_key`,`excluded`);--> statement-breakpoint
ALTER TABLE `users` ADD `alerts_seen_at` integer;--> statement-breakpoint
-- Backfill the new rollups from ratings stored before this migration: the same statements as aggregateSql() in db/queries/rollups.ts.
insert into rollup_office_days (unit_id, day, question_key, excluded, n1,n2,n3,n4,n5)
      select r.unit_id, date(r.submitted_at / 1000 + 25200, 'unixepoch'), a.question_key, r.excluded, sum(a.score = 1), sum(a.score = 2), sum(a.score = 3), sum(a.score = 4), sum(a.score = 5)
      from answers a join responses r on r.id = a.response_id
      where a.response_id between 0 and 9007199254740991 and a.score is not null
      group by 1, 2, 3, 4
      on conflict (unit_id, day, question_key, excluded) do update set n1 = n1 + excluded.n1, n2 = n2 + excluded.n2, n3 = n3 + excluded.n3, n4 = n4 + excluded.n4, n5 = n5 + excluded.n5;
--> statement-breakpoint
insert into rollup_office_months (unit_id, month, question_key, excluded, n1,n2,n3,n4,n5)
      select r.unit_id, substr(date(r.submitted_at / 1000 + 25200, 'unixepoch'), 1, 7), a.question_key, r.excluded, sum(a.score = 1), sum(a.score = 2), sum(a.score = 3), sum(a.score = 4), sum(a.score = 5)
      from answers a join responses r on r.id = a.response_id
      where a.response_id between 0 and 9007199254740991 and a.score is not null
      group by 1, 2, 3, 4
      on conflict (unit_id, month, question_key, excluded) do update set n1 = n1 + excluded.n1, n2 = n2 + excluded.n2, n3 = n3 + excluded.n3, n4 = n4 + excluded.n4, n5 = n5 + excluded.n5;
--> statement-breakpoint
insert into low_ratings (response_id, unit_id, counter_id, submitted_at, min_score)
      select r.id, r.unit_id, coalesce(r.counter_id, 0), r.submitted_at, min(a.score)
      from responses r join answers a on a.response_id = r.id
      where r.id between 0 and 9007199254740991 and r.excluded = 0 and a.score between 1 and 5
      group by r.id
      having min(a.score) <= 2;

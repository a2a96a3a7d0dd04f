CREATE TABLE `rollup_office_quarters` (
	`unit_id` integer NOT NULL,
	`quarter` text NOT NULL,
	`question_key` text NOT NULL,
	`excluded` integer NOT NULL,
	`n1` integer NOT NULL,
	`n2` integer NOT NULL,
	`n3` integer NOT NULL,
	`n4` integer NOT NULL,
	`n5` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rollup_office_quarters_uq` ON `rollup_office_quarters` (`unit_id`,`quarter`,`question_key`,`excluded`);--> statement-breakpoint
CREATE INDEX `rollup_office_quarters_by_question` ON `rollup_office_quarters` (`unit_id`,`question_key`,`excluded`,`quarter`,`n1`,`n2`,`n3`,`n4`,`n5`);--> statement-breakpoint
-- Backfill from the monthly rollup of ratings stored before this migration (a quarter is its three months).
insert into rollup_office_quarters (unit_id, quarter, question_key, excluded, n1, n2, n3, n4, n5)
select unit_id, substr(month, 1, 4) || '-Q' || cast((cast(substr(month, 6, 2) as integer) + 2) / 3 as text), question_key, excluded, sum(n1), sum(n2), sum(n3), sum(n4), sum(n5)
from rollup_office_months group by 1, 2, 3, 4;

CREATE TABLE `rollup_office_halves` (
	`unit_id` integer NOT NULL,
	`half` text NOT NULL,
	`question_key` text NOT NULL,
	`excluded` integer NOT NULL,
	`n1` integer NOT NULL,
	`n2` integer NOT NULL,
	`n3` integer NOT NULL,
	`n4` integer NOT NULL,
	`n5` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rollup_office_halves_uq` ON `rollup_office_halves` (`unit_id`,`half`,`question_key`,`excluded`);--> statement-breakpoint
-- Backfill from ratings stored before this migration: the statement of aggregateSql().officeHalves in db/queries/rollups.ts.
insert into rollup_office_halves (unit_id, half, question_key, excluded, n1,n2,n3,n4,n5)
select r.unit_id, substr(date(r.submitted_at / 1000 + 25200, 'unixepoch'), 1, 7) || case when cast(substr(date(r.submitted_at / 1000 + 25200, 'unixepoch'), 9, 2) as integer) <= 15 then '-1' else '-2' end, a.question_key, r.excluded, sum(a.score = 1), sum(a.score = 2), sum(a.score = 3), sum(a.score = 4), sum(a.score = 5)
from answers a join responses r on r.id = a.response_id
where a.response_id between 0 and 9007199254740991 and a.score is not null
group by 1, 2, 3, 4
on conflict (unit_id, half, question_key, excluded) do update set n1 = n1 + excluded.n1, n2 = n2 + excluded.n2, n3 = n3 + excluded.n3, n4 = n4 + excluded.n4, n5 = n5 + excluded.n5;

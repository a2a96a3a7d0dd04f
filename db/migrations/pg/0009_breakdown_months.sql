CREATE TABLE "rollup_choice_months" (
	"unit_id" integer NOT NULL,
	"month" text collate "C" NOT NULL,
	"question_key" text NOT NULL,
	"choice" text NOT NULL,
	"excluded" boolean NOT NULL,
	"n" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rollup_counter_months" (
	"unit_id" integer NOT NULL,
	"month" text collate "C" NOT NULL,
	"counter_id" integer NOT NULL,
	"channel" text NOT NULL,
	"question_key" text NOT NULL,
	"excluded" boolean NOT NULL,
	"n1" integer NOT NULL,
	"n2" integer NOT NULL,
	"n3" integer NOT NULL,
	"n4" integer NOT NULL,
	"n5" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rollup_flag_months" (
	"unit_id" integer NOT NULL,
	"month" text collate "C" NOT NULL,
	"flag" text NOT NULL,
	"n" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rollup_response_months" (
	"unit_id" integer NOT NULL,
	"month" text collate "C" NOT NULL,
	"weekday" integer NOT NULL,
	"hour" integer NOT NULL,
	"excluded" boolean NOT NULL,
	"n" integer NOT NULL,
	"commented" integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "rollup_choice_months_uq" ON "rollup_choice_months" USING btree ("unit_id","month","question_key","choice","excluded");--> statement-breakpoint
CREATE UNIQUE INDEX "rollup_counter_months_uq" ON "rollup_counter_months" USING btree ("unit_id","month","counter_id","channel","question_key","excluded");--> statement-breakpoint
CREATE UNIQUE INDEX "rollup_flag_months_uq" ON "rollup_flag_months" USING btree ("unit_id","month","flag");--> statement-breakpoint
CREATE UNIQUE INDEX "rollup_response_months_uq" ON "rollup_response_months" USING btree ("unit_id","month","weekday","hour","excluded");--> statement-breakpoint
-- Backfill from the daily rollups of ratings stored before this migration (a month is its days).
insert into rollup_counter_months (unit_id, month, counter_id, channel, question_key, excluded, n1, n2, n3, n4, n5)
select unit_id, substr(day, 1, 7), counter_id, channel, question_key, excluded,
  sum(case when score = 1 then n else 0 end), sum(case when score = 2 then n else 0 end), sum(case when score = 3 then n else 0 end),
  sum(case when score = 4 then n else 0 end), sum(case when score = 5 then n else 0 end)
from rollup_scores group by 1, 2, 3, 4, 5, 6;
--> statement-breakpoint
insert into rollup_flag_months (unit_id, month, flag, n)
select unit_id, substr(day, 1, 7), flag, sum(n) from rollup_flags group by 1, 2, 3;
--> statement-breakpoint
insert into rollup_response_months (unit_id, month, weekday, hour, excluded, n, commented)
select unit_id, substr(day, 1, 7), weekday, hour, excluded, sum(n), sum(commented) from rollup_responses group by 1, 2, 3, 4, 5;
--> statement-breakpoint
insert into rollup_choice_months (unit_id, month, question_key, choice, excluded, n)
select unit_id, substr(day, 1, 7), question_key, choice, excluded, sum(n) from rollup_choices group by 1, 2, 3, 4, 5;

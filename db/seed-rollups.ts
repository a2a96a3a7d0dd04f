import { DISSATISFIED_MAX } from '@/lib/indicators/alerts';
import { byEngine } from './engine/dialect';
import type { Conn } from './store';

/**
 * TRANSITIONAL (issue 12): the rollups of the ratings the seeder inserts in
 * bulk, aggregated from their raw rows by id range, on either engine. This is
 * rollups.ts `addRollupsForResponses` written in the SQL both engines share;
 * once that function runs on PostgreSQL too, the seeder calls it and this file
 * goes. Rollup keys and meaning are rollups.ts's (its test proves the
 * per-rating increments and a rebuild agree; db/seed.test.ts proves this
 * agrees with a rebuild).
 */

// Asia/Ho_Chi_Minh is UTC+7 all year; submitted_at is epoch ms.
const LOCAL_SECONDS = 'r.submitted_at / 1000 + 25200';
const localDay = () =>
  byEngine({
    sqlite: `date(${LOCAL_SECONDS}, 'unixepoch')`,
    pg: `to_char(to_timestamp(${LOCAL_SECONDS}) at time zone 'UTC', 'YYYY-MM-DD')`,
  });
const localHour = () =>
  byEngine({
    sqlite: `cast(strftime('%H', ${LOCAL_SECONDS}, 'unixepoch') as integer)`,
    pg: `cast(extract(hour from to_timestamp(${LOCAL_SECONDS}) at time zone 'UTC') as integer)`,
  });
/** 1 = Monday … 7 = Sunday. */
const localWeekday = () =>
  byEngine({
    sqlite: `(cast(strftime('%w', ${LOCAL_SECONDS}, 'unixepoch') as integer) + 6) % 7 + 1`,
    pg: `cast(extract(isodow from to_timestamp(${LOCAL_SECONDS}) at time zone 'UTC') as integer)`,
  });
/** lib/indicators/periods.ts halfKey: "YYYY-MM-1" for days 1–15, "YYYY-MM-2" after. */
const localHalf = () =>
  `substr(${localDay()}, 1, 7) || case when cast(substr(${localDay()}, 9, 2) as integer) <= 15 then '-1' else '-2' end`;
/** The flags of `r` (a comma-separated list of identifiers, lib/abuse.ts), one row each as `f.value`. */
const flagRows = () =>
  byEngine({
    sqlite: `json_each('["' || replace(r.flags, ',', '","') || '"]') f`,
    pg: `lateral unnest(string_to_array(r.flags, ',')) as f(value) on true`,
  });

const KEYS = {
  rollup_scores: 'unit_id, day, counter_id, channel, question_key, score, excluded',
  rollup_responses: 'unit_id, day, counter_id, channel, hour, weekday, excluded',
  rollup_choices: 'unit_id, day, counter_id, question_key, choice, excluded',
  rollup_flags: 'unit_id, day, counter_id, flag',
  rollup_office_days: 'unit_id, day, question_key, excluded',
  rollup_office_months: 'unit_id, month, question_key, excluded',
  rollup_office_halves: 'unit_id, half, question_key, excluded',
} as const;
const LEVELS = ['n1', 'n2', 'n3', 'n4', 'n5'] as const;

/** `excluded.` names the row that conflicted (both engines), not our `excluded` column. */
const upsert = (table: keyof typeof KEYS, counts: readonly string[]) =>
  `on conflict (${KEYS[table]}) do update set ${counts.map((c) => `${c} = ${table}.${c} + excluded.${c}`).join(', ')}`;

function statements(): string[] {
  const common = `r.unit_id, ${localDay()}, coalesce(r.counter_id, 0)`;
  const levelSums = LEVELS.map((_, i) => `sum(case when a.score = ${i + 1} then 1 else 0 end)`).join(', ');
  const byOffice = (table: 'rollup_office_days' | 'rollup_office_months' | 'rollup_office_halves', period: string) => `
    insert into ${table} (${KEYS[table]}, ${LEVELS.join(', ')})
    select r.unit_id, ${period}, a.question_key, r.excluded, ${levelSums}
    from answers a join responses r on r.id = a.response_id
    where a.response_id between @from and @to and a.score is not null
    group by 1, 2, 3, 4
    ${upsert(table, LEVELS)}`;
  return [
    `insert into rollup_scores (${KEYS.rollup_scores}, n)
    select ${common}, r.channel, a.question_key, a.score, r.excluded, count(*)
    from answers a join responses r on r.id = a.response_id
    where a.response_id between @from and @to and a.score is not null
    group by 1, 2, 3, 4, 5, 6, 7
    ${upsert('rollup_scores', ['n'])}`,
    `insert into rollup_responses (${KEYS.rollup_responses}, n, commented)
    select ${common}, r.channel, ${localHour()}, ${localWeekday()}, r.excluded, count(*), count(r.comment)
    from responses r
    where r.id between @from and @to
    group by 1, 2, 3, 4, 5, 6, 7
    ${upsert('rollup_responses', ['n', 'commented'])}`,
    `insert into rollup_choices (${KEYS.rollup_choices}, n)
    select ${common}, a.question_key, a.choice, r.excluded, count(*)
    from answers a join responses r on r.id = a.response_id
    where a.response_id between @from and @to and a.choice is not null
    group by 1, 2, 3, 4, 5, 6
    ${upsert('rollup_choices', ['n'])}`,
    `insert into rollup_flags (${KEYS.rollup_flags}, n)
    select ${common}, f.value, count(*)
    from responses r join ${flagRows()}
    where r.id between @from and @to and r.flags is not null and r.flags <> ''
    group by 1, 2, 3, 4
    ${upsert('rollup_flags', ['n'])}`,
    byOffice('rollup_office_days', localDay()),
    byOffice('rollup_office_months', `substr(${localDay()}, 1, 7)`),
    byOffice('rollup_office_halves', localHalf()),
    `insert into low_ratings (response_id, unit_id, counter_id, submitted_at, min_score)
    select r.id, r.unit_id, coalesce(r.counter_id, 0), r.submitted_at, min(a.score)
    from responses r join answers a on a.response_id = r.id
    where r.id between @from and @to and not r.excluded and a.score between 1 and 5
    group by r.id
    having min(a.score) <= ${DISSATISFIED_MAX}`,
  ];
}

/** Adds the responses with ids `from`..`to` (inclusive) and their answers to the rollups; run it in the transaction that inserted them. */
export async function addSeededRollups(c: Conn, range: { from: number; to: number }) {
  for (const text of statements()) await c.run(text, range);
}

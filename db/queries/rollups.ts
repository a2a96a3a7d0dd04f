import { and, eq, gte, lte, sql } from 'drizzle-orm';
import type { Viewer } from '@/lib/auth/roles';
import { DISSATISFIED_MAX } from '@/lib/indicators/alerts';
import { dayKeyOf, halfKey, quarterKey, type DayKey } from '@/lib/indicators/periods';
import type { SubmittedAnswer } from '@/lib/validation/survey-response';
import { byEngine } from '../engine/dialect';
import { rollupFlags, rollupScores, units, type Channel } from '../schema';
import { transaction, withConn } from '../store';
import { inSubtree } from './unit-tree';

/**
 * Rollups: aggregate counts of ratings (db/schema.ts, `rollup_*`) that
 * dashboards read instead of raw responses, since a GROUP BY over a million
 * responses blocks the Node thread for ~120 ms (shared/stack.md).
 *
 * Three writers keep them, all adding with INSERT … ON CONFLICT DO UPDATE
 * SET n = n + excluded.n, in the transaction that stores the responses:
 * - storeRating (server/ratings.ts), one rating at a time, from the values in
 *   hand (`addRollupIncrements`): no read-back on the hot path;
 * - the bulk seeder, per batch, by aggregating its id range of raw rows
 *   (`addRollupsForResponses`);
 * - `rebuildRollups`, which empties them and aggregates every raw row, the
 *   same way, range by range.
 * The test (rollups.test.ts) proves the first and the last agree.
 *
 * Nothing deletes responses or answers, or changes what the rollups count
 * (office, counter, channel, time, flags, comment, answers), today: the
 * retention job only clears hashes. Whatever does one day (a flag set after
 * the fact, purging old ratings) must adjust the rollups in the same
 * transaction, or run `rebuildRollups`.
 */

/** Asia/Ho_Chi_Minh is UTC+7 all year (no daylight saving). */
const VN_OFFSET_MS = 7 * 3_600_000;

export type LocalDayParts = {
  day: DayKey;
  /** 0..23 */
  hour: number;
  /** 1 = Monday … 7 = Sunday */
  weekday: number;
};

/**
 * The local (UTC+7) day, hour and weekday of an instant in epoch ms: the day
 * is the dashboards' period day (lib/indicators/periods.ts), and all three
 * are what LOCAL_* compute in SQL below.
 */
export function localDayParts(epochMs: number): LocalDayParts {
  const local = new Date(epochMs + VN_OFFSET_MS);
  return { day: dayKeyOf(epochMs), hour: local.getUTCHours(), weekday: ((local.getUTCDay() + 6) % 7) + 1 };
}

// The same in SQL, over responses `r` (submitted_at is epoch ms).
const LOCAL_SECONDS = `r.submitted_at / 1000 + ${VN_OFFSET_MS / 1000}`;
/** The local time as a timestamp (PostgreSQL) for the parts below; UTC+7 is added before reading it as UTC. */
const PG_LOCAL = `(to_timestamp((r.submitted_at + ${VN_OFFSET_MS}) / 1000.0) at time zone 'UTC')`;
const LOCAL_DAY = byEngine({ sqlite: `date(${LOCAL_SECONDS}, 'unixepoch')`, pg: `to_char(${PG_LOCAL}, 'YYYY-MM-DD')` });
const LOCAL_HOUR = byEngine({ sqlite: `cast(strftime('%H', ${LOCAL_SECONDS}, 'unixepoch') as integer)`, pg: `cast(extract(hour from ${PG_LOCAL}) as integer)` });
const LOCAL_WEEKDAY = byEngine({
  sqlite: `(cast(strftime('%w', ${LOCAL_SECONDS}, 'unixepoch') as integer) + 6) % 7 + 1`,
  pg: `cast(extract(isodow from ${PG_LOCAL}) as integer)`,
});

// lib/indicators/periods.ts halfKey: "YYYY-MM-1" for days 1–15, "YYYY-MM-2" after.
const LOCAL_HALF = `substr(${LOCAL_DAY}, 1, 7) || case when cast(substr(${LOCAL_DAY}, 9, 2) as integer) <= 15 then '-1' else '-2' end`;
// lib/indicators/periods.ts quarterKey: "YYYY-Q1" … "YYYY-Q4".
const LOCAL_QUARTER = `substr(${LOCAL_DAY}, 1, 4) || '-Q' || cast((cast(substr(${LOCAL_DAY}, 6, 2) as integer) + 2) / 3 as text)`;
const OFFICE_TABLES = {
  officeDays: 'rollup_office_days',
  officeMonths: 'rollup_office_months',
  officeHalves: 'rollup_office_halves',
  officeQuarters: 'rollup_office_quarters',
} as const;
/** The same levels per official (docs/decisions/023): an official's figures read these. */
const OFFICIAL_TABLES = {
  officialDays: 'rollup_official_days',
  officialMonths: 'rollup_official_months',
} as const;
const TABLE_NAMES = {
  scores: 'rollup_scores',
  responses: 'rollup_responses',
  choices: 'rollup_choices',
  flags: 'rollup_flags',
  counterMonths: 'rollup_counter_months',
  flagMonths: 'rollup_flag_months',
  responseMonths: 'rollup_response_months',
  choiceMonths: 'rollup_choice_months',
  ...OFFICE_TABLES,
  ...OFFICIAL_TABLES,
} as const;

// The unique key of each table: the conflict target of every increment.
const KEYS = {
  scores: 'unit_id, day, counter_id, channel, question_key, score, excluded',
  responses: 'unit_id, day, counter_id, channel, hour, weekday, excluded',
  choices: 'unit_id, day, counter_id, question_key, choice, excluded',
  flags: 'unit_id, day, counter_id, flag',
  counterMonths: 'unit_id, month, counter_id, channel, question_key, excluded',
  flagMonths: 'unit_id, month, flag',
  responseMonths: 'unit_id, month, weekday, hour, excluded',
  choiceMonths: 'unit_id, month, question_key, choice, excluded',
  officeDays: 'unit_id, day, question_key, excluded',
  officeMonths: 'unit_id, month, question_key, excluded',
  officeHalves: 'unit_id, half, question_key, excluded',
  officeQuarters: 'unit_id, quarter, question_key, excluded',
  officialDays: 'official_id, day, question_key, excluded',
  officialMonths: 'official_id, month, question_key, excluded',
} as const;
/** The columns of answers at each level 1..5 in the per-office level rollups (read by dashboard.ts). */
export const LEVEL_COLUMNS = ['n1', 'n2', 'n3', 'n4', 'n5'] as const;
type RollupTable = keyof typeof KEYS;
export const ROLLUP_TABLES = [
  'rollup_scores',
  'rollup_responses',
  'rollup_choices',
  'rollup_flags',
  'rollup_counter_months',
  'rollup_flag_months',
  'rollup_response_months',
  'rollup_choice_months',
  'rollup_office_days',
  'rollup_office_months',
  'rollup_office_halves',
  'rollup_office_quarters',
  'rollup_official_days',
  'rollup_official_months',
  'low_ratings',
] as const;

/** `excluded.` is the row that conflicted (both engines), not our `excluded` column; the bare name is the stored row. */
const upsert = (table: RollupTable, counts: readonly string[]) =>
  `on conflict (${KEYS[table]}) do update set ${counts.map((c) => `${c} = ${TABLE_NAMES[table]}.${c} + excluded.${c}`).join(', ')}`;

// ---------------------------------------------------------------------------
// One rating at a time (storeRating)

export type RollupIncrement = {
  unitId: number;
  counterId: number | null;
  channel: Channel;
  /** Epoch ms. */
  submittedAt: number;
  excluded: boolean;
  commented: boolean;
  answers: readonly SubmittedAnswer[];
  flags: readonly string[];
  /** The official the rating is attributed to (responses.official_id); null or absent: nobody. */
  officialId?: number | null;
  /**
   * -1 takes the rating away (a dossier's rating changed by its citizen,
   * server/dossier-ratings.ts); then call removeEmptyRollupRows. Default 1.
   */
  sign?: 1 | -1;
};

/** Multi-row upserts, one statement per table and row count (prepared once per text). */
const upsertSql = new Map<string, string>();
function multiUpsert(table: RollupTable, columns: string, counts: readonly string[], width: number, rows: number): string {
  const key = `${table}:${rows}`;
  let text = upsertSql.get(key);
  if (!text) {
    const row = `(${Array.from({ length: width }, () => '?').join(', ')})`;
    text = `insert into ${TABLE_NAMES[table]} (${columns}) values ${Array.from({ length: rows }, () => row).join(', ')} ${upsert(table, counts)}`;
    upsertSql.set(key, text);
  }
  return text;
}

/**
 * Adds one stored rating to the rollups, from the values in hand, in the
 * caller's transaction. Every increment is an upsert that adds to the stored
 * count in one statement, so two servers counting the same key at once both
 * count (the second waits on the row the first inserted or updated). The
 * rows of one table go in one statement; equal keys (a choice given twice)
 * are summed first, since PostgreSQL refuses to update one row twice in a statement.
 * (A low rating's row in low_ratings goes in with the rating: insertRating.)
 */
export async function addRollupIncrements(r: RollupIncrement): Promise<void> {
  const sign = r.sign ?? 1;
  const { day, hour, weekday } = localDayParts(r.submittedAt);
  const counterId = r.counterId ?? 0;
  const excluded = r.excluded;
  const month = day.slice(0, 7);
  const half = halfKey(day);
  const scores = new Map<string, [string, number, number]>();
  const levels = new Map<string, [string, number[]]>();
  const choices = new Map<string, [string, string, number]>();
  for (const a of r.answers) {
    if (a.score !== null) {
      const s = scores.get(`${a.questionKey}\u0000${a.score}`);
      if (s) s[2] += sign;
      else scores.set(`${a.questionKey}\u0000${a.score}`, [a.questionKey, a.score, sign]);
      let l = levels.get(a.questionKey);
      if (!l) levels.set(a.questionKey, (l = [a.questionKey, LEVEL_COLUMNS.map(() => 0)]));
      if (a.score >= 1 && a.score <= LEVEL_COLUMNS.length) l[1][a.score - 1]! += sign;
    }
    if (a.choice !== null) {
      const c = choices.get(`${a.questionKey}\u0000${a.choice}`);
      if (c) c[2] += sign;
      else choices.set(`${a.questionKey}\u0000${a.choice}`, [a.questionKey, a.choice, sign]);
    }
  }
  const flags = [...new Set(r.flags)];
  const statements: [string, unknown[]][] = [
    [INCREMENT_RESPONSE_SQL, [r.unitId, day, counterId, r.channel, hour, weekday, excluded, sign, r.commented ? sign : 0]],
    [INCREMENT_RESPONSE_MONTH_SQL, [r.unitId, month, weekday, hour, excluded, sign, r.commented ? sign : 0]],
  ];
  if (scores.size) {
    const values: unknown[] = [];
    for (const [key, score, n] of scores.values()) values.push(r.unitId, day, counterId, r.channel, key, score, excluded, n);
    statements.push([multiUpsert('scores', `${KEYS.scores}, n`, ['n'], 8, scores.size), values]);
    const byCounter: unknown[] = [];
    for (const [key, counts] of levels.values()) byCounter.push(r.unitId, month, counterId, r.channel, key, excluded, ...counts);
    statements.push([multiUpsert('counterMonths', `${KEYS.counterMonths}, ${LEVEL_COLUMNS}`, LEVEL_COLUMNS, 6 + LEVEL_COLUMNS.length, levels.size), byCounter]);
    for (const [table, period] of [['officeDays', day], ['officeMonths', month], ['officeHalves', half], ['officeQuarters', quarterKey(day)]] as const) {
      const v: unknown[] = [];
      for (const [key, counts] of levels.values()) v.push(r.unitId, period, key, excluded, ...counts);
      statements.push([multiUpsert(table, `${KEYS[table]}, ${LEVEL_COLUMNS}`, LEVEL_COLUMNS, 4 + LEVEL_COLUMNS.length, levels.size), v]);
    }
    if (r.officialId != null) {
      for (const [table, period] of [['officialDays', day], ['officialMonths', month]] as const) {
        const v: unknown[] = [];
        for (const [key, counts] of levels.values()) v.push(r.officialId, period, key, excluded, ...counts);
        statements.push([multiUpsert(table, `${KEYS[table]}, ${LEVEL_COLUMNS}`, LEVEL_COLUMNS, 4 + LEVEL_COLUMNS.length, levels.size), v]);
      }
    }
  }
  if (choices.size) {
    const values: unknown[] = [];
    for (const [key, choice, n] of choices.values()) values.push(r.unitId, day, counterId, key, choice, excluded, n);
    statements.push([multiUpsert('choices', `${KEYS.choices}, n`, ['n'], 7, choices.size), values]);
    const byMonth: unknown[] = [];
    for (const [key, choice, n] of choices.values()) byMonth.push(r.unitId, month, key, choice, excluded, n);
    statements.push([multiUpsert('choiceMonths', `${KEYS.choiceMonths}, n`, ['n'], 6, choices.size), byMonth]);
  }
  if (flags.length) {
    const values: unknown[] = [];
    for (const f of flags) values.push(r.unitId, day, counterId, f, sign);
    statements.push([multiUpsert('flags', `${KEYS.flags}, n`, ['n'], 5, flags.length), values]);
    const byMonth: unknown[] = [];
    for (const f of flags) byMonth.push(r.unitId, month, f, sign);
    statements.push([multiUpsert('flagMonths', `${KEYS.flagMonths}, n`, ['n'], 4, flags.length), byMonth]);
  }
  await withConn(async (c) => {
    if (c.kind === 'pg') {
      // One statement instead of one per table: each upsert a data-modifying CTE (different tables, so
      // no row is touched twice), sent with COMMIT. Round trips were most of a rating's cost on PostgreSQL,
      // and every rating of an office in one hour increments the same rows, held from here to the commit.
      await c.runDeferred(combinedSql(statements.map(([text]) => text)), statements.flatMap(([, values]) => values));
      return;
    }
    for (const [text, values] of statements) await c.run(text, values);
  });
}

/**
 * Deletes the rollup rows of an office's day (and the periods holding it, and
 * an official's) that counts taken away (addRollupIncrements, sign -1) left
 * at zero: a rebuild makes no such rows, so the rollups stay equal to one.
 * In the caller's transaction, after the increments (on PostgreSQL the
 * deferred increments go first, in order).
 */
export async function removeEmptyRollupRows(r: { unitId: number; submittedAt: number; officialId?: number | null }): Promise<void> {
  const { day } = localDayParts(r.submittedAt);
  const zero = LEVEL_COLUMNS.map((c) => `${c} = 0`).join(' and ');
  const statements: [string, unknown[]][] = [
    ['delete from rollup_scores where unit_id = ? and day = ? and n = 0', [r.unitId, day]],
    ['delete from rollup_responses where unit_id = ? and day = ? and n = 0 and commented = 0', [r.unitId, day]],
    ['delete from rollup_choices where unit_id = ? and day = ? and n = 0', [r.unitId, day]],
    ['delete from rollup_flags where unit_id = ? and day = ? and n = 0', [r.unitId, day]],
    [`delete from rollup_counter_months where unit_id = ? and month = ? and ${zero}`, [r.unitId, day.slice(0, 7)]],
    ['delete from rollup_flag_months where unit_id = ? and month = ? and n = 0', [r.unitId, day.slice(0, 7)]],
    ['delete from rollup_response_months where unit_id = ? and month = ? and n = 0 and commented = 0', [r.unitId, day.slice(0, 7)]],
    ['delete from rollup_choice_months where unit_id = ? and month = ? and n = 0', [r.unitId, day.slice(0, 7)]],
    [`delete from rollup_office_days where unit_id = ? and day = ? and ${zero}`, [r.unitId, day]],
    [`delete from rollup_office_months where unit_id = ? and month = ? and ${zero}`, [r.unitId, day.slice(0, 7)]],
    [`delete from rollup_office_halves where unit_id = ? and half = ? and ${zero}`, [r.unitId, halfKey(day)]],
    [`delete from rollup_office_quarters where unit_id = ? and quarter = ? and ${zero}`, [r.unitId, quarterKey(day)]],
  ];
  if (r.officialId != null) {
    statements.push([`delete from rollup_official_days where official_id = ? and day = ? and ${zero}`, [r.officialId, day]]);
    statements.push([`delete from rollup_official_months where official_id = ? and month = ? and ${zero}`, [r.officialId, day.slice(0, 7)]]);
  }
  await withConn(async (c) => {
    for (const [text, values] of statements) await c.run(text, values);
  });
}

const combinedTexts = new Map<string, string>();
/** A number per statement text (a bounded set: each table × row count), so a combination's key is short. */
const textIds = new Map<string, number>();
function combinedSql(texts: string[]): string {
  // Not the texts joined: that was a string of several KB built and hashed for every rating.
  const key = texts.map((t) => textIds.get(t) ?? textIds.set(t, textIds.size).size - 1).join(',');
  let text = combinedTexts.get(key);
  if (!text) {
    text = `with ${texts.map((t, i) => `w${i} as (${t})`).join(', ')} select 1`;
    if (combinedTexts.size >= 500) combinedTexts.delete(combinedTexts.keys().next().value!);
    combinedTexts.set(key, text);
  }
  return text;
}

const INCREMENT_RESPONSE_SQL = `insert into rollup_responses (${KEYS.responses}, n, commented) values (?, ?, ?, ?, ?, ?, ?, ?, ?) ${upsert('responses', ['n', 'commented'])}`;
const INCREMENT_RESPONSE_MONTH_SQL = `insert into rollup_response_months (${KEYS.responseMonths}, n, commented) values (?, ?, ?, ?, ?, ?, ?) ${upsert('responseMonths', ['n', 'commented'])}`;

// ---------------------------------------------------------------------------
// From raw rows (bulk seeding, rebuild)

/**
 * INSERT … SELECT … GROUP BY over the raw responses with ids @from..@to and
 * their answers, per table. Flags are a comma-separated list
 * (responses.flags), split per engine; flag names are identifiers
 * (lib/abuse.ts), never quotes or commas.
 */
const FLAG_ELEMENTS = byEngine({
  sqlite: `join json_each('["' || replace(r.flags, ',', '","') || '"]') f`,
  pg: `cross join lateral unnest(string_to_array(r.flags, ',')) as f(value)`,
});

export function aggregateSql(): Record<RollupTable | 'low', string> {
  const common = `r.unit_id, ${LOCAL_DAY} as day, coalesce(r.counter_id, 0) as counter_id`;
  const levelSums = LEVEL_COLUMNS.map((_, i) => `sum(case when a.score = ${i + 1} then 1 else 0 end)`).join(', ');
  const byOffice = (table: keyof typeof OFFICE_TABLES, period: string) => `
      insert into ${OFFICE_TABLES[table]} (${KEYS[table]}, ${LEVEL_COLUMNS})
      select r.unit_id, ${period}, a.question_key, r.excluded, ${levelSums}
      from answers a join responses r on r.id = a.response_id
      where a.response_id between @from and @to and a.score is not null
      group by 1, 2, 3, 4
      ${upsert(table, LEVEL_COLUMNS)}`;
  const byOfficial = (table: keyof typeof OFFICIAL_TABLES, period: string) => `
      insert into ${OFFICIAL_TABLES[table]} (${KEYS[table]}, ${LEVEL_COLUMNS})
      select r.official_id, ${period}, a.question_key, r.excluded, ${levelSums}
      from answers a join responses r on r.id = a.response_id
      where a.response_id between @from and @to and a.score is not null and r.official_id is not null
      group by 1, 2, 3, 4
      ${upsert(table, LEVEL_COLUMNS)}`;
  return {
    scores: `
      insert into rollup_scores (${KEYS.scores}, n)
      select ${common}, r.channel, a.question_key, a.score, r.excluded, count(*)
      from answers a join responses r on r.id = a.response_id
      where a.response_id between @from and @to and a.score is not null
      group by 1, 2, 3, 4, 5, 6, 7
      ${upsert('scores', ['n'])}`,
    responses: `
      insert into rollup_responses (${KEYS.responses}, n, commented)
      select ${common}, r.channel, ${LOCAL_HOUR}, ${LOCAL_WEEKDAY}, r.excluded, count(*), count(r.comment)
      from responses r
      where r.id between @from and @to
      group by 1, 2, 3, 4, 5, 6, 7
      ${upsert('responses', ['n', 'commented'])}`,
    choices: `
      insert into rollup_choices (${KEYS.choices}, n)
      select ${common}, a.question_key, a.choice, r.excluded, count(*)
      from answers a join responses r on r.id = a.response_id
      where a.response_id between @from and @to and a.choice is not null
      group by 1, 2, 3, 4, 5, 6
      ${upsert('choices', ['n'])}`,
    flags: `
      insert into rollup_flags (${KEYS.flags}, n)
      select ${common}, f.value, count(*)
      from responses r ${FLAG_ELEMENTS}
      where r.id between @from and @to and r.flags is not null and r.flags <> ''
      group by 1, 2, 3, 4
      ${upsert('flags', ['n'])}`,
    counterMonths: `
      insert into rollup_counter_months (${KEYS.counterMonths}, ${LEVEL_COLUMNS})
      select r.unit_id, substr(${LOCAL_DAY}, 1, 7), coalesce(r.counter_id, 0), r.channel, a.question_key, r.excluded, ${levelSums}
      from answers a join responses r on r.id = a.response_id
      where a.response_id between @from and @to and a.score is not null
      group by 1, 2, 3, 4, 5, 6
      ${upsert('counterMonths', LEVEL_COLUMNS)}`,
    flagMonths: `
      insert into rollup_flag_months (${KEYS.flagMonths}, n)
      select r.unit_id, substr(${LOCAL_DAY}, 1, 7), f.value, count(*)
      from responses r ${FLAG_ELEMENTS}
      where r.id between @from and @to and r.flags is not null and r.flags <> ''
      group by 1, 2, 3
      ${upsert('flagMonths', ['n'])}`,
    responseMonths: `
      insert into rollup_response_months (${KEYS.responseMonths}, n, commented)
      select r.unit_id, substr(${LOCAL_DAY}, 1, 7), ${LOCAL_WEEKDAY}, ${LOCAL_HOUR}, r.excluded, count(*), count(r.comment)
      from responses r
      where r.id between @from and @to
      group by 1, 2, 3, 4, 5
      ${upsert('responseMonths', ['n', 'commented'])}`,
    choiceMonths: `
      insert into rollup_choice_months (${KEYS.choiceMonths}, n)
      select r.unit_id, substr(${LOCAL_DAY}, 1, 7), a.question_key, a.choice, r.excluded, count(*)
      from answers a join responses r on r.id = a.response_id
      where a.response_id between @from and @to and a.choice is not null
      group by 1, 2, 3, 4, 5
      ${upsert('choiceMonths', ['n'])}`,
    officeDays: byOffice('officeDays', LOCAL_DAY),
    officeMonths: byOffice('officeMonths', `substr(${LOCAL_DAY}, 1, 7)`),
    officeHalves: byOffice('officeHalves', LOCAL_HALF),
    officeQuarters: byOffice('officeQuarters', LOCAL_QUARTER),
    officialDays: byOfficial('officialDays', LOCAL_DAY),
    officialMonths: byOfficial('officialMonths', `substr(${LOCAL_DAY}, 1, 7)`),
    low: `
      insert into low_ratings (response_id, unit_id, counter_id, submitted_at, min_score)
      select r.id, r.unit_id, coalesce(r.counter_id, 0), r.submitted_at, min(a.score)
      from responses r join answers a on a.response_id = r.id
      where r.id between @from and @to and r.excluded = false and a.score between 1 and 5
      group by r.id
      having min(a.score) <= ${DISSATISFIED_MAX}`,
  };
}

/**
 * Adds the responses with ids `from`..`to` (inclusive) and their answers to
 * the rollups. For writers that insert raw rows in bulk (the seeder); run it
 * in the transaction that inserted them.
 */
export async function addRollupsForResponses(range: { from: number; to: number }): Promise<void> {
  return withConn(async (c) => {
    for (const statement of Object.values(aggregateSql())) await c.run(statement, range);
  });
}

/**
 * Ids per aggregation step of a rebuild: one GROUP BY over a million
 * responses sorts every answer at once and took twice as long (15 s) as
 * steps of this size, whose counts then add up through the upsert.
 */
const REBUILD_STEP = 20_000;

export type RollupRowCounts = Record<(typeof ROLLUP_TABLES)[number], number>;

/**
 * Recomputes every rollup from the raw responses and answers, in one write
 * transaction: readers see the old rollups until it commits, and writers wait
 * for it (≈ 7 s on a million responses here, longer than the app's 5 s busy
 * timeout: run it with the app stopped or idle). On PostgreSQL the responses
 * table is locked against inserts first (SHARE), which waits for ratings
 * being stored and holds new ones back, as SQLite's single writer does.
 * Returns the rows in each table.
 */
export async function rebuildRollups({ step = REBUILD_STEP }: { step?: number } = {}): Promise<RollupRowCounts> {
  return transaction(async (c) => {
    if (c.kind === 'pg') await c.run('lock table responses in share mode');
    for (const t of ROLLUP_TABLES) await c.run(`delete from ${t}`);
    const range = await c.get<{ first: number | null; last: number | null }>('select min(id) as "first", max(id) as "last" from responses');
    const first = range?.first == null ? null : Number(range.first);
    const last = range?.last == null ? null : Number(range.last);
    if (first !== null && last !== null) {
      for (let from = first; from <= last; from += step) await addRollupsForResponses({ from, to: from + step - 1 });
    }
    return countRollupRows();
  });
}

export type RollupCheck = { counts: RollupRowCounts; changed: (typeof ROLLUP_TABLES)[number][] };

/**
 * Rebuilds the rollups and says which tables differed from what the raw rows
 * give (`changed` empty: nothing to fix). With `dryRun` the rebuild is rolled
 * back: the answer without touching the data (scripts/rebuild-rollups.ts --check).
 */
export async function rebuildRollupsAndCompare({ step, dryRun = false }: { step?: number; dryRun?: boolean } = {}): Promise<RollupCheck> {
  let outcome: RollupCheck | undefined;
  const undo = new Error('rollback: dry run');
  try {
    await transaction(async (c) => {
      if (c.kind === 'pg') await c.run('lock table responses in share mode');
      for (const t of ROLLUP_TABLES) await c.run(`create temp table old_${t} as select * from ${t}`);
      const counts = await rebuildRollups({ step });
      const changed: RollupCheck['changed'] = [];
      for (const t of ROLLUP_TABLES) {
        const differs = await c.value<number | boolean>(
          `select case when exists (select * from old_${t} except select * from ${t}) or exists (select * from ${t} except select * from old_${t}) then 1 else 0 end`,
        );
        if (Number(differs) === 1) changed.push(t);
      }
      for (const t of ROLLUP_TABLES) await c.run(`drop table old_${t}`);
      outcome = { counts, changed };
      if (dryRun) throw undo;
    });
  } catch (error) {
    if (error !== undo) throw error;
  }
  return outcome!;
}

export async function countRollupRows(): Promise<RollupRowCounts> {
  return withConn(async (c) => {
    const counts = {} as RollupRowCounts;
    for (const t of ROLLUP_TABLES) counts[t] = Number(await c.value<number>(`select count(*) from ${t}`));
    return counts;
  });
}

// ---------------------------------------------------------------------------
// Reads for dashboards: always scoped to the viewer's subtree

export type DayRange = {
  /** First local day, inclusive. */
  from: DayKey;
  /** Last local day, inclusive. */
  to: DayKey;
};
type ScopedRange = { viewer: Pick<Viewer, 'scopePath'> } & DayRange;

/** Rows for `tallyAnswers` (lib/indicators/counts.ts): `n` answers at `score`, from flagged responses when `excluded`. */
export type ScoreCountRow = { unitId: number; questionKey: string; score: number; excluded: boolean; n: number };

/** Scale answers per office, question, score and exclusion over a range of local days, for the offices in the viewer's subtree. */
export async function listScoreCounts({ viewer, from, to }: ScopedRange): Promise<ScoreCountRow[]> {
  return withConn(({ db }) =>
    db
    .select({
      unitId: rollupScores.unitId,
      questionKey: rollupScores.questionKey,
      score: rollupScores.score,
      excluded: rollupScores.excluded,
      n: sql<number>`sum(${rollupScores.n})`.mapWith(Number),
    })
    .from(units)
    .innerJoin(rollupScores, eq(rollupScores.unitId, units.id))
    .where(and(inSubtree(viewer.scopePath), gte(rollupScores.day, from), lte(rollupScores.day, to)))
    .groupBy(rollupScores.unitId, rollupScores.questionKey, rollupScores.score, rollupScores.excluded)
    .orderBy(rollupScores.unitId, rollupScores.questionKey, rollupScores.score, rollupScores.excluded),
  );
}

/** Rows for `countByFlag` (lib/indicators/counts.ts). */
export type ExclusionRow = { unitId: number; flag: string; n: number };

/** Why ratings were excluded: flagged responses per office and flag over a range of local days, in the viewer's subtree. */
export async function listExclusions({ viewer, from, to }: ScopedRange): Promise<ExclusionRow[]> {
  return withConn(({ db }) =>
    db
    .select({ unitId: rollupFlags.unitId, flag: rollupFlags.flag, n: sql<number>`sum(${rollupFlags.n})`.mapWith(Number) })
    .from(units)
    .innerJoin(rollupFlags, eq(rollupFlags.unitId, units.id))
    .where(and(inSubtree(viewer.scopePath), gte(rollupFlags.day, from), lte(rollupFlags.day, to)))
    .groupBy(rollupFlags.unitId, rollupFlags.flag)
    .orderBy(rollupFlags.unitId, rollupFlags.flag),
  );
}

import type { Viewer } from '@/lib/auth/roles';
import { dayKeyOf, readThrough, splitByMonths, splitWholeMonths, withQuarters, type DayKey, type RangePart } from '@/lib/indicators/periods';
import { byEngine, PLAN_EACH_TIME } from '../engine/dialect';
import { withConn } from '../store';
import { LEVEL_COLUMNS } from './rollups';

/**
 * The dashboards' reads (issue 4), all from the rollups (rollups.ts), never
 * from raw responses, so their cost follows the number of offices and days
 * in a period, not the number of ratings.
 *
 * Every read takes a `scope`: the viewer, and optionally a unit path inside
 * the viewer's subtree (the unit whose dashboard is open). Rows come only
 * from units in both; a unit path outside the viewer's subtree reads nothing
 * (callers have answered 404 before, this is the second lock).
 */

export type DashboardScope = {
  viewer: Pick<Viewer, 'scopePath'>;
  /** The subtree to read, e.g. one office's path; the viewer's whole scope when absent. */
  unitPath?: string;
};

export type DayRange = { from: DayKey; to: DayKey };

/** The last day to read for a range (lib/indicators/periods.ts readThrough): nothing is dated after today. */
const readTo = (range: DayRange) => readThrough(range.to, dayKeyOf(Date.now()));

/** The path to read, or null when the unit lies outside the viewer's scope. */
function pathOf({ viewer, unitPath }: DashboardScope): string | null {
  if (!unitPath) return viewer.scopePath;
  return unitPath.startsWith(viewer.scopePath) ? unitPath : null;
}

/** `units u` rows of a subtree, as an indexed range ('0' sorts right after '/'); see unit-tree.ts inSubtree. */
const SUBTREE = 'u.path >= @path and u.path < @pathEnd';
const subtreeParams = (path: string) => ({ path, pathEnd: `${path.slice(0, -1)}0` });

// Raw statements: each text is prepared once per connection by the store (db/engine/*).

// ---------------------------------------------------------------------------
// Answers per question and level (rollup_office_days / _halves / _months)

/** Answers at each level 1..5 of one question; `excluded` rows come from flagged ratings. */
export type LevelRow = { unitId: number; questionKey: string; excluded: boolean; n1: number; n2: number; n3: number; n4: number; n5: number };

const LEVEL_SUMS = LEVEL_COLUMNS.map((c) => `sum(r.${c}) as ${c}`).join(', ');

/**
 * The scale questions' keys over every question-set version (versions are
 * never deleted, and a key keeps its meaning across versions). SQLite only:
 * it names the keys for the skip-scan of the monthly rollup's covering index.
 */
const SCALE_KEYS = `select distinct json_extract(q.value, '$.key') from question_set_versions v, json_each(v.definition, '$.questions') q
  where json_extract(q.value, '$.kind') = 'scale5'`;

/** Where each kind of part of a split range is read, and its period column. */
const PART_SOURCES = {
  days: { table: 'rollup_office_days', key: 'r.day' },
  halves: { table: 'rollup_office_halves', key: 'r.half' },
  months: { table: 'rollup_office_months', key: 'r.month' },
  quarters: { table: 'rollup_office_quarters', key: 'r.quarter' },
} as const satisfies Record<RangePart['kind'], { table: string; key: string }>;

/**
 * SQLite: one part of a split range (lib/indicators/periods.ts RangePart),
 * summed per question and exclusion (and office, `byUnit`), with the part's
 * sign; its bounds are the parameters @from<i> and @to<i>.
 */
function sqlitePartSql(part: RangePart, i: number, byUnit: boolean): string {
  const sign = part.sign === -1 ? '-' : '';
  const sums = LEVEL_COLUMNS.map((c) => `${sign}sum(r.${c}) as ${c}`).join(', ');
  const select = `select ${byUnit ? 'r.unit_id' : '0'} as "unitId", r.question_key as "questionKey", r.excluded as excluded, ${sums}`;
  const group = `group by ${byUnit ? 'r.unit_id, ' : ''}r.question_key, r.excluded`;
  // The offices as a list rather than a join driven by the units' path order, so rows keep the index's order.
  const offices = `r.unit_id in (select u.id from units u where ${SUBTREE})`;
  const { table, key } = PART_SOURCES[part.kind];
  const range = `${key} between @from${i} and @to${i}`;
  // A few edge days, or one half of a month: a range seek per office on the unique index.
  if (part.kind === 'days' || part.kind === 'halves') return `${select} from ${table} r where ${offices} and ${range} ${group}`;
  // The bulk of a long period (whole quarters, and the whole months beside them). Naming every
  // (office, question, exclusion) lets SQLite seek the periods inside each in the covering index and
  // sum the rows in the order they arrive: no table lookups and no sort (ADR 013).
  return `${select} from ${table} r indexed by ${table}_by_question
    where ${offices} and r.question_key in (${SCALE_KEYS}) and r.excluded in (0, 1) and ${range} ${group}`;
}

/**
 * PostgreSQL: the rows of every part of one kind and sign (two runs of
 * months become one scan), each level with its sign, to be summed once by
 * the caller: a hash aggregate per part cost more than the rows themselves.
 * `bounds` are the indexes i of the parts' @from<i> and @to<i>.
 */
function pgPartRows(kind: RangePart['kind'], sign: 1 | -1, bounds: number[], byUnit: boolean): string {
  const { table, key } = PART_SOURCES[kind];
  const levels = LEVEL_COLUMNS.map((c) => `${sign === -1 ? '-' : ''}r.${c} as ${c}`).join(', ');
  const ranges = bounds.map((i) => `${key} between @from${i} and @to${i}`).join(' or ');
  const select = `select ${byUnit ? 'u.id' : '0'} as "unitId", r.question_key as "questionKey", r.excluded as excluded, ${levels}`;
  if (kind === 'days' || kind === 'halves') {
    // A few edge days, or one half of a month. The estimate for a few days at the end of the data
    // sometimes prefers a scan of the whole daily table (1.2M rows at 2M ratings): a lateral
    // subquery, kept apart by `offset 0`, makes it seek office by office.
    return `${select} from units u cross join lateral (
      select r.question_key, r.excluded, ${LEVEL_COLUMNS.map((c) => `r.${c}`).join(', ')} from ${table} r where r.unit_id = u.id and (${ranges}) offset 0) r
      where ${SUBTREE}`;
  }
  return `${select} from units u join ${table} r on r.unit_id = u.id and (${ranges}) where ${SUBTREE}`;
}

function pgLevelCountsSql(parts: RangePart[], byUnit: boolean): string {
  const groups = new Map<string, { kind: RangePart['kind']; sign: 1 | -1; bounds: number[] }>();
  parts.forEach((p, i) => {
    const g = groups.get(`${p.kind}${p.sign}`);
    if (g) g.bounds.push(i);
    else groups.set(`${p.kind}${p.sign}`, { kind: p.kind, sign: p.sign, bounds: [i] });
  });
  const rows = [...groups.values()].map((g) => pgPartRows(g.kind, g.sign, g.bounds, byUnit));
  return `select "unitId", "questionKey", excluded, ${LEVEL_COLUMNS.map((c) => `sum(${c}) as ${c}`).join(', ')}
    from (${rows.join(' union all ')}) as parts group by "unitId", "questionKey", excluded
    having ${LEVEL_COLUMNS.map((c) => `sum(${c}) <> 0`).join(' or ')}`;
}

/**
 * Answers per question and level over a range of days, per office
 * (`byUnit`) or for the whole subtree (unitId 0): whole quarters and months
 * from the quarterly and monthly rollups, a partial month as the month or its halves less the days
 * they leave out, or day by day (lib/indicators/periods.ts splitByMonths, withQuarters).
 * The parts are added up in the same statement: one sort of a few thousand
 * rows instead of a merge in JavaScript.
 */
export async function listLevelCounts(scope: DashboardScope, range: DayRange, { byUnit }: { byUnit: boolean }): Promise<LevelRow[]> {
  const path = pathOf(scope);
  if (!path) return [];
  const parts = withQuarters(splitByMonths(range.from, readTo(range)));
  const inner = parts.map((p, i) => sqlitePartSql(p, i, byUnit));
  const text = byEngine({
    sqlite:
      parts.length === 1 && parts[0]!.sign === 1
        ? inner[0]!
        : `select "unitId", "questionKey", excluded, ${LEVEL_COLUMNS.map((c) => `sum(${c}) as ${c}`).join(', ')}
          from (${inner.join(' union all ')}) as parts group by "unitId", "questionKey", excluded
          having ${LEVEL_COLUMNS.map((c) => `sum(${c}) <> 0`).join(' or ')}`, // a question answered only on the days taken away nets to nothing
    // Planned with its values: its parts change with the range (EXPLAIN ANALYZE at 2M, the province over
    // 365 days: 30 ms so, 50 ms with the generic plan). Not the day-by-day trend, whose generic plan (an
    // index seek per office) beats the parallel scan a plan for the values picks: 9 ms against 63–74.
    pg: PLAN_EACH_TIME + pgLevelCountsSql(parts, byUnit),
  });
  const bounds = Object.fromEntries(parts.flatMap((p, i) => [[`from${i}`, p.from], [`to${i}`, p.to]]));
  const rows = await withConn((c) => c.all<Omit<LevelRow, 'excluded'> & { excluded: number }>(text, { ...subtreeParams(path), ...bounds }));
  return rows.map((r) => ({ ...r, excluded: r.excluded === 1 }));
}

/** Valid answers per period — a local day "YYYY-MM-DD", a half "YYYY-MM-1|2" or a month "YYYY-MM" — and question: the points of a trend. */
export type PeriodLevelRow = { period: string; questionKey: string; n1: number; n2: number; n3: number; n4: number; n5: number };

/**
 * Valid answers (flagged ratings left out) per day, half or month over one
 * run of a split range (lib/indicators/periods.ts RangePart), counted with
 * its sign: a month less a few days is the month's row plus the days' rows
 * taken away.
 */
export async function listLevelCountsByPeriod(scope: DashboardScope, part: Pick<RangePart, 'kind' | 'from' | 'to'> & { sign?: 1 | -1 }): Promise<PeriodLevelRow[]> {
  const path = pathOf(scope);
  if (!path) return [];
  const { table, key } = PART_SOURCES[part.kind];
  const rows = await withConn((c) =>
    c.all<PeriodLevelRow>(
      `select ${key} as period, r.question_key as "questionKey", ${LEVEL_SUMS}
      from units u join ${table} r on r.unit_id = u.id and ${key} between @from and @to
      where ${SUBTREE} and r.excluded = false
      group by ${key}, r.question_key order by ${key}`,
      { ...subtreeParams(path), from: part.from, to: part.to },
    ),
  );
  return part.sign === -1 ? rows.map((r) => ({ ...r, ...negated(r) })) : rows;
}

const negated = (r: Pick<LevelRow, 'n1' | 'n2' | 'n3' | 'n4' | 'n5'>) => ({ n1: -r.n1, n2: -r.n2, n3: -r.n3, n4: -r.n4, n5: -r.n5 });

// ---------------------------------------------------------------------------
// One subtree's breakdowns (rollup_scores and rollup_counter_months, rollup_responses, rollup_choices,
// rollup_flags and rollup_flag_months)

/** The breakdowns kept per day, and the twin of each kept per calendar month (rollups.ts). */
const MONTH_TWINS = {
  scores: { days: 'rollup_scores', months: 'rollup_counter_months' },
  responses: { days: 'rollup_responses', months: 'rollup_response_months' },
  choices: { days: 'rollup_choices', months: 'rollup_choice_months' },
  flags: { days: 'rollup_flags', months: 'rollup_flag_months' },
} as const;

/**
 * A range read from a breakdown and its monthly twin: whole months from the
 * twin and the edge days from the daily table (lib/indicators/periods.ts
 * splitWholeMonths), so a year costs at most two months of daily rows
 * however many ratings there are. `select` writes one part's rows from
 * `rows`, the subtree's units `u` joined to that part's rows `r`.
 */
function monthsAndDays(range: DayRange, twin: keyof typeof MONTH_TWINS, select: (part: { kind: 'months' | 'days'; rows: string }) => string) {
  const parts = splitWholeMonths(range.from, readTo(range));
  const selects = parts.map((p, i) => {
    const kind = p.kind as 'months' | 'days';
    const period = kind === 'months' ? 'month' : 'day';
    return select({ kind, rows: `units u join ${MONTH_TWINS[twin][kind]} r on r.unit_id = u.id and r.${period} between @from${i} and @to${i}` });
  });
  return {
    rows: selects.join(' union all '),
    bounds: Object.fromEntries(parts.flatMap((p, i) => [[`from${i}`, p.from], [`to${i}`, p.to]])),
  };
}

/** Valid answers per counter (0 = the office itself), channel, question and level. */
export type CounterLevelRow = { counterId: number; channel: string; questionKey: string; n1: number; n2: number; n3: number; n4: number; n5: number };

export async function listCounterScores(scope: DashboardScope, range: DayRange): Promise<CounterLevelRow[]> {
  const path = pathOf(scope);
  if (!path) return [];
  const { rows, bounds } = monthsAndDays(range, 'scores', ({ kind, rows }) => {
    // Months keep a column per level; days a row per score.
    const levels = kind === 'months' ? LEVEL_COLUMNS.map((c) => `r.${c} as ${c}`) : LEVEL_COLUMNS.map((c, k) => `case when r.score = ${k + 1} then r.n else 0 end as ${c}`);
    return `select r.counter_id, r.channel, r.question_key, ${levels.join(', ')} from ${rows} where ${SUBTREE} and r.excluded = false`;
  });
  return withConn((c) =>
    c.all<CounterLevelRow>(
      `select counter_id as "counterId", channel, question_key as "questionKey", ${LEVEL_COLUMNS.map((c) => `sum(${c}) as ${c}`).join(', ')}
      from (${rows}) as parts
      group by counter_id, channel, question_key`,
      { ...subtreeParams(path), ...bounds },
    ),
  );
}

/** Ratings per local weekday (1 = Monday) and hour, valid and flagged apart, with how many carried a comment. */
export type HourRow = { weekday: number; hour: number; excluded: boolean; n: number; commented: number };

export async function listRatingsByHour(scope: DashboardScope, range: DayRange): Promise<HourRow[]> {
  const path = pathOf(scope);
  if (!path) return [];
  const { rows, bounds } = monthsAndDays(range, 'responses', (part) => `select r.weekday, r.hour, r.excluded, r.n, r.commented from ${part.rows} where ${SUBTREE}`);
  const found = await withConn((c) =>
    c.all<Omit<HourRow, 'excluded'> & { excluded: number }>(
      `select weekday, hour, excluded, sum(n) as n, sum(commented) as commented from (${rows}) as parts group by weekday, hour, excluded`,
      { ...subtreeParams(path), ...bounds },
    ),
  );
  return found.map((r) => ({ ...r, excluded: r.excluded === 1 }));
}

/** Options chosen per choice question (reasons, trips, extra papers) by valid ratings. */
export type ChoiceRow = { questionKey: string; choice: string; n: number };

export async function listChoiceCounts(scope: DashboardScope, range: DayRange): Promise<ChoiceRow[]> {
  const path = pathOf(scope);
  if (!path) return [];
  const { rows, bounds } = monthsAndDays(range, 'choices', (part) => `select r.question_key, r.choice, r.n from ${part.rows} where ${SUBTREE} and r.excluded = false`);
  return withConn((c) =>
    c.all<ChoiceRow>(`select question_key as "questionKey", choice, sum(n) as n from (${rows}) as parts group by question_key, choice`, {
      ...subtreeParams(path),
      ...bounds,
    }),
  );
}

/** Flagged ratings per office and flag: why they were left out. */
export type FlagRow = { unitId: number; flag: string; n: number };

export async function listFlagCounts(scope: DashboardScope, range: DayRange): Promise<FlagRow[]> {
  const path = pathOf(scope);
  if (!path) return [];
  const { rows, bounds } = monthsAndDays(range, 'flags', (part) => `select r.unit_id, r.flag, r.n from ${part.rows} where ${SUBTREE}`);
  return withConn((c) =>
    c.all<FlagRow>(
      `${PLAN_EACH_TIME}select unit_id as "unitId", flag, sum(n) as n from (${rows}) as parts group by unit_id, flag`,
      { ...subtreeParams(path), ...bounds },
    ),
  );
}

/**
 * Comments in the period that nobody has acted on yet: those counted by the
 * rollup minus those with a status other than 'new' (comment_threads is
 * small: only comments someone handled), so no raw scan.
 */
export async function countUnansweredComments(scope: DashboardScope, range: DayRange & { start: number; end: number }): Promise<{ total: number; unanswered: number }> {
  const path = pathOf(scope);
  if (!path) return { total: 0, unanswered: 0 };
  // SQLite: CROSS JOIN keeps the join order, from the few handled comments out, never from every
  // response of the subtree. PostgreSQL has no CROSS JOIN … ON and plans from statistics anyway.
  const join = byEngine({ sqlite: 'cross join', pg: 'join' });
  return withConn(async (c) => {
    const commented = monthsAndDays(range, 'responses', (part) => `select r.commented from ${part.rows} where ${SUBTREE}`);
    const total =
      (await c.value<number>(`select coalesce(sum(commented), 0) from (${commented.rows}) as parts`, { ...subtreeParams(path), ...commented.bounds })) ?? 0;
    const handled =
      (await c.value<number>(
        `select count(*) from comment_threads t ${join} responses p on p.id = t.response_id ${join} units u on u.id = p.unit_id
      where t.status <> 'new' and p.submitted_at >= @start and p.submitted_at < @end and ${SUBTREE}`,
        { ...subtreeParams(path), start: range.start, end: range.end },
      )) ?? 0;
    return { total, unanswered: Math.max(0, total - handled) };
  });
}

// ---------------------------------------------------------------------------
// The offices and counters being shown

export type OfficeRow = { id: number; name: string; kind: string; path: string; code: string | null; active: boolean; parentId: number | null; parentName: string | null };

/** Offices (units with a survey code) in the subtree, active or not, in tree order of their paths. */
export async function listOffices(scope: DashboardScope): Promise<OfficeRow[]> {
  const path = pathOf(scope);
  if (!path) return [];
  const rows = await withConn((c) =>
    c.all<Omit<OfficeRow, 'active'> & { active: number }>(
      `select u.id as id, u.name as name, u.kind as kind, u.path as path, u.code as code, u.active as active, u.parent_id as "parentId", p.name as "parentName"
      from units u left join units p on p.id = u.parent_id
      where ${SUBTREE} and u.code is not null
      order by u.path`,
      subtreeParams(path),
    ),
  );
  return rows.map((r) => ({ ...r, active: r.active === 1 }));
}

export type CounterRow = { id: number; unitId: number; name: string; active: boolean };

export async function listCountersOf(scope: DashboardScope): Promise<CounterRow[]> {
  const path = pathOf(scope);
  if (!path) return [];
  const rows = await withConn((c) =>
    c.all<Omit<CounterRow, 'active'> & { active: number }>(
      `select c.id as id, c.unit_id as "unitId", c.name as name, c.active as active
      from units u join counters c on c.unit_id = u.id where ${SUBTREE} order by c.unit_id, c.sort_order, c.id`,
      subtreeParams(path),
    ),
  );
  return rows.map((r) => ({ ...r, active: r.active === 1 }));
}

/** Every question-set version's definition (JSON text), newest first: what the question keys in the rollups mean. */
export async function listQuestionDefinitions(): Promise<string[]> {
  const rows = await withConn((c) => c.all<{ definition: string }>('select definition from question_set_versions order by id desc'));
  return rows.map((r) => r.definition);
}

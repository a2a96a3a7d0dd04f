import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { dayStart } from '@/lib/indicators/periods';
import { openTestStore, type TestStore } from '../testing';
import { addReadingProvince, type UnitRef } from '../testing-reading';
import { countUnansweredComments, listChoiceCounts, listCounterScores, listFlagCounts, listLevelCounts, listLevelCountsByPeriod, listOffices, listRatingsByHour, type ChoiceRow, type CounterLevelRow, type FlagRow, type HourRow, type LevelRow } from './dashboard';

const NOW = new Date('2026-11-27T03:00:00Z');
let t: TestStore;
let province: UnitRef;
let centre: UnitRef;
let other: UnitRef;

beforeAll(async () => {
  t = await openTestStore();
  ({ province, centre, other } = await addReadingProvince({ ratings: 3000, now: NOW }));
  // Today is NOW's day: a range that reaches it is read to the end of its month (periods.ts readThrough).
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
}, 60_000);
afterAll(async () => {
  vi.useRealTimers();
  await t.dispose();
});

/** The same counts straight from raw responses and answers: what the rollups must agree with. */
async function rawLevels(path: string, from: string, to: string, byUnit: boolean): Promise<LevelRow[]> {
  const rows = await t.conn.all<Omit<LevelRow, 'excluded'> & { excluded: number }>(
    `select ${byUnit ? 'r.unit_id' : '0'} as "unitId", a.question_key as "questionKey", r.excluded as excluded,
       ${[1, 2, 3, 4, 5].map((s) => `sum(case when a.score = ${s} then 1 else 0 end) as n${s}`).join(', ')}
     from responses r join units u on u.id = r.unit_id join answers a on a.response_id = r.id
     where u.path >= ? and u.path < ? and a.score is not null and r.submitted_at >= ? and r.submitted_at < ?
     group by ${byUnit ? 'r.unit_id, ' : ''}a.question_key, r.excluded`,
    [path, `${path.slice(0, -1)}0`, dayStart(from), dayStart(to) + 86_400_000],
  );
  return rows.map((r) => ({ ...r, excluded: r.excluded === 1 }));
}

/** Valid answers per counter, channel, question and level, straight from the raw rows. */
async function rawCounterLevels(path: string, from: string, to: string): Promise<CounterLevelRow[]> {
  return t.conn.all<CounterLevelRow>(
    `select coalesce(r.counter_id, 0) as "counterId", r.channel as channel, a.question_key as "questionKey",
       ${[1, 2, 3, 4, 5].map((s) => `sum(case when a.score = ${s} then 1 else 0 end) as n${s}`).join(', ')}
     from responses r join units u on u.id = r.unit_id join answers a on a.response_id = r.id
     where u.path >= ? and u.path < ? and a.score is not null and r.excluded = false and r.submitted_at >= ? and r.submitted_at < ?
     group by coalesce(r.counter_id, 0), r.channel, a.question_key`,
    [path, `${path.slice(0, -1)}0`, dayStart(from), dayStart(to) + 86_400_000],
  );
}

/** Flagged ratings per office and flag, straight from the raw rows (flags are a comma-separated list). */
async function rawFlags(path: string, from: string, to: string): Promise<FlagRow[]> {
  const rows = await t.conn.all<{ unitId: number; flags: string }>(
    `select r.unit_id as "unitId", r.flags as flags from responses r join units u on u.id = r.unit_id
     where u.path >= ? and u.path < ? and r.flags is not null and r.submitted_at >= ? and r.submitted_at < ?`,
    [path, `${path.slice(0, -1)}0`, dayStart(from), dayStart(to) + 86_400_000],
  );
  const counts = new Map<string, FlagRow>();
  for (const r of rows) {
    for (const flag of r.flags.split(',')) {
      const row = counts.get(`${r.unitId}|${flag}`) ?? { unitId: r.unitId, flag, n: 0 };
      row.n++;
      counts.set(`${r.unitId}|${flag}`, row);
    }
  }
  return [...counts.values()];
}

/** Ratings per weekday and hour (and comments), and valid choices, straight from the raw rows, in UTC+7. */
async function rawHoursAndChoices(path: string, from: string, to: string) {
  const params = [path, `${path.slice(0, -1)}0`, dayStart(from), dayStart(to) + 86_400_000];
  const rated = await t.conn.all<{ submittedAt: number; excluded: number | boolean; comment: string | null }>(
    `select r.submitted_at as "submittedAt", r.excluded as excluded, r.comment as comment from responses r join units u on u.id = r.unit_id
     where u.path >= ? and u.path < ? and r.submitted_at >= ? and r.submitted_at < ?`,
    params,
  );
  const hours = new Map<string, HourRow>();
  for (const r of rated) {
    const local = new Date(Number(r.submittedAt) + 7 * 3_600_000);
    const weekday = ((local.getUTCDay() + 6) % 7) + 1;
    const excluded = r.excluded === true || r.excluded === 1;
    const key = `${weekday}|${local.getUTCHours()}|${excluded}`;
    const row = hours.get(key) ?? { weekday, hour: local.getUTCHours(), excluded, n: 0, commented: 0 };
    row.n++;
    if (r.comment !== null) row.commented++;
    hours.set(key, row);
  }
  const choices = await t.conn.all<ChoiceRow>(
    `select a.question_key as "questionKey", a.choice as choice, count(*) as n
     from responses r join units u on u.id = r.unit_id join answers a on a.response_id = r.id
     where u.path >= ? and u.path < ? and r.submitted_at >= ? and r.submitted_at < ? and a.choice is not null and r.excluded = false
     group by a.question_key, a.choice`,
    params,
  );
  return { hours: [...hours.values()], choices, comments: [...hours.values()].reduce((s, r) => s + r.commented, 0) };
}

const byKey = <T>(rows: T[], key: (r: T) => string) => [...rows].sort((a, b) => key(a).localeCompare(key(b)));

const sorted = (rows: LevelRow[]) =>
  [...rows].sort((a, b) => a.unitId - b.unitId || a.questionKey.localeCompare(b.questionKey) || Number(a.excluded) - Number(b.excluded));

describe('dashboard reads', () => {
  it.each([
    ['whole months and ragged edges', '2026-06-14', '2026-11-27'],
    ['one whole month', '2026-09-01', '2026-09-30'],
    ['days inside a month', '2026-10-03', '2026-10-17'],
    ['across a year end with no data', '2024-12-20', '2025-01-10'],
    ['year to date: this month so far is its monthly row', '2026-01-01', '2026-11-27'],
    ['30 days to date: October less two days, November whole', '2026-10-03', '2026-11-27'],
    ['a month less its first days', '2026-09-04', '2026-09-30'],
    ['two partial months, no whole one', '2026-08-20', '2026-09-12'],
    ['the 16th to the 15th: two halves of months', '2026-09-16', '2026-10-15'],
    ['halves less a few days at both ends', '2026-08-08', '2026-10-22'],
    ['across a year end with data', '2025-12-10', '2026-02-20'],
    ['a whole year: four quarters', '2026-01-01', '2026-12-31'],
    ['365 days from December: a month, three quarters, two months and edge days', '2025-12-06', '2026-12-05'],
    ['quarters across a year end', '2025-10-01', '2026-03-31'],
    ['the quarter to date: one quarterly row', '2026-10-01', '2026-11-27'],
    ['this month to date: one monthly row', '2026-11-01', '2026-11-27'],
    ['the last 365 days to date', '2025-11-28', '2026-11-27'],
  ])('agree with a raw count per office and question: %s', async (_, from, to) => {
    for (const byUnit of [true, false]) {
      const fromRollups = await listLevelCounts({ viewer: { scopePath: province.path } }, { from, to }, { byUnit });
      expect(sorted(fromRollups)).toEqual(sorted(await rawLevels(province.path, from, to, byUnit)));
    }
  });

  it.each([
    ['a year to date', '2026-01-01', '2026-11-27'],
    ['30 days to date: November read as its month', '2026-10-29', '2026-11-27'],
    ['365 days: months and the edge days of two', '2025-12-06', '2026-12-05'],
    ['whole months only', '2026-03-01', '2026-05-31'],
    ['days inside one month', '2026-10-03', '2026-10-17'],
    ['two partial months, no whole one', '2026-08-20', '2026-09-12'],
  ])('count counters and flags from months and edge days as the raw rows do: %s', async (_, from, to) => {
    const counters = await listCounterScores({ viewer: { scopePath: province.path }, unitPath: centre.path }, { from, to });
    const counterKey = (r: CounterLevelRow) => `${r.counterId}|${r.channel}|${r.questionKey}`;
    expect(counters.length).toBeGreaterThan(2);
    expect(byKey(counters, counterKey)).toEqual(byKey(await rawCounterLevels(centre.path, from, to), counterKey));
    const flags = await listFlagCounts({ viewer: { scopePath: province.path } }, { from, to });
    const flagKey = (r: FlagRow) => `${r.unitId}|${r.flag}`;
    expect(flags.length).toBeGreaterThan(1);
    expect(byKey(flags, flagKey)).toEqual(byKey(await rawFlags(province.path, from, to), flagKey));
    const raw = await rawHoursAndChoices(centre.path, from, to);
    const centreScope = { viewer: { scopePath: province.path }, unitPath: centre.path };
    const hourKey = (r: HourRow) => `${r.weekday}|${r.hour}|${r.excluded}`;
    expect(raw.hours.length).toBeGreaterThan(20);
    expect(byKey(await listRatingsByHour(centreScope, { from, to }), hourKey)).toEqual(byKey(raw.hours, hourKey));
    const choiceKey = (r: ChoiceRow) => `${r.questionKey}|${r.choice}`;
    expect(raw.choices.length).toBeGreaterThan(2);
    expect(byKey(await listChoiceCounts(centreScope, { from, to }), choiceKey)).toEqual(byKey(raw.choices, choiceKey));
    expect((await countUnansweredComments(centreScope, { from, to, start: dayStart(from), end: dayStart(to) + 86_400_000 })).total).toBe(raw.comments);
  });

  it('count a trend per month, half and day with the sign of its part', async () => {
    const scope = { viewer: { scopePath: province.path } };
    const months = await listLevelCountsByPeriod(scope, { kind: 'months', from: '2026-09', to: '2026-10' });
    const halves = await listLevelCountsByPeriod(scope, { kind: 'halves', from: '2026-09-1', to: '2026-10-2' });
    const days = await listLevelCountsByPeriod(scope, { kind: 'days', from: '2026-09-01', to: '2026-10-31', sign: -1 });
    const total = (rows: { questionKey: string; n1: number; n5: number }[]) =>
      rows.filter((r) => r.questionKey === 'q1').reduce((s, r) => s + r.n1 + r.n5, 0);
    expect(months.map((r) => r.period)).toEqual([...months.map((r) => r.period)].sort());
    expect(total(months)).toBeGreaterThan(0);
    expect(total(halves)).toBe(total(months));
    expect(total(days)).toBe(-total(months));
    const raw = (await rawLevels(province.path, '2026-09-01', '2026-10-31', false)).filter((r) => r.questionKey === 'q1' && !r.excluded);
    expect(total(months)).toBe(raw.reduce((s, r) => s + r.n1 + r.n5, 0));
  });

  it("read only the viewer's subtree, and nothing for a unit outside it", async () => {
    const range = { from: '2026-06-01', to: '2026-11-27' };
    const mine = await listLevelCounts({ viewer: { scopePath: centre.path } }, range, { byUnit: true });
    expect(mine.length).toBeGreaterThan(0);
    expect(new Set(mine.map((r) => r.unitId))).toEqual(new Set([centre.id]));
    // The centre's head asking for another office's rows gets none, whatever the reader.
    const foreign = { viewer: { scopePath: centre.path }, unitPath: other.path };
    expect(await listLevelCounts(foreign, range, { byUnit: true })).toEqual([]);
    expect(await listCounterScores(foreign, range)).toEqual([]);
    expect(await listFlagCounts(foreign, range)).toEqual([]);
    expect(await listChoiceCounts(foreign, range)).toEqual([]);
    expect(await listRatingsByHour(foreign, range)).toEqual([]);
    expect(await listOffices(foreign)).toEqual([]);
    expect(await countUnansweredComments(foreign, { ...range, start: 0, end: NOW.getTime() })).toEqual({ total: 0, unanswered: 0 });
    expect((await listOffices({ viewer: { scopePath: centre.path } })).map((o) => o.id)).toEqual([centre.id]);
  });

  it('lists offices in tree order with their parent, inactive ones flagged', async () => {
    const offices = await listOffices({ viewer: { scopePath: province.path } });
    expect(offices).toHaveLength(13);
    expect(offices.map((o) => o.path)).toEqual([...offices.map((o) => o.path)].sort());
    expect(offices[0]).toMatchObject({ id: centre.id, parentId: province.id, parentName: 'Tỉnh Mẫu', active: true });
    expect(offices.filter((o) => !o.active)).toHaveLength(1);
  });
});

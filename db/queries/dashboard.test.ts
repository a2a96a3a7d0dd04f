import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayStart } from '@/lib/indicators/periods';
import { openTestStore, type TestStore } from '../testing';
import { addReadingProvince, type UnitRef } from '../testing-reading';
import { countUnansweredComments, listCounterScores, listLevelCounts, listLevelCountsByPeriod, listOffices, listRatingsByHour, type LevelRow } from './dashboard';

const NOW = new Date('2026-11-27T03:00:00Z');
let t: TestStore;
let province: UnitRef;
let centre: UnitRef;
let other: UnitRef;

beforeAll(async () => {
  t = await openTestStore();
  ({ province, centre, other } = await addReadingProvince({ ratings: 3000, now: NOW }));
}, 60_000);
afterAll(() => t.dispose());

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
  ])('agree with a raw count per office and question: %s', async (_, from, to) => {
    for (const byUnit of [true, false]) {
      const fromRollups = await listLevelCounts({ viewer: { scopePath: province.path } }, { from, to }, { byUnit });
      expect(sorted(fromRollups)).toEqual(sorted(await rawLevels(province.path, from, to, byUnit)));
    }
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

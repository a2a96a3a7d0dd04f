import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayStart } from '@/lib/indicators/periods';
import { openDemoTestDb } from '../testing';
import { listCounterScores, listLevelCounts, listOffices, listRatingsByHour, type LevelRow } from './dashboard';

const NOW = new Date('2026-11-27T03:00:00Z');
let db: ReturnType<typeof openDemoTestDb>['db'];
let province: { id: number; path: string };
let centre: { id: number; path: string };
let other: { id: number; path: string };

beforeAll(() => {
  ({ db, province, centre, other } = openDemoTestDb({ responses: 4000, now: NOW }));
});
afterAll(() => db.dispose());

/** The same counts straight from raw responses and answers: what the rollups must agree with. */
function rawLevels(path: string, from: string, to: string, byUnit: boolean): LevelRow[] {
  const rows = db.$client
    .prepare(
      `select ${byUnit ? 'r.unit_id' : '0'} as unitId, a.question_key as questionKey, r.excluded as excluded,
         sum(a.score = 1) as n1, sum(a.score = 2) as n2, sum(a.score = 3) as n3, sum(a.score = 4) as n4, sum(a.score = 5) as n5
       from responses r join units u on u.id = r.unit_id join answers a on a.response_id = r.id
       where u.path like ? || '%' and a.score is not null and r.submitted_at >= ? and r.submitted_at < ?
       group by 1, 2, 3`,
    )
    .all(path, dayStart(from), dayStart(to) + 86_400_000) as (Omit<LevelRow, 'excluded'> & { excluded: number })[];
  return rows.map((r) => ({ ...r, excluded: r.excluded === 1 }));
}

const sorted = (rows: LevelRow[]) =>
  [...rows].sort((a, b) => a.unitId - b.unitId || a.questionKey.localeCompare(b.questionKey) || Number(a.excluded) - Number(b.excluded));

describe('dashboard reads', () => {
  it.each([
    ['whole months and ragged edges', '2026-06-14', '2026-11-27'],
    ['one whole month', '2026-09-01', '2026-09-30'],
    ['days inside a month', '2026-10-03', '2026-10-17'],
    ['across a year end with no data', '2025-12-20', '2026-01-10'],
    ['year to date: this month so far is its monthly row', '2026-01-01', '2026-11-27'],
    ['30 days to date: October less two days, November whole', '2026-10-03', '2026-11-27'],
    ['a month less its first days', '2026-09-04', '2026-09-30'],
    ['two partial months, no whole one', '2026-08-20', '2026-09-12'],
    ['the 16th to the 15th: two halves of months', '2026-09-16', '2026-10-15'],
    ['halves less a few days at both ends', '2026-08-08', '2026-10-22'],
  ])('agree with a raw count per office and question: %s', (_, from, to) => {
    for (const byUnit of [true, false]) {
      const fromRollups = listLevelCounts(db, { viewer: { scopePath: province.path } }, { from, to }, { byUnit });
      expect(sorted(fromRollups)).toEqual(sorted(rawLevels(province.path, from, to, byUnit)));
    }
  });

  it('read only the viewer\'s subtree, and nothing for a unit outside it', () => {
    const range = { from: '2026-06-01', to: '2026-11-27' };
    const mine = listLevelCounts(db, { viewer: { scopePath: centre.path } }, range, { byUnit: true });
    expect(mine.length).toBeGreaterThan(0);
    expect(new Set(mine.map((r) => r.unitId))).toEqual(new Set([centre.id]));
    // The centre's head asking for another office's rows gets none, whatever the reader.
    const foreign = { viewer: { scopePath: centre.path }, unitPath: other.path };
    expect(listLevelCounts(db, foreign, range, { byUnit: true })).toEqual([]);
    expect(listCounterScores(db, foreign, range)).toEqual([]);
    expect(listRatingsByHour(db, foreign, range)).toEqual([]);
    expect(listOffices(db, foreign)).toEqual([]);
    expect(listOffices(db, { viewer: { scopePath: centre.path } }).map((o) => o.id)).toEqual([centre.id]);
  });
});

import { describe, expect, it } from 'vitest';
import { addScore, countByFlag, emptyCounts, mergeCounts, tallyAnswers, totalAnswers, type ScoreRow } from './counts';

const none = { device_repeat: 0, network_burst: 0, kiosk_burst: 0, staff_device: 0, outside_hours: 0, kiosk_daily_cap: 0, other: 0 };

describe('counts helpers', () => {
  it('adds without touching the input', () => {
    const before = { 5: 2 } as const;
    expect(addScore(before, 5)).toEqual({ 1: 0, 2: 0, 3: 0, 4: 0, 5: 3 });
    expect(addScore(before, 1, 4)).toEqual({ 1: 4, 2: 0, 3: 0, 4: 0, 5: 2 });
    expect(before).toEqual({ 5: 2 });
  });

  it.each([
    [[], emptyCounts()],
    [[{}], emptyCounts()],
    [[{ 5: 1, 4: 1 }, { 4: 2, 1: 3 }], { 1: 3, 2: 0, 3: 0, 4: 3, 5: 1 }],
  ])('merges %j', (all, want) => expect(mergeCounts(...all)).toEqual(want));

  it.each([
    [{}, 0],
    [{ 3: 7 }, 7],
    [{ 1: 1, 2: 2, 3: 3, 4: 4, 5: 5 }, 15],
  ])('total of %j is %i', (c, want) => expect(totalAnswers(c)).toBe(want));

  it('refuses a negative or fractional count', () => {
    expect(() => addScore({}, 5, -1)).toThrow(RangeError);
    expect(() => tallyAnswers([{ score: 5, n: 1.5 }])).toThrow(RangeError);
  });
});

describe('tallyAnswers (the one definition of a valid answer)', () => {
  it.each<[string, ScoreRow[], boolean, ReturnType<typeof tallyAnswers>]>([
    ['no rows: no data', [], false, { counts: emptyCounts(), excluded: { total: 0, byFlag: none }, invalid: 0 }],
    [
      'unflagged rows, null and empty flags alike',
      [{ score: 5, n: 3 }, { score: 4, n: 2, flags: null }, { score: 1, n: 1, flags: '' }, { score: 4, n: 1, flags: [] }],
      false,
      { counts: { 1: 1, 2: 0, 3: 0, 4: 3, 5: 3 }, excluded: { total: 0, byFlag: none }, invalid: 0 },
    ],
    [
      'flagged responses excluded by default, counted by flag',
      [{ score: 5, n: 10 }, { score: 5, n: 4, flags: 'device_repeat' }, { score: 1, n: 2, flags: 'staff_device' }],
      false,
      { counts: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 10 }, excluded: { total: 6, byFlag: { ...none, device_repeat: 4, staff_device: 2 } }, invalid: 0 },
    ],
    [
      'flagged responses counted when asked',
      [{ score: 5, n: 10 }, { score: 5, n: 4, flags: 'device_repeat' }, { score: 1, n: 2, flags: 'staff_device' }],
      true,
      { counts: { 1: 2, 2: 0, 3: 0, 4: 0, 5: 14 }, excluded: { total: 0, byFlag: none }, invalid: 0 },
    ],
    [
      'all flagged: no valid answer at all',
      [{ score: 4, n: 3, flags: 'network_burst' }, { score: 2, n: 1, flags: 'kiosk_burst' }],
      false,
      { counts: emptyCounts(), excluded: { total: 4, byFlag: { ...none, network_burst: 3, kiosk_burst: 1 } }, invalid: 0 },
    ],
    [
      'two flags: excluded once, reported under both',
      [{ score: 3, n: 2, flags: 'device_repeat, network_burst,device_repeat' }],
      false,
      { counts: emptyCounts(), excluded: { total: 2, byFlag: { ...none, device_repeat: 2, network_burst: 2 } }, invalid: 0 },
    ],
    [
      'a flag lib/abuse.ts does not know still excludes, as other',
      [{ score: 5, n: 1, flags: ['manual_review'] }],
      false,
      { counts: emptyCounts(), excluded: { total: 1, byFlag: { ...none, other: 1 } }, invalid: 0 },
    ],
    [
      'rollup rows carry only whether they were excluded',
      [{ score: 5, n: 40, excluded: 0 }, { score: 5, n: 6, excluded: 1 }, { score: 2, n: 3, excluded: true }, { score: 2, n: 1, excluded: false }],
      false,
      { counts: { 1: 0, 2: 1, 3: 0, 4: 0, 5: 40 }, excluded: { total: 9, byFlag: none }, invalid: 0 },
    ],
    [
      'rollup rows with flagged ones included',
      [{ score: 5, n: 40, excluded: 0 }, { score: 5, n: 6, excluded: 1 }],
      true,
      { counts: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 46 }, excluded: { total: 0, byFlag: none }, invalid: 0 },
    ],
    [
      'scores off the scale are not answers, flagged or not',
      [{ score: null, n: 5 }, { score: 0, n: 1 }, { score: 6, n: 1 }, { score: 2.5, n: 1, flags: 'device_repeat' }, { score: 2, n: 1 }],
      false,
      { counts: { 1: 0, 2: 1, 3: 0, 4: 0, 5: 0 }, excluded: { total: 0, byFlag: none }, invalid: 8 },
    ],
  ])('%s', (_name, rows, includeFlagged, want) => {
    expect(tallyAnswers(rows, { includeFlagged })).toEqual(want);
  });

  it('excludes flagged responses when no option is given', () => {
    expect(tallyAnswers([{ score: 5, n: 1, flags: 'device_repeat' }]).counts).toEqual(emptyCounts());
  });
});

describe('countByFlag (the why beside rollup rows)', () => {
  it.each<[{ flag: string; n: number }[], Record<string, number>]>([
    [[], none],
    [[{ flag: 'device_repeat', n: 3 }, { flag: 'device_repeat', n: 2 }, { flag: 'kiosk_burst', n: 1 }], { ...none, device_repeat: 5, kiosk_burst: 1 }],
    [[{ flag: 'staff_device', n: 4 }, { flag: 'network_burst', n: 7 }, { flag: 'mystery', n: 1 }], { ...none, staff_device: 4, network_burst: 7, other: 1 }],
  ])('%j', (rows, want) => expect(countByFlag(rows)).toEqual(want));
});

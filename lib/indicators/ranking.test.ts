import { describe, expect, it } from 'vitest';
import type { ScoreCounts } from './counts';
import { buildIndicator } from './indicator';
import { describeRankingRule, rankOffices, RANKING_RULE, sortOffices, type OfficeSortKey } from './ranking';

// satisfied of n answers (the rest at 3)
const office = (name: string, satisfied: number, n: number) => {
  const counts: ScoreCounts = { 5: satisfied, 3: n - satisfied };
  return { name, indicator: buildIndicator(counts) };
};
const ranks = (offices: ReturnType<typeof office>[]) => rankOffices(offices).map((o) => [o.name, o.rank]);

describe('rankOffices', () => {
  it.each<[string, ReturnType<typeof office>[], [string, number | null][]]>([
    ['nothing to rank', [], []],
    [
      // 30/30 (rate 100 %, low 0.8865) does not beat 380/400 (rate 95 %, low 0.9240)
      'a perfect small sample does not beat a large strong one',
      [office('May mắn', 30, 30), office('Ổn định', 380, 400), office('Trung bình', 24, 30)],
      [['Ổn định', 1], ['May mắn', 2], ['Trung bình', 3]],
    ],
    [
      'equal lower bounds: more answers first',
      [office('A', 0, 30), office('B', 0, 40)],
      [['B', 1], ['A', 2]],
    ],
    [
      'equal on both: a shared rank, then by name, and the next rank skips',
      [office('Phường 10', 24, 30), office('Phường 2', 24, 30), office('Xã Ân Thi', 23, 30)],
      [['Phường 2', 1], ['Phường 10', 1], ['Xã Ân Thi', 3]],
    ],
    [
      'without enough data: after the ranked, by name, unranked',
      [office('Xã Yên', 29, 29), office('Đồng Văn', 0, 0), office('Phường Bắc', 20, 30), office('Cầu Giấy', 1, 1)],
      [['Phường Bắc', 1], ['Cầu Giấy', null], ['Đồng Văn', null], ['Xã Yên', null]],
    ],
    [
      'all without enough data',
      [office('B', 29, 29), office('A', 0, 0)],
      [['A', null], ['B', null]],
    ],
  ])('%s', (_name, offices, want) => expect(ranks(offices)).toEqual(want));

  it('keeps each office’s own fields and leaves the input alone', () => {
    const input = [{ ...office('B', 24, 30), id: 2 }, { ...office('A', 30, 30), id: 1 }];
    const copy = structuredClone(input);
    const got = rankOffices(input);
    expect(got.map((o) => [o.id, o.rank])).toEqual([[1, 1], [2, 2]]);
    expect(input).toEqual(copy);
  });
});

describe('the ranking rule, in words', () => {
  it('says which rule is used and the minimum', () => {
    expect(RANKING_RULE).toMatch(/^Xếp hạng theo cận dưới khoảng tin cậy 95 %/);
    expect(RANKING_RULE).toContain('dưới 30 phiếu hợp lệ: Chưa đủ dữ liệu');
    expect(describeRankingRule(50)).toContain('dưới 50 phiếu');
  });
});

describe('sortOffices', () => {
  const ind = (rate: number | null, n: number, low: number | null = rate === null ? null : rate - 0.05) => ({
    n,
    rate,
    low,
    high: rate,
    dissatisfiedRate: null,
    mean: null,
    enoughData: rate !== null,
  });
  const rows = rankOffices([
    { name: 'Bắc', indicator: ind(0.9, 100), change: 1.5 },
    { name: 'An', indicator: ind(0.8, 400), change: null },
    { name: 'Đông', indicator: ind(null, 12), change: null },
    { name: 'Cầu', indicator: ind(0.95, 40), change: -2 },
  ]);
  const names = (r: { name: string }[]) => r.map((x) => x.name);

  it.each<[OfficeSortKey, boolean, string[]]>([
    ['rank', false, ['Cầu', 'Bắc', 'An', 'Đông']],
    ['rank', true, ['An', 'Bắc', 'Cầu', 'Đông']],
    ['name', false, ['An', 'Bắc', 'Cầu', 'Đông']],
    ['name', true, ['Đông', 'Cầu', 'Bắc', 'An']],
    ['rate', true, ['Cầu', 'Bắc', 'An', 'Đông']],
    ['rate', false, ['An', 'Bắc', 'Cầu', 'Đông']],
    ['n', true, ['An', 'Bắc', 'Cầu', 'Đông']],
    ['change', true, ['Bắc', 'Cầu', 'An', 'Đông']],
    ['change', false, ['Cầu', 'Bắc', 'An', 'Đông']],
  ])('%s descending=%s', (key, desc, want) => expect(names(sortOffices(rows, key, desc))).toEqual(want));
});

import { describe, expect, it } from 'vitest';
import { INDICATOR_FORMATS, INDICATOR_HEADERS, indicatorCells, type IndicatorLine } from './indicators';

const line = (over: Partial<IndicatorLine> = {}): IndicatorLine => ({
  rank: 2,
  name: 'Trung tâm',
  kind: 'centre',
  parentName: 'Tỉnh Ninh Bình',
  active: true,
  responses: 120,
  indicator: { n: 120, rate: 0.875, low: 0.80366, high: 0.92262, dissatisfiedRate: 0.05, mean: 4.3333, enoughData: true },
  index: 0.8612,
  change: -1.26,
  excluded: 3,
  ...over,
});

describe('indicatorCells', () => {
  it('gives one cell per header, rates in percent with one decimal', () => {
    const cells = indicatorCells(line());
    expect(cells).toHaveLength(INDICATOR_HEADERS.length);
    expect(cells).toEqual([2, 'Trung tâm', 'Trung tâm Phục vụ hành chính công', 'Tỉnh Ninh Bình', 120, 87.5, 80.4, 92.3, 86.1, 5, 4.33, -1.3, 3, '']);
  });

  it('leaves rates empty below the minimum sample and says why', () => {
    const cells = indicatorCells(
      line({ rank: null, responses: 12, active: false, indicator: { n: 12, rate: null, low: null, high: null, dissatisfiedRate: null, mean: null, enoughData: false } }),
    );
    expect(cells.slice(0, 1)).toEqual([null]);
    expect(cells.slice(5, 11)).toEqual([null, null, null, null, null, null]);
    expect(cells[13]).toBe('Chưa đủ dữ liệu; Ngừng hoạt động');
  });
});

describe('INDICATOR_FORMATS', () => {
  it('gives every column a format', () => expect(INDICATOR_FORMATS).toHaveLength(INDICATOR_HEADERS.length));
});

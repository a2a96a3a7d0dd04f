import { describe, expect, it } from 'vitest';
import { rubricPreset, RubricSchema, type AutomaticCriterion, type Rubric, type SatisfactionSource } from './rubric';
import { describeFigure } from './describe';
import { automaticPoints, classify, finaliseProblem, pointsAtStage, pointsProblem, scoreSheet, type SatisfactionFigure, type StoredPoints } from './scoring';

const standard = rubricPreset('mac-dinh');
const dongNai = rubricPreset('dong-nai-54-2025');

describe('classify: default bands (Xuất sắc ≥ 90 · Tốt 80–< 90 · Khá 70–< 80 · Đạt 50–< 70 · Chưa đạt < 50)', () => {
  it.each([
    [0, 'Chưa đạt'],
    [4999, 'Chưa đạt'],
    [5000, 'Đạt'],
    [6999, 'Đạt'],
    [7000, 'Khá'],
    [7999, 'Khá'],
    [8000, 'Tốt'],
    [8999, 'Tốt'],
    [9000, 'Xuất sắc'],
    [10000, 'Xuất sắc'],
    [10500, 'Xuất sắc'],
  ])('%i/100 points → %s', (x100, want) => expect(classify(standard.bands, x100)).toBe(want));
});

describe('classify: Đồng Nai 54/2025 (≥ 95 → 4 sao; 90–< 95 → 3 sao; 80–< 90 → 2 sao; < 80 → 1 sao)', () => {
  it.each([
    [0, '1 sao'],
    [7999, '1 sao'],
    [8000, '2 sao'],
    [8999, '2 sao'],
    [9000, '3 sao'],
    [9499, '3 sao'],
    [9500, '4 sao'],
    [10000, '4 sao'],
  ])('%i/100 points → %s', (x100, want) => expect(classify(dongNai.bands, x100)).toBe(want));
});

const auto = (over: Partial<AutomaticCriterion> = {}): AutomaticCriterion => ({
  key: 'hai-long',
  title: 'Hài lòng',
  guidance: '',
  max: 20,
  kind: 'automatic',
  source: 'headline',
  rule: 'steps',
  notEnoughData: 'zero',
  ...over,
});
const fig = (rate: number | null) => ({ rate, enoughData: rate !== null });

describe('automaticPoints: step table (domain.md §6), max 20', () => {
  it.each([
    [1, 2000],
    [0.95, 2000],
    [0.9499, 1800],
    [0.9, 1800],
    [0.8999, 1600],
    [0.85, 1600],
    [0.8499, 1400],
    [0.8, 1400],
    [0.7999, 1000],
    [0.7, 1000],
    [0.6999, 500],
    [0.5, 500],
    [0.4999, 0],
    [0, 0],
  ])('rate %f → %i/100 points', (rate, want) => expect(automaticPoints(auto(), fig(rate))).toEqual({ kind: 'computed', pointsX100: want }));

  it('uses the maximum of the criterion (15: 0.25 × 15 = 3.75 stays 3.75)', () => {
    expect(automaticPoints(auto({ max: 15 }), fig(0.6))).toEqual({ kind: 'computed', pointsX100: 375 });
  });
  it('uses a custom step table', () => {
    const steps = [{ min: 0.8, share: 1 }, { min: 0.6, share: 0.5 }];
    expect(automaticPoints(auto({ steps }), fig(0.79))).toEqual({ kind: 'computed', pointsX100: 1000 });
    expect(automaticPoints(auto({ steps }), fig(0.59))).toEqual({ kind: 'computed', pointsX100: 0 });
  });
});

describe('automaticPoints: proportional (M × rate, rounded to 0.5, halves up)', () => {
  it.each([
    [1, 2000],
    [0.8125, 1650],
    [0.81, 1600],
    [0.8374, 1650],
    [0.8376, 1700],
    [0.5, 1000],
    [0, 0],
  ])('rate %f → %i/100 points', (rate, want) => expect(automaticPoints(auto({ rule: 'proportional' }), fig(rate))).toEqual({ kind: 'computed', pointsX100: want }));
});

describe('automaticPoints: not enough data (fewer ratings than the minimum sample)', () => {
  it.each(['steps', 'proportional'] as const)('%s, rule "zero" → 0 points', (rule) => {
    expect(automaticPoints(auto({ rule, notEnoughData: 'zero' }), fig(null))).toEqual({ kind: 'zero', pointsX100: 0 });
  });
  it.each(['steps', 'proportional'] as const)('%s, rule "manual" → the assessor decides', (rule) => {
    expect(automaticPoints(auto({ rule, notEnoughData: 'manual' }), fig(null))).toEqual({ kind: 'manual', pointsX100: null });
  });
  it('a rate flagged as not enough data is not scored even if present', () => {
    expect(automaticPoints(auto(), { rate: 0.99, enoughData: false })).toEqual({ kind: 'zero', pointsX100: 0 });
  });
});

const figures = (rate: number | null): Record<SatisfactionSource, SatisfactionFigure> => {
  const f = (source: SatisfactionSource): SatisfactionFigure => ({ source, rate, low: null, high: null, n: rate === null ? 3 : 100, enoughData: rate !== null, from: '2026-01-01', to: '2026-12-31' });
  return { headline: f('headline'), index: f('index'), verified: f('verified'), dossier766: f('dossier766') };
};

function stored(entries: Record<string, [number | null, number | null]>): Map<string, StoredPoints> {
  return new Map(Object.entries(entries).map(([k, [s, r]]) => [k, { selfX100: s, reviewX100: r }]));
}

describe('scoreSheet', () => {
  const full = stored({ 'ke-hoach': [1000, 900], 'tuyen-truyen': [1000, 1000], 'quy-tac': [1500, 1400], 'co-so': [1500, 1500], 'dung-han': [1500, 1200], pakn: [1500, 1500] });

  it('adds groups and the total, with the automatic criterion from the figure', () => {
    const score = scoreSheet(standard, pointsAtStage(standard, full, figures(0.92), 'review'));
    expect(score.groups.map((g) => [g.key, g.pointsX100])).toEqual([
      ['truyen-thong', 1900],
      ['van-hoa', 2900],
      ['hai-long', 1800],
      ['cai-cach', 2700],
    ]);
    expect(score).toMatchObject({ baseX100: 9300, bonusX100: 0, totalX100: 9300, missing: [], classification: 'Xuất sắc' });
  });

  it('self-assessed points are a separate stage', () => {
    expect(scoreSheet(standard, pointsAtStage(standard, full, figures(0.92), 'self')).totalX100).toBe(9800);
  });

  it('89.99 is Tốt, not Xuất sắc (hundredths, no float rounding)', () => {
    const s = stored({ 'ke-hoach': [null, 999], 'tuyen-truyen': [null, 1000], 'quy-tac': [null, 1500], 'co-so': [null, 1500], 'dung-han': [null, 1500], pakn: [null, 1500] });
    const score = scoreSheet(standard, pointsAtStage(standard, s, figures(0.7), 'review'));
    expect([score.totalX100, score.classification]).toEqual([8999, 'Tốt']);
  });

  it('a missing criterion leaves the sheet unclassified and is named when finalising', () => {
    const s = stored({ 'ke-hoach': [1000, null], 'tuyen-truyen': [1000, 1000] });
    const score = scoreSheet(standard, pointsAtStage(standard, s, figures(0.92), 'review'));
    expect(score.classification).toBeNull();
    expect(score.missing.map((c) => c.key)).toEqual(['ke-hoach', 'quy-tac', 'co-so', 'dung-han', 'pakn']);
    expect(finaliseProblem(score)).toMatch(/^Chưa chốt được: còn 5 tiêu chí chưa có điểm thẩm định \(“Ban hành kế hoạch/);
  });

  it('not enough data, rule "manual": the entered points count, and without them the criterion is missing', () => {
    const manualRubric: Rubric = RubricSchema.parse({
      ...standard,
      groups: standard.groups.map((g) => ({ ...g, criteria: g.criteria.map((c) => (c.kind === 'automatic' ? { ...c, notEnoughData: 'manual' } : c)) })),
    });
    const withEntry = new Map(full);
    withEntry.set('hai-long', { selfX100: null, reviewX100: 1500 });
    expect(pointsAtStage(manualRubric, withEntry, figures(null), 'review').get('hai-long')).toBe(1500);
    expect(pointsAtStage(manualRubric, full, figures(null), 'review').get('hai-long')).toBeNull();
    // With enough data the computed points win over anything entered.
    expect(pointsAtStage(manualRubric, withEntry, figures(0.96), 'review').get('hai-long')).toBe(2000);
  });

  it('not enough data, rule "zero": 0 points and the sheet is complete', () => {
    const score = scoreSheet(standard, pointsAtStage(standard, full, figures(null), 'review'));
    expect(score).toMatchObject({ totalX100: 7500, classification: 'Khá', missing: [] });
  });

  it('a finalised sheet (no figures) uses the frozen points', () => {
    const frozen = new Map(full);
    frozen.set('hai-long', { selfX100: 1400, reviewX100: 1400 });
    expect(pointsAtStage(standard, frozen, null, 'review').get('hai-long')).toBe(1400);
  });

  it('bonus points add on top, capped at the stated total by default', () => {
    const s = stored({ 'thong-tin': [null, 1500], 'van-hoa': [null, 1400], 'par-index': [null, 4800], 'sang-kien': [null, 500] });
    const capped = scoreSheet(dongNai, pointsAtStage(dongNai, s, figures(0.95), 'review'));
    expect(capped).toMatchObject({ baseX100: 9700, bonusX100: 500, totalX100: 10000, classification: '4 sao' });
    const uncapped = scoreSheet({ ...dongNai, bonusCap: 'none' }, pointsAtStage(dongNai, s, figures(0.95), 'review'));
    expect(uncapped.totalX100).toBe(10200);
    const s2 = stored({ 'thong-tin': [null, 1000], 'van-hoa': [null, 1000], 'par-index': [null, 4000], 'sang-kien': [null, 300] });
    expect(scoreSheet(dongNai, pointsAtStage(dongNai, s2, figures(0.9), 'review'))).toMatchObject({ totalX100: 8100, classification: '2 sao' });
  });
});

describe('pointsProblem', () => {
  const c = { title: 'Quy tắc ứng xử', max: 15 };
  it.each([
    [0, null],
    [15, null],
    [12.25, null],
    [15.01, '“Quy tắc ứng xử”: tối đa 15 điểm; Ông/Bà đã nhập 15,01.'],
    [20, '“Quy tắc ứng xử”: tối đa 15 điểm; Ông/Bà đã nhập 20.'],
    [-1, '“Quy tắc ứng xử”: điểm không được âm; nhập từ 0 đến 15.'],
    [1.125, '“Quy tắc ứng xử”: điểm chỉ có tối đa hai chữ số thập phân (ví dụ 12,5 hoặc 12,25).'],
    [Number.NaN, '“Quy tắc ứng xử”: điểm phải là một số.'],
  ])('%f → %s', (points, want) => expect(pointsProblem(c, points)).toBe(want));
});

describe('describeFigure', () => {
  it.each([
    [{ source: 'headline', rate: 0.912, low: 0.88, high: 0.935, n: 320, enoughData: true, from: '2026-01-01', to: '2026-11-20' }, 'Tỷ lệ hài lòng chung (câu “Nhìn chung…”): 91,2 % (khoảng tin cậy 95 %: 88,0 % – 93,5 %), n = 320, từ 01/01/2026 đến 20/11/2026.'],
    [{ source: 'index', rate: 0.8, low: null, high: null, n: 1234, enoughData: true, from: '2025-01-01', to: '2025-12-31' }, 'Chỉ số hài lòng (trung bình các khía cạnh): 80,0 %, n = 1.234, từ 01/01/2025 đến 31/12/2025.'],
    [{ source: 'headline', rate: null, low: null, high: null, n: 12, enoughData: false, from: '2026-01-01', to: '2026-03-01' }, 'Tỷ lệ hài lòng chung (câu “Nhìn chung…”): Chưa đủ dữ liệu (12 lượt đánh giá hợp lệ, cần tối thiểu 30), từ 01/01/2026 đến 01/03/2026.'],
  ] as const)('%j', (f, want) => expect(describeFigure(f)).toBe(want));
});

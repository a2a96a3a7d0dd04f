import { describe, expect, it } from 'vitest';
import { DEFAULT_QUESTION_SET, type ChoiceQuestion } from '@/lib/survey/question-set';
import {
  chartPoints,
  chooseChartBucket,
  heatLevel,
  MAX_CHART_POINTS,
  intervalText,
  lowDataNote,
  periodLabel,
  rateCell,
  toAspectSection,
  toChoiceSection,
  toCounterSection,
  toDistributionSection,
  asSentence,
  toHeatmapSection,
  toQuestionRows,
  toSectionsProps,
  toTrendSection,
  type DashboardInput,
} from './chart-data';
import { addDays, customPeriod, type Bucket } from './periods';
import { hourGrid, summarize, type LevelCounts } from './summary';

const QUESTIONS = DEFAULT_QUESTION_SET.questions;
const row = (questionKey: string, [n1, n2, n3, n4, n5]: number[], excluded = false): LevelCounts => ({ questionKey, n1: n1!, n2: n2!, n3: n3!, n4: n4!, n5: n5!, excluded });
const sum = (rows: LevelCounts[]) => summarize(rows, QUESTIONS);

/** 40 answers to q1 and q2: 30 at 4–5 (75 %), 4 at 1–2. */
const ENOUGH = sum([row('q1', [2, 2, 6, 10, 20]), row('q2', [2, 2, 6, 10, 20])]);
/** 12 answers: below the minimum sample of 30. */
const FEW = sum([row('q1', [0, 1, 1, 5, 5]), row('q2', [0, 1, 1, 5, 5])]);
const NONE = sum([]);

const REASONS = DEFAULT_QUESTION_SET.questions.find((q): q is ChoiceQuestion => q.kind === 'choice' && q.onlyWhenLow)!;
const TRIPS = DEFAULT_QUESTION_SET.questions.find((q): q is ChoiceQuestion => q.key === 'q8')!;

describe('small texts', () => {
  it.each([
    [12, 30, 'Chưa đủ dữ liệu (n = 12 < 30)'],
    [0, 30, 'Chưa đủ dữ liệu (n = 0 < 30)'],
    [1234, 2000, 'Chưa đủ dữ liệu (n = 1.234 < 2.000)'],
  ])('lowDataNote(%i, %i) → %s', (n, min, want) => expect(lowDataNote(n, min)).toBe(want));

  it.each([
    [{ from: '2026-01-01', to: '2026-01-31' }, '01/01/2026 – 31/01/2026'],
    [{ from: '2025-12-30', to: '2025-12-30' }, '30/12/2025 – 30/12/2025'],
  ])('periodLabel(%j) → %s', (p, want) => expect(periodLabel(p)).toBe(want));

  it.each([
    [{ low: 0.801, high: 0.9234 }, '80,1 – 92,3 %'],
    [{ low: null, high: null }, '—'],
  ])('intervalText(%j) → %s', (c, want) => expect(intervalText(c)).toBe(want));

  it.each([
    [0, 10, 0],
    [5, 0, 0],
    [1, 100, 1],
    [16, 100, 1],
    [17, 100, 2],
    [50, 100, 4],
    [99, 100, 6],
    [100, 100, 6],
  ])('heatLevel(%i, %i) → %i', (n, max, want) => expect(heatLevel(n, max)).toBe(want));
});

it.each([
  ['Lý do chưa hài lòng', 'Lý do chưa hài lòng.'],
  ['Đi lại mấy lần?', 'Đi lại mấy lần?'],
  [' Có. ', 'Có.'],
])('asSentence(%j) → %j', (text, want) => expect(asSentence(text)).toBe(want));

describe('rateCell', () => {
  it.each([
    ['enough data', ENOUGH.headline, { n: 40, rate: 0.75, enoughData: true, dissatisfied: 0.1, note: '75,0 % (n = 40)' }],
    ['below the minimum sample', FEW.headline, { n: 12, rate: null, low: null, high: null, dissatisfied: null, error: null, enoughData: false, note: 'Chưa đủ dữ liệu (n = 12 < 30)' }],
    ['no ratings', NONE.headline, { n: 0, rate: null, error: null, enoughData: false, note: 'Không có đánh giá' }],
    ['no indicator at all', null, { n: 0, rate: null, error: null, enoughData: false, note: 'Không có đánh giá' }],
  ])('%s', (_name, indicator, want) => expect(rateCell(indicator)).toMatchObject(want));

  it('gives the interval as distances from the rate, for error bars', () => {
    const cell = rateCell(ENOUGH.headline);
    expect(cell.low).toBeLessThan(0.75);
    expect(cell.high).toBeGreaterThan(0.75);
    expect(cell.error![0]).toBeCloseTo(0.75 - cell.low!);
    expect(cell.error![1]).toBeCloseTo(cell.high! - 0.75);
  });

  it('a lower minimum sample lets a small bucket through', () => {
    const few = summarize([row('q2', [0, 1, 1, 5, 5])], QUESTIONS, { minSample: 10 });
    expect(rateCell(few.headline, 10)).toMatchObject({ rate: 10 / 12, enoughData: true });
  });
});

describe('toTrendSection', () => {
  const point = (key: string, summary: typeof ENOUGH) => ({ key, label: key, summary });
  it.each([
    ['empty period', [point('2026-W01', NONE), point('2026-W02', NONE)], [null, null], [0, 0], '2 tuần, không có đánh giá nào.'],
    [
      'every bucket below the minimum',
      [point('2026-W01', FEW), point('2026-W02', NONE)],
      [null, null],
      [12, 0],
      '2 tuần, tổng 12 đánh giá hợp lệ. Không tuần nào đủ 30 đánh giá để tính tỷ lệ hài lòng.',
    ],
    [
      'a gap where a bucket is below the minimum',
      [point('2026-W01', ENOUGH), point('2026-W02', FEW), point('2026-W03', ENOUGH)],
      [0.75, null, 0.75],
      [40, 12, 40],
      '3 tuần, tổng 92 đánh giá hợp lệ. Tỷ lệ hài lòng chung từ 75,0 % đến 75,0 % ở 2 tuần đủ dữ liệu; 1 tuần chưa đủ dữ liệu.',
    ],
    ['no buckets', [], [], [], '0 tuần, không có đánh giá nào.'],
  ])('%s', (_name, trend, rates, responses, summary) => {
    const got = toTrendSection(trend, 'week');
    expect(got.rows.map((r) => r.rate)).toEqual(rates);
    expect(got.rows.map((r) => r.responses)).toEqual(responses);
    expect(got.summary).toBe(summary);
  });
});

describe('toAspectSection and toCounterSection', () => {
  it.each([
    ['no ratings', NONE, 'Tỷ lệ hài lòng theo khía cạnh: Không có đánh giá nào trong kỳ này.'],
    ['below the minimum', FEW, /^Tỷ lệ hài lòng theo khía cạnh: Thái độ phục vụ Chưa đủ dữ liệu \(n = 12 < 30\);/],
    ['enough for two aspects', ENOUGH, /Thái độ phục vụ 75,0 % \(n = 40\); Hướng dẫn, trả lời Không có đánh giá;.*Hài lòng chung 75,0 % \(n = 40\)\.$/],
  ])('%s', (_name, summary, want) => {
    const got = toAspectSection(summary);
    expect(got.rows.map((r) => r.aspect)).toEqual(['attitude', 'guidance', 'waiting', 'facilities', 'overall']);
    expect(got.summary).toMatch(want);
  });

  it('keeps counters in the given order and labels those below the minimum', () => {
    const got = toCounterSection([
      { id: 3, name: 'Quầy 3', active: true, summary: FEW },
      { id: 1, name: 'Quầy 1', active: false, summary: ENOUGH },
      { id: 0, name: 'Không theo quầy (QR chung của đơn vị)', active: true, summary: NONE },
    ]);
    expect(got.rows.map((r) => [r.id, r.rate, r.note])).toEqual([
      [3, null, 'Chưa đủ dữ liệu (n = 12 < 30)'],
      [1, 0.75, '75,0 % (n = 40)'],
      [0, null, 'Không có đánh giá'],
    ]);
    expect(got.summary).toBe('Tỷ lệ hài lòng chung theo quầy: Quầy 3 Chưa đủ dữ liệu (n = 12 < 30); Quầy 1 75,0 % (n = 40); Không theo quầy (QR chung của đơn vị) Không có đánh giá.');
  });

  it('an office without counters has an empty section', () => {
    expect(toCounterSection([])).toEqual({ rows: [], summary: 'Tỷ lệ hài lòng chung theo quầy: Không có đánh giá nào trong kỳ này.' });
  });
});

describe('toDistributionSection', () => {
  it('lists levels 5 → 1 with shares only where the aspect has enough data', () => {
    const got = toDistributionSection(sum([row('q1', [0, 1, 1, 5, 5]), row('q2', [2, 2, 6, 10, 20])]));
    const overall = got.rows.find((r) => r.aspect === 'overall')!;
    expect(overall.levels.map((l) => [l.level, l.label, l.n, l.share])).toEqual([
      [5, 'Rất hài lòng', 20, 0.5],
      [4, 'Hài lòng', 10, 0.25],
      [3, 'Bình thường', 6, 0.15],
      [2, 'Không hài lòng', 2, 0.05],
      [1, 'Rất không hài lòng', 2, 0.05],
    ]);
    expect(overall.stack).toEqual({ l5: 0.5, l4: 0.25, l3: 0.15, l2: 0.05, l1: 0.05 });
    const attitude = got.rows.find((r) => r.aspect === 'attitude')!;
    expect(attitude).toMatchObject({ enoughData: false, note: 'Chưa đủ dữ liệu (n = 12 < 30)', stack: { l5: 0, l4: 0, l3: 0, l2: 0, l1: 0 } });
    expect(attitude.levels.map((l) => l.n)).toEqual([5, 5, 1, 1, 0]);
    expect(attitude.levels.every((l) => l.share === null)).toBe(true);
    expect(got.summary).toContain('Hài lòng chung: Rất hài lòng 50,0 %, Hài lòng 25,0 %, Bình thường 15,0 %, Không hài lòng 5,0 %, Rất không hài lòng 5,0 %');
  });

  it('says so when there are no ratings', () => {
    const got = toDistributionSection(NONE);
    expect(got.rows.every((r) => r.note === 'Không có đánh giá')).toBe(true);
    expect(got.summary).toBe('Phân bố năm mức đánh giá: Không có đánh giá nào trong kỳ này.');
  });
});

describe('toHeatmapSection', () => {
  it.each([
    ['empty: office hours, all zero', [], [7, 17], 0, 'Đánh giá theo giờ và ngày trong tuần: Không có đánh giá nào trong kỳ này.'],
    [
      'Monday 9h is the busiest; Sunday 19h widens the hours',
      [
        { weekday: 1, hour: 9, n: 12 },
        { weekday: 1, hour: 10, n: 3 },
        { weekday: 7, hour: 19, n: 1 },
      ],
      [7, 19],
      16,
      'Đánh giá theo giờ và ngày trong tuần: tổng 16 đánh giá; nhiều nhất Thứ 2 lúc 9h (12 đánh giá).',
    ],
  ])('%s', (_name, input, [first, last], total, summary) => {
    const got = toHeatmapSection(hourGrid(input));
    expect(got.rows.rows.map((r) => r.day)).toEqual(['Thứ 2', 'Thứ 3', 'Thứ 4', 'Thứ 5', 'Thứ 6', 'Thứ 7', 'Chủ nhật']);
    expect(got.rows.hours[0]).toBe(first);
    expect(got.rows.hours.at(-1)).toBe(last);
    expect(got.rows.total).toBe(total);
    expect(got.summary).toBe(summary);
  });

  it('puts each count under its weekday and hour, shaded by level', () => {
    const got = toHeatmapSection(hourGrid([{ weekday: 7, hour: 8, n: 4 }, { weekday: 2, hour: 8, n: 2 }]));
    const sunday = got.rows.rows[6]!.cells.find((c) => c.hour === 8)!;
    const tuesday = got.rows.rows[1]!.cells.find((c) => c.hour === 8)!;
    expect([sunday.n, sunday.level, tuesday.n, tuesday.level]).toEqual([4, 6, 2, 4]);
  });
});

describe('toChoiceSection', () => {
  it.each([
    [
      'reasons (several per rating): shares of the choices made',
      { question: REASONS, total: 4, options: REASONS.options.map((o, i) => ({ value: o.value, label: o.label.vi, n: i === 2 ? 3 : i === 0 ? 1 : 0, share: i === 2 ? 0.75 : i === 0 ? 0.25 : 0 })) },
      /^Lý do chưa hài lòng\. Tổng 4 lượt chọn: Thái độ thiếu nhiệt tình 1 \(25,0 %\);.*Phải chờ lâu 3 \(75,0 %\);/,
    ],
    [
      'empty',
      { question: TRIPS, total: 0, options: TRIPS.options.map((o) => ({ value: o.value, label: o.label.vi, n: 0, share: 0 })) },
      /^Để hoàn thiện hồ sơ.* Không có đánh giá nào trong kỳ này\.$/,
    ],
  ])('%s', (_name, choice, want) => {
    const got = toChoiceSection(choice);
    expect(got.rows.key).toBe(choice.question.key);
    expect(got.rows.options).toHaveLength(choice.question.options.length);
    expect(got.summary).toMatch(want);
  });
});

describe('toSectionsProps', () => {
  const input = (over: Partial<DashboardInput> = {}): DashboardInput => ({
    unit: { name: 'Trung tâm Phục vụ hành chính công tỉnh' },
    period: { from: '2026-01-01', to: '2026-01-31' },
    bucket: 'week',
    questions: QUESTIONS,
    current: ENOUGH,
    trend: [{ key: '2026-W01', label: 'Tuần 1/2026', summary: ENOUGH }],
    counters: [],
    heatmap: hourGrid([]),
    choices: [
      { question: REASONS, total: 0, options: [] },
      { question: TRIPS, total: 0, options: [] },
    ],
    ...over,
  });

  it('splits reasons from the other choice questions and is plain JSON', () => {
    const props = toSectionsProps(input());
    expect(props).toMatchObject({ unitName: 'Trung tâm Phục vụ hành chính công tỉnh', periodLabel: '01/01/2026 – 31/01/2026', bucketName: 'tuần', minSample: 30, responses: 40 });
    expect(props.reasons.map((r) => r.rows.key)).toEqual([REASONS.key]);
    expect(props.choices.map((r) => r.rows.key)).toEqual(['q8']);
    expect(JSON.parse(JSON.stringify(props))).toEqual(props);
  });

  it('empty dashboard', () => {
    const props = toSectionsProps(input({ current: NONE, trend: [{ key: '2026-01', label: 'Tháng 1/2026', summary: NONE }], bucket: 'month', choices: [] }));
    expect(props.responses).toBe(0);
    expect(props.bucketName).toBe('tháng');
    expect(props.trend.rows[0]).toMatchObject({ responses: 0, rate: null });
    expect(props.reasons).toEqual([]);
  });
});

describe('toQuestionRows', () => {
  it.each([
    ['enough for q2, too few for q1, none for q3', sum([row('q1', [0, 1, 1, 5, 5]), row('q2', [2, 2, 6, 10, 20]), row('q2', [9, 9, 9, 9, 9], true)]), [
      ['q1', 1, 12, null, [5, 5, 1, 1, 0], 'Chưa đủ dữ liệu (n = 12 < 30)'],
      ['q2', 2, 40, 0.75, [20, 10, 6, 2, 2], '75,0 % (n = 40)'],
      ['q3', 3, 0, null, [0, 0, 0, 0, 0], 'Không có đánh giá'],
    ]],
    ['empty', NONE, [
      ['q1', 1, 0, null, [0, 0, 0, 0, 0], 'Không có đánh giá'],
      ['q2', 2, 0, null, [0, 0, 0, 0, 0], 'Không có đánh giá'],
      ['q3', 3, 0, null, [0, 0, 0, 0, 0], 'Không có đánh giá'],
    ]],
  ])('%s (flagged answers never count)', (_name, summary, want) => {
    const rows = toQuestionRows(QUESTIONS, summary);
    expect(rows.map((r) => r.key)).toEqual(['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7']);
    expect(rows.slice(0, 3).map((r) => [r.key, r.number, r.n, r.rate, r.levels.map((l) => l.n), r.note])).toEqual(want);
  });
});

describe('chartPoints', () => {
  it.each([
    ['2026-01-01', '2026-01-31', 'day', 31],
    ['2026-01-05', '2026-01-11', 'week', 1], // Monday → Sunday
    ['2026-01-04', '2026-01-05', 'week', 2], // Sunday, then Monday
    ['2026-01-01', '2026-01-31', 'week', 5],
    ['2025-12-31', '2026-01-01', 'month', 2],
    ['2000-01-01', '2026-12-04', 'month', 324],
    ['2000-01-01', '2026-12-04', 'week', 1406],
    ['2000-01-01', '2026-12-04', 'day', 9835],
  ] as const)('%s → %s by %s: %i', (from, to, bucket, want) => expect(chartPoints(customPeriod(from, to), bucket)).toBe(want));
});

describe('chooseChartBucket', () => {
  const days = (n: number, to = '2026-12-04') => customPeriod(addDays(to, -(n - 1)), to);
  const LONGEST = customPeriod('2000-01-01', '2026-12-04');
  it.each<[string, Bucket | null, ReturnType<typeof days>, number, Bucket, boolean]>([
    // Unasked: the defaults, never over the cap.
    ['unasked, 7 days, one office', null, days(7), 1, 'day', false],
    ['unasked, 14 days', null, days(14), 1, 'day', false],
    ['unasked, 15 days', null, days(15), 1, 'week', false],
    ['unasked, 120 days', null, days(120), 1, 'week', false],
    ['unasked, 121 days', null, days(121), 1, 'month', false],
    ['unasked, 31 days, several offices', null, days(31), 5, 'day', false],
    ['unasked, 32 days, several offices', null, days(32), 5, 'month', false],
    ['unasked, since 2000', null, LONGEST, 1, 'month', false],
    // Asked and within the cap.
    ['days, 400 days', 'day', days(MAX_CHART_POINTS), 1, 'day', false],
    ['weeks, 30 days', 'week', days(30), 1, 'week', false],
    ['months, since 2000', 'month', LONGEST, 1, 'month', false],
    ['days, 92 days, several offices', 'day', days(92), 5, 'day', false],
    // Over the cap: the next coarser bucket that fits.
    ['days, 401 days', 'day', days(MAX_CHART_POINTS + 1), 1, 'week', true],
    ['days since 2000 (26 years)', 'day', LONGEST, 1, 'month', true],
    ['weeks since 2000', 'week', LONGEST, 1, 'month', true],
    ['weeks, 7 years', 'week', days(7 * 365), 1, 'week', false],
    ['weeks, 8 years', 'week', days(8 * 365), 1, 'month', true],
    // Several offices: daily rows only for a quarter.
    ['days, 93 days, several offices', 'day', days(93), 5, 'month', true],
    ['weeks, a year, several offices', 'week', days(365), 5, 'month', true],
  ])('%s', (_, requested, period, offices, want, noted) => {
    const { bucket, note } = chooseChartBucket({ requested, period, offices });
    expect(bucket).toBe(want);
    expect(note !== null).toBe(noted);
    if (bucket !== 'day') expect(chartPoints(period, bucket)).toBeLessThanOrEqual(MAX_CHART_POINTS);
  });

  it('says in Vietnamese what it draws instead', () => {
    expect(chooseChartBucket({ requested: 'day', period: LONGEST, offices: 1 }).note).toBe(
      'Khoảng thời gian dài: biểu đồ hiển thị theo tháng thay vì theo ngày (theo ngày sẽ có 9.835 điểm, quá 400 điểm một biểu đồ có thể hiển thị rõ).',
    );
    expect(chooseChartBucket({ requested: 'week', period: days(200), offices: 3 }).note).toBe(
      'Khoảng thời gian dài: biểu đồ hiển thị theo tháng thay vì theo tuần (biểu đồ gộp nhiều đơn vị chỉ hiển thị theo ngày hoặc tuần cho kỳ tối đa 92 ngày).',
    );
  });
});

import { describe, expect, it } from 'vitest';
import {
  addDays, bucketKey, bucketLabel, customPeriod, dayKeyOf, dayStart, eachDay, monthKey, parseDayKey, parsePeriod,
  monthEnd, periodParams, presetPeriod, previousPeriod, quarterKey, splitByMonths, weekKey, weekStart, withQuarters, type PeriodPreset, type RangePart,
} from './periods';

const H = 3_600_000;
// 2026-08-20 01:30 in Việt Nam, still 2026-08-19 in UTC: "today" must be the 20th.
const NOW = Date.UTC(2026, 7, 19, 18, 30);

describe('day keys in UTC+7', () => {
  it.each<[number | Date, string]>([
    [Date.UTC(2026, 2, 15, 16, 59, 59, 999), '2026-03-15'],
    [Date.UTC(2026, 2, 15, 17), '2026-03-16'],
    [new Date(Date.UTC(2025, 11, 31, 17)), '2026-01-01'],
    [Date.UTC(2025, 11, 31, 16, 59), '2025-12-31'],
    [NOW, '2026-08-20'],
  ])('%s → %s', (at, want) => expect(dayKeyOf(at)).toBe(want));

  it('starts a day at 17:00 UTC the day before', () => {
    expect(dayStart('2026-03-16')).toBe(Date.UTC(2026, 2, 15, 17));
    expect(dayKeyOf(dayStart('2026-03-16'))).toBe('2026-03-16');
    expect(dayKeyOf(dayStart('2026-03-16') - 1)).toBe('2026-03-15');
  });

  it.each<[string, string | null]>([
    ['2026-03-16', '2026-03-16'],
    ['2024-02-29', '2024-02-29'],
    ['2026-02-29', null],
    ['2026-02-30', null],
    ['2026-13-01', null],
    ['2026-3-16', null],
    ['16/03/2026', null],
    ['2026-03-16T00:00', null],
    ['1999-12-31', null],
    ['2000-01-01', '2000-01-01'],
    ['', null],
  ])('parses %j as %j', (text, want) => expect(parseDayKey(text)).toBe(want));

  it.each([
    ['2026-03-01', -1, '2026-02-28'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-08-20', 0, '2026-08-20'],
  ])('%s + %i days = %s', (day, n, want) => expect(addDays(day, n)).toBe(want));
});

describe('presetPeriod', () => {
  it.each<[PeriodPreset, number, string, string, number]>([
    ['7-ngay', NOW, '2026-08-14', '2026-08-20', 7],
    ['30-ngay', NOW, '2026-07-22', '2026-08-20', 30],
    ['thang-nay', NOW, '2026-08-01', '2026-08-20', 20],
    ['quy-nay', NOW, '2026-07-01', '2026-08-20', 51],
    ['nam-nay', NOW, '2026-01-01', '2026-08-20', 232],
    ['30-ngay', Date.UTC(2026, 2, 15, 17), '2026-02-15', '2026-03-16', 30],
    ['thang-nay', Date.UTC(2026, 8, 30, 17), '2026-10-01', '2026-10-01', 1],
    ['quy-nay', Date.UTC(2026, 8, 30, 17), '2026-10-01', '2026-10-01', 1],
    ['quy-nay', Date.UTC(2026, 8, 30, 16, 59), '2026-07-01', '2026-09-30', 92],
    ['quy-nay', Date.UTC(2026, 11, 31, 12), '2026-10-01', '2026-12-31', 92],
    ['quy-nay', Date.UTC(2026, 3, 30), '2026-04-01', '2026-04-30', 30],
    ['nam-nay', Date.UTC(2025, 11, 31, 17), '2026-01-01', '2026-01-01', 1],
    ['nam-nay', Date.UTC(2025, 11, 31, 16, 59), '2025-01-01', '2025-12-31', 365],
  ])('%s at %s → %s..%s (%i days)', (preset, now, from, to, days) => {
    expect(presetPeriod(preset, now)).toEqual({ preset, from, to, days, start: dayStart(from), end: dayStart(addDays(to, 1)) });
  });

  it('covers whole Vietnamese days', () => {
    const p = presetPeriod('7-ngay', NOW);
    expect(p.start).toBe(Date.UTC(2026, 7, 13, 17));
    expect(p.end).toBe(Date.UTC(2026, 7, 20, 17));
    expect(p.end - p.start).toBe(7 * 24 * H);
  });
});

describe('parsePeriod', () => {
  const fallback = (note: string) => ({ from: '2026-07-22', to: '2026-08-20', preset: '30-ngay', note });
  it.each<[string, Record<string, string | string[] | undefined> | URLSearchParams, { from: string; to: string; preset: string | null; note: string | null }]>([
    ['nothing: the last 30 days', {}, { from: '2026-07-22', to: '2026-08-20', preset: '30-ngay', note: null }],
    ['a preset', { ky: '7-ngay' }, { from: '2026-08-14', to: '2026-08-20', preset: '7-ngay', note: null }],
    ['a repeated parameter: the first', { ky: ['nam-nay', '7-ngay'] }, { from: '2026-01-01', to: '2026-08-20', preset: 'nam-nay', note: null }],
    ['URLSearchParams', new URLSearchParams('?ky=thang-nay'), { from: '2026-08-01', to: '2026-08-20', preset: 'thang-nay', note: null }],
    ['an unknown preset', { ky: '90-ngay' }, fallback('Không có kỳ báo cáo “90-ngay”; đang hiển thị 30 ngày qua.')],
    ['blank values count as absent', { ky: ' ', tu: '', den: undefined }, { from: '2026-07-22', to: '2026-08-20', preset: '30-ngay', note: null }],
    ['dates', { tu: '2026-08-01', den: '2026-08-10' }, { from: '2026-08-01', to: '2026-08-10', preset: null, note: null }],
    ['dates win over a preset', { ky: '7-ngay', tu: '2026-08-01', den: '2026-08-10' }, { from: '2026-08-01', to: '2026-08-10', preset: null, note: null }],
    ['one day', new URLSearchParams('tu=2026-08-10&den=2026-08-10'), { from: '2026-08-10', to: '2026-08-10', preset: null, note: null }],
    ['today only', { tu: '2026-08-20', den: '2026-08-20' }, { from: '2026-08-20', to: '2026-08-20', preset: null, note: null }],
    ['only a start: until today', { tu: '2026-08-01' }, { from: '2026-08-01', to: '2026-08-20', preset: null, note: null }],
    ['only an end: 30 days ending there', { den: '2026-08-10' }, { from: '2026-07-12', to: '2026-08-10', preset: null, note: null }],
    [
      'start after end: swapped',
      { tu: '2026-08-10', den: '2026-08-01' },
      { from: '2026-08-01', to: '2026-08-10', preset: null, note: 'Ngày bắt đầu sau ngày kết thúc nên đã đổi chỗ hai ngày.' },
    ],
    [
      'end in the future: until today',
      { tu: '2026-08-01', den: '2026-08-21' },
      { from: '2026-08-01', to: '2026-08-20', preset: null, note: 'Ngày kết thúc ở tương lai nên chỉ tính đến hôm nay.' },
    ],
    [
      'swapped and in the future',
      { tu: '2027-01-01', den: '2026-08-01' },
      {
        from: '2026-08-01', to: '2026-08-20', preset: null,
        note: 'Ngày bắt đầu sau ngày kết thúc nên đã đổi chỗ hai ngày. Ngày kết thúc ở tương lai nên chỉ tính đến hôm nay.',
      },
    ],
    ['start tomorrow', { tu: '2026-08-21' }, fallback('Ngày bắt đầu 21/08/2026 còn ở tương lai; đang hiển thị 30 ngày qua.')],
    ['both in the future', { tu: '2026-09-01', den: '2026-09-30' }, fallback('Ngày bắt đầu 01/09/2026 còn ở tương lai; đang hiển thị 30 ngày qua.')],
    [
      'only an end, in the future: 30 days until today',
      { den: '2026-09-30' },
      { from: '2026-07-22', to: '2026-08-20', preset: null, note: 'Ngày kết thúc ở tương lai nên chỉ tính đến hôm nay.' },
    ],
    [
      'a day that does not exist',
      { tu: '2026-02-30', den: '2026-03-10' },
      fallback('Ngày bắt đầu “2026-02-30” không hợp lệ (cần dạng ngày/tháng/năm, ví dụ 20/08/2026); đang hiển thị 30 ngày qua.'),
    ],
    [
      'a month-first date (what an English browser shows) is not a day',
      { tu: '2026-08-01', den: '08/31/2026' },
      fallback('Ngày kết thúc “08/31/2026” không hợp lệ (cần dạng ngày/tháng/năm, ví dụ 20/08/2026); đang hiển thị 30 ngày qua.'),
    ],
    [
      'before 2000',
      { tu: '1975-04-30' },
      fallback('Ngày bắt đầu “1975-04-30” không hợp lệ (cần dạng ngày/tháng/năm, ví dụ 20/08/2026); đang hiển thị 30 ngày qua.'),
    ],
    [
      'long junk is cut short in the note',
      { ky: `<script>${'x'.repeat(100)}` },
      fallback('Không có kỳ báo cáo “<script>xxxxxxxxxxxx…”; đang hiển thị 30 ngày qua.'),
    ],
  ])('%s', (_name, params, want) => {
    const { period, note } = parsePeriod(params, NOW);
    expect({ from: period.from, to: period.to, preset: period.preset, note }).toEqual(want);
    expect(period.days).toBe(eachDay(period).length);
  });

  it('gives back the same period from its own parameters', () => {
    for (const p of [presetPeriod('quy-nay', NOW), customPeriod('2026-02-01', '2026-03-05')]) {
      expect(parsePeriod(periodParams(p), NOW)).toEqual({ period: p, note: null });
    }
    expect(periodParams(presetPeriod('7-ngay', NOW))).toEqual({ ky: '7-ngay' });
    expect(periodParams(customPeriod('2026-02-01', '2026-03-05'))).toEqual({ tu: '2026-02-01', den: '2026-03-05' });
  });
});

describe('previousPeriod', () => {
  it.each([
    ['2026-08-01', '2026-08-10', '2026-07-22', '2026-07-31'],
    ['2026-08-01', '2026-08-20', '2026-07-12', '2026-07-31'],
    ['2026-08-20', '2026-08-20', '2026-08-19', '2026-08-19'],
    ['2026-01-01', '2026-01-31', '2025-12-01', '2025-12-31'],
    ['2024-03-01', '2024-03-31', '2024-01-30', '2024-02-29'],
  ])('%s..%s → %s..%s', (from, to, prevFrom, prevTo) => {
    const prev = previousPeriod(customPeriod(from, to));
    expect(prev).toEqual(customPeriod(prevFrom, prevTo));
    expect(prev.end).toBe(customPeriod(from, to).start);
  });

  it('is of equal length for a preset, and not a preset itself', () => {
    const prev = previousPeriod(presetPeriod('thang-nay', NOW));
    expect(prev).toMatchObject({ preset: null, from: '2026-07-12', to: '2026-07-31', days: 20 });
  });
});

describe('customPeriod', () => {
  it('refuses an end before the start', () => expect(() => customPeriod('2026-08-02', '2026-08-01')).toThrow(RangeError));
  it('lists its days', () => expect(eachDay(customPeriod('2026-02-27', '2026-03-02'))).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']));
});

describe('buckets', () => {
  it.each([
    // day, Monday of its ISO week, ISO week key
    ['2026-03-16', '2026-03-16', '2026-W12'], // a Monday
    ['2026-03-22', '2026-03-16', '2026-W12'], // a Sunday
    ['2026-01-01', '2025-12-29', '2026-W01'], // a Thursday: week 1 of its own year
    ['2024-12-30', '2024-12-30', '2025-W01'], // a Monday in next year's week 1
    ['2021-01-03', '2020-12-28', '2020-W53'], // a Sunday in last year's week 53
    ['2026-12-31', '2026-12-28', '2026-W53'],
    ['2027-01-01', '2026-12-28', '2026-W53'],
    ['1970-01-01', '1969-12-29', '1970-W01'], // before the epoch's first Monday
  ])('%s is in the week of %s, %s', (day, monday, key) => {
    expect(weekStart(day)).toBe(monday);
    expect(weekKey(day)).toBe(key);
    expect(bucketKey(day, 'week')).toBe(key);
  });

  it.each([
    ['2026-03-16', 'day', '2026-03-16', '16/03/2026'],
    ['2026-03-16', 'month', '2026-03', 'Tháng 3/2026'],
    ['2026-12-31', 'month', '2026-12', 'Tháng 12/2026'],
    ['2026-01-01', 'week', '2026-W01', 'Tuần 1/2026'],
    ['2027-01-01', 'week', '2026-W53', 'Tuần 53/2026'],
  ] as const)('%s by %s → %s, “%s”', (day, bucket, key, label) => {
    expect(bucketKey(day, bucket)).toBe(key);
    expect(bucketLabel(key)).toBe(label);
  });

  it('month keys', () => expect(monthKey('2026-02-28')).toBe('2026-02'));
});

describe('splitByMonths', () => {
  const m = (from: string, to: string, sign: 1 | -1 = 1) => ({ kind: 'months', from, to, sign });
  const d = (from: string, to: string, sign: 1 | -1 = 1) => ({ kind: 'days', from, to, sign });
  const h = (key: string) => ({ kind: 'halves', from: key, to: key, sign: 1 });
  it.each([
    ['a week inside a half: the half less the rest', '2026-03-05', '2026-03-12', [h('2026-03-1'), d('2026-03-01', '2026-03-04', -1), d('2026-03-13', '2026-03-15', -1)]],
    ['a few days, fewer than their half leaves out', '2026-03-05', '2026-03-09', [d('2026-03-05', '2026-03-09')]],
    ['across the middle of a month: half by half', '2026-03-05', '2026-03-20', [h('2026-03-1'), d('2026-03-01', '2026-03-04', -1), d('2026-03-16', '2026-03-20')]],
    ['most of a month: the month less the rest', '2026-03-03', '2026-03-29', [m('2026-03', '2026-03'), d('2026-03-01', '2026-03-02', -1), d('2026-03-30', '2026-03-31', -1)]],
    ['one whole month', '2026-03-01', '2026-03-31', [m('2026-03', '2026-03')]],
    ['February whole', '2026-02-01', '2026-02-28', [m('2026-02', '2026-02')]],
    ['leap February less its last day', '2024-02-01', '2024-02-28', [m('2024-02', '2024-02'), d('2024-02-29', '2024-02-29', -1)]],
    ['ragged ends around whole months', '2026-01-15', '2026-04-10', [m('2026-02', '2026-03'), h('2026-01-2'), h('2026-04-1'), d('2026-01-15', '2026-01-15'), d('2026-04-11', '2026-04-15', -1)]],
    ['the 16th to the 15th: two halves, no day', '2026-10-16', '2026-11-15', [h('2026-10-2'), h('2026-11-1')]],
    ['a week from each end at most', '2026-10-08', '2026-11-22', [m('2026-10', '2026-10'), h('2026-11-1'), d('2026-10-01', '2026-10-07', -1), d('2026-11-16', '2026-11-22')]],
    ['year to date: this month so far is its row less the days to come', '2026-01-01', '2026-11-27', [m('2026-01', '2026-11'), d('2026-11-28', '2026-11-30', -1)]],
    ['30 days to date', '2026-10-29', '2026-11-27', [m('2026-11', '2026-11'), d('2026-10-29', '2026-10-31'), d('2026-11-28', '2026-11-30', -1)]],
    ['one day', '2026-11-27', '2026-11-27', [d('2026-11-27', '2026-11-27')]],
    ['a year from the 29th: one run of months, days at both ends', '2025-11-29', '2026-11-28', [m('2025-12', '2026-11'), d('2025-11-29', '2025-11-30'), d('2026-11-29', '2026-11-30', -1)]],
    ['both ends read as month less days: still one run', '2026-01-03', '2026-03-29', [m('2026-01', '2026-03'), d('2026-01-01', '2026-01-02', -1), d('2026-03-30', '2026-03-31', -1)]],
  ] as const)('%s', (_, from, to, want) => {
    expect(splitByMonths(from, to)).toEqual(want);
  });

  it('adds up to every day of the range exactly once', () => {
    const cases = [
      ['2025-06-17', '2026-11-27'], ['2026-01-01', '2026-12-31'], ['2026-02-27', '2026-03-02'], ['2026-01-02', '2026-01-30'], ['2025-12-31', '2026-01-01'],
      ['2026-10-16', '2026-11-15'], ['2026-10-08', '2026-11-22'], ['2024-02-10', '2024-02-20'], ['2024-02-16', '2024-03-15'], ['2026-03-15', '2026-03-16'],
    ];
    for (const [from, to] of cases) {
      const count = new Map<string, number>();
      for (const p of splitByMonths(from!, to!)) {
        const [first, last] =
          p.kind === 'months'
            ? [`${p.from}-01`, monthEnd(`${p.to}-01`)]
            : p.kind === 'halves'
              ? p.from.endsWith('-1')
                ? [`${p.from.slice(0, 7)}-01`, `${p.from.slice(0, 7)}-15`]
                : [`${p.from.slice(0, 7)}-16`, monthEnd(`${p.from.slice(0, 7)}-01`)]
              : [p.from, p.to];
        for (let k = first; k <= last; k = addDays(k, 1)) count.set(k, (count.get(k) ?? 0) + p.sign);
      }
      const covered = [...count].filter(([, n]) => n !== 0);
      expect(covered.every(([, n]) => n === 1)).toBe(true);
      expect(covered.map(([k]) => k).sort()).toEqual(eachDay(customPeriod(from!, to!)));
    }
  });

  it('never reads more than about a week of daily rows at each end of a range', () => {
    const dayRows = (from: string, to: string) =>
      splitByMonths(from, to)
        .filter((p) => p.kind === 'days')
        .reduce((n, p) => n + eachDay(customPeriod(p.from, p.to)).length, 0);
    for (let start = '2026-01-01'; start <= '2026-02-28'; start = addDays(start, 1)) {
      expect(dayRows(start, addDays(start, 45))).toBeLessThanOrEqual(16);
    }
  });
});

describe('withQuarters', () => {
  const m = (from: string, to: string, sign: 1 | -1 = 1): RangePart => ({ kind: 'months', from, to, sign });
  const q = (from: string, to: string, sign: 1 | -1 = 1): RangePart => ({ kind: 'quarters', from, to, sign });
  const d = (from: string, to: string, sign: 1 | -1 = 1): RangePart => ({ kind: 'days', from, to, sign });
  it.each<[string, RangePart[], RangePart[]]>([
    ['a year from December: a month, three quarters, two months', [m('2025-12', '2026-11'), d('2025-12-01', '2025-12-05', -1)], [m('2025-12', '2025-12'), q('2026-Q1', '2026-Q3'), m('2026-10', '2026-11'), d('2025-12-01', '2025-12-05', -1)]],
    ['a whole year: four quarters', [m('2026-01', '2026-12')], [q('2026-Q1', '2026-Q4')]],
    ['one whole quarter', [m('2026-04', '2026-06')], [q('2026-Q2', '2026-Q2')]],
    ['no whole quarter: the months as they were', [m('2026-02', '2026-05')], [m('2026-02', '2026-05')]],
    ['quarters across a year', [m('2025-10', '2026-03')], [q('2025-Q4', '2026-Q1')]],
    ['days and halves pass through', [d('2026-03-05', '2026-03-09')], [d('2026-03-05', '2026-03-09')]],
  ])('%s', (_, parts, want) => expect(withQuarters(parts)).toEqual(want));

  it('covers the same months as the run it replaces', () => {
    const monthsOf = (parts: RangePart[]) =>
      parts.flatMap((p) => {
        const out: string[] = [];
        for (let k = `${p.kind === 'quarters' ? `${p.from.slice(0, 4)}-${String((Number(p.from.slice(6)) - 1) * 3 + 1).padStart(2, '0')}` : p.from}-01`; ; k = addDays(monthEnd(k), 1)) {
          const month = k.slice(0, 7);
          if (p.kind === 'quarters' ? quarterKey(month) > p.to : month > p.to) break;
          out.push(month);
        }
        return out;
      });
    for (let from = '2024-01'; from <= '2025-12'; from = addDays(monthEnd(`${from}-01`), 1).slice(0, 7)) {
      for (const length of [1, 2, 3, 5, 11, 12, 13, 24]) {
        let to = from;
        for (let i = 1; i < length; i++) to = addDays(monthEnd(`${to}-01`), 1).slice(0, 7);
        const split = withQuarters([m(from, to)]);
        expect(monthsOf(split)).toEqual(monthsOf([m(from, to)]));
        expect(split.filter((p) => p.kind === 'months').length).toBeLessThanOrEqual(2);
      }
    }
  });

  it('names quarters by month or day', () => {
    expect([quarterKey('2026-01'), quarterKey('2026-03-31'), quarterKey('2026-04'), quarterKey('2026-12-05')]).toEqual(['2026-Q1', '2026-Q1', '2026-Q2', '2026-Q4']);
  });
});

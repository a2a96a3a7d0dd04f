import { describe, expect, it } from 'vitest';
import { readThrough, splitByMonths, splitWholeMonths, withQuarters } from './periods';

describe('splitWholeMonths', () => {
  it.each([
    ['inside one month', '2026-03-05', '2026-03-20', [{ kind: 'days', from: '2026-03-05', to: '2026-03-20', sign: 1 }]],
    ['one whole month', '2026-02-01', '2026-02-28', [{ kind: 'months', from: '2026-02', to: '2026-02', sign: 1 }]],
    [
      'ragged edges around whole months',
      '2026-01-15',
      '2026-04-10',
      [
        { kind: 'months', from: '2026-02', to: '2026-03', sign: 1 },
        { kind: 'days', from: '2026-01-15', to: '2026-01-31', sign: 1 },
        { kind: 'days', from: '2026-04-01', to: '2026-04-10', sign: 1 },
      ],
    ],
    [
      'two partial months, no whole one',
      '2026-08-20',
      '2026-09-12',
      [{ kind: 'days', from: '2026-08-20', to: '2026-09-12', sign: 1 }],
    ],
    [
      'a year end, leap February',
      '2027-12-31',
      '2028-02-29',
      [
        { kind: 'months', from: '2028-01', to: '2028-02', sign: 1 },
        { kind: 'days', from: '2027-12-31', to: '2027-12-31', sign: 1 },
      ],
    ],
    ['one day', '2026-05-01', '2026-05-01', [{ kind: 'days', from: '2026-05-01', to: '2026-05-01', sign: 1 }]],
  ])('%s', (_, from, to, want) => {
    expect(splitWholeMonths(from, to)).toEqual(want);
  });
});

describe('readThrough', () => {
  it.each([
    ['a range ending today reads its month to the end', '2026-12-06', '2026-12-06', '2026-12-31'],
    ['the last day of a month stays', '2026-11-30', '2026-11-30', '2026-11-30'],
    ['a range ending before today is read as it is', '2026-12-05', '2026-12-06', '2026-12-05'],
    ['a range ending last month is read as it is', '2026-11-20', '2026-12-06', '2026-11-20'],
    ['February of a leap year', '2028-02-10', '2028-02-10', '2028-02-29'],
  ])('%s', (_, to, today, want) => {
    expect(readThrough(to, today)).toBe(want);
  });

  it('leaves no daily rows at the end of a range to date', () => {
    // The quarter so far is one quarterly row; the last 365 days read days only at their start.
    expect(withQuarters(splitByMonths('2026-10-01', readThrough('2026-12-06', '2026-12-06')))).toEqual([{ kind: 'quarters', from: '2026-Q4', to: '2026-Q4', sign: 1 }]);
    expect(splitByMonths('2025-12-07', readThrough('2026-12-06', '2026-12-06')).filter((p) => p.kind === 'days')).toEqual([
      { kind: 'days', from: '2025-12-01', to: '2025-12-06', sign: -1 },
    ]);
    expect(splitWholeMonths('2026-11-07', readThrough('2026-12-06', '2026-12-06'))).toEqual([
      { kind: 'months', from: '2026-12', to: '2026-12', sign: 1 },
      { kind: 'days', from: '2026-11-07', to: '2026-11-30', sign: 1 },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { splitWholeMonths } from './periods';

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

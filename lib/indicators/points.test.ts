import { describe, expect, it } from 'vitest';
import { DEFAULT_STEPS, satisfactionPoints } from './points';

describe('satisfactionPoints, proportional (M × rate, to the nearest 0.5)', () => {
  it.each<[number | null, number, number]>([
    [null, 20, 0], // not enough data
    [0, 20, 0],
    [1, 20, 20],
    [0.8, 20, 16],
    [0.81, 20, 16], // 16.2
    [0.8125, 20, 16.5], // 16.25: a half rounds up
    [0.83, 20, 16.5], // 16.6
    [0.8375, 20, 17], // 16.75
    [0.8394, 20, 17], // 16.788
    [0.0125, 20, 0.5], // 0.25
    [0.9, 15, 13.5],
    [1 / 3, 10, 3.5], // 3.33…
    [0.9, 0, 0],
  ])('rate %s of max %i → %s', (rate, max, want) => expect(satisfactionPoints(rate, { rule: 'proportional', max })).toBe(want));

  it('defaults to a maximum of 20', () => expect(satisfactionPoints(0.5, { rule: 'proportional' })).toBe(10));
});

describe('satisfactionPoints, step table', () => {
  it.each<[number | null, number]>([
    [null, 0], // not enough data
    [1, 20],
    [0.95, 20],
    [19 / 20, 20],
    [57 / 60, 20],
    [0.9499, 18],
    [0.9, 18],
    [(0.85 + 0.95) / 2, 18], // 0.8999999999999999 in floating point: still on the boundary
    [0.8999, 16],
    [0.85, 16],
    [17 / 20, 16],
    [0.8499, 14],
    [0.8, 14],
    [0.7999, 10],
    [0.7, 10],
    [7 / 10, 10],
    [0.6999, 5],
    [0.5, 5],
    [0.4999, 0],
    [0, 0],
  ])('rate %s → %s of 20', (rate, want) => expect(satisfactionPoints(rate, { rule: 'steps' })).toBe(want));

  it.each([
    [0.95, 15, 15],
    [0.9, 15, 13.5],
    [0.85, 15, 12], // 0.8 × 15 = 12.000000000000002 without care
    [0.8, 15, 10.5],
    [0.7, 15, 7.5],
    [0.5, 15, 3.75], // not rounded to a half: the table says 0.25 M
    [0.49, 15, 0],
  ])('rate %s → %s of %i', (rate, max, want) => expect(satisfactionPoints(rate, { rule: 'steps', max })).toBe(want));

  it('takes a rubric’s own steps, in any order', () => {
    const steps = [{ min: 0.8, share: 0.5 }, { min: 0.9, share: 1 }];
    expect([0.95, 0.9, 0.85, 0.8, 0.79].map((r) => satisfactionPoints(r, { rule: 'steps', max: 10, steps }))).toEqual([10, 10, 5, 5, 0]);
    expect(DEFAULT_STEPS.map((s) => s.min)).toEqual([0.95, 0.9, 0.85, 0.8, 0.7, 0.5]);
  });
});

describe('satisfactionPoints, bad input', () => {
  it.each<[number, number]>([
    [1.2, 20],
    [-0.1, 20],
    [Number.NaN, 20],
    [0.5, -1],
  ])('refuses rate %s, max %s', (rate, max) => {
    expect(() => satisfactionPoints(rate, { rule: 'steps', max })).toThrow(RangeError);
    expect(() => satisfactionPoints(rate, { rule: 'proportional', max })).toThrow(RangeError);
  });
});

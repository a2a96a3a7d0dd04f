import { describe, expect, it } from 'vitest';
import type { ScoreCounts } from './counts';
import { dissatisfactionRate, dissatisfiedCount, meanScore, satisfactionRate, satisfiedCount, wilsonInterval } from './rates';

describe('rates over valid answers', () => {
  it.each<[ScoreCounts, number | null, number | null, number | null]>([
    // counts, satisfied (4–5), dissatisfied (1–2), mean
    [{}, null, null, null],
    [{ 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 }, null, null, null],
    [{ 5: 1, 4: 1, 2: 2 }, 0.5, 0.5, 13 / 4],
    [{ 5: 3 }, 1, 0, 5],
    [{ 1: 3 }, 0, 1, 1],
    [{ 3: 10 }, 0, 0, 3],
    [{ 1: 1, 2: 1, 3: 1, 4: 1, 5: 1 }, 0.4, 0.4, 3],
    [{ 5: 80, 4: 4, 3: 10, 2: 5, 1: 1 }, 0.84, 0.06, (400 + 16 + 30 + 10 + 1) / 100],
  ])('%j → satisfied %s, dissatisfied %s, mean %s', (counts, sat, dis, mean) => {
    expect(satisfactionRate(counts)).toBe(sat);
    expect(dissatisfactionRate(counts)).toBe(dis);
    expect(meanScore(counts)).toBe(mean);
  });

  it('counts 4–5 and 1–2', () => {
    expect(satisfiedCount({ 5: 2, 4: 3, 3: 9 })).toBe(5);
    expect(dissatisfiedCount({ 1: 2, 2: 3, 3: 9 })).toBe(5);
  });
});

describe('wilsonInterval', () => {
  // Hand calculations: centre (p + z²/2n)/(1 + z²/n) ± z/(1 + z²/n)·√(p(1−p)/n + z²/4n²), z = 1.96.
  it.each<[number, number, number, number]>([
    [8, 10, 0.4902, 0.9433],
    [1, 2, 0.0945, 0.9055],
    [0, 1, 0, 0.7935],
    [1, 1, 0.2065, 1],
    [0, 10, 0, 0.2775],
    [10, 10, 0.7225, 1],
    [0, 30, 0, 0.1135],
    [30, 30, 0.8865, 1],
    [24, 30, 0.6269, 0.905],
    [380, 400, 0.924, 0.9674],
  ])('%i of %i → [%f, %f]', (s, n, low, high) => {
    const got = wilsonInterval(s, n);
    expect(got?.low).toBeCloseTo(low, 4);
    expect(got?.high).toBeCloseTo(high, 4);
  });

  it('is exact at the boundaries', () => {
    for (const n of [1, 2, 7, 30, 1000]) {
      expect(wilsonInterval(0, n)?.low).toBe(0);
      expect(wilsonInterval(n, n)?.high).toBe(1);
    }
  });

  it('has no interval without answers', () => expect(wilsonInterval(0, 0)).toBeNull());

  it('takes another z', () => {
    const got = wilsonInterval(8, 10, 1);
    expect(got?.low).toBeCloseTo(0.6491, 4);
    expect(got?.high).toBeCloseTo(0.8964, 4);
  });

  it('accepts fractional successes (a pooled rate times its respondents)', () => {
    const got = wilsonInterval(20, 30);
    expect(wilsonInterval((2 / 3) * 30, 30)?.low).toBeCloseTo(got!.low, 12);
  });

  it.each([
    [11, 10],
    [-1, 10],
    [1, -1],
    [Number.NaN, 10],
  ])('refuses %s of %s', (s, n) => expect(() => wilsonInterval(s, n)).toThrow(RangeError));
});

import { describe, expect, it } from 'vitest';
import { backoffDelayMs, retryAfterMs } from './backoff';

describe('backoffDelayMs', () => {
  it.each([
    // attempt, random, want
    [1, 0, 500],
    [1, 0.999999, 1000],
    [2, 0, 1000],
    [3, 0.5, 3000],
    [6, 0, 16000],
    [7, 0, 30000], // 64 s would exceed the cap: 60 s ceiling, half fixed
    [7, 0.999999, 60000],
    [50, 0.5, 45000],
    [0, 0, 500], // treated as the first retry
    [1, -1, 500], // random clamped
    [1, 2, 1000],
  ])('attempt %i, random %f → %i ms', (attempt, random, want) => {
    expect(backoffDelayMs(attempt, random)).toBe(want);
  });

  it('never exceeds the cap and never goes below half the ceiling', () => {
    for (let a = 1; a < 40; a++) {
      for (const r of [0, 0.3, 0.99]) {
        const d = backoffDelayMs(a, r);
        expect(d).toBeLessThanOrEqual(60_000);
        expect(d).toBeGreaterThanOrEqual(Math.min(60_000, 1000 * 2 ** (a - 1)) / 2);
      }
    }
  });
});

describe('retryAfterMs', () => {
  it.each([
    [null, 2000, 2000],
    ['', 2000, 2000],
    ['abc', 2000, 2000],
    ['5', 2000, 5000],
    ['1', 2000, 2000], // our own schedule is longer
    ['600', 2000, 60000], // capped
    ['-3', 2000, 2000],
  ])('Retry-After %j with fallback %i → %i', (header, fallback, want) => {
    expect(retryAfterMs(header, fallback)).toBe(want);
  });
});

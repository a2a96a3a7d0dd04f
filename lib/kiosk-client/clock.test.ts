import { describe, expect, it } from 'vitest';
import { correctedTapTime, measureClockOffset } from './clock';

describe('measureClockOffset', () => {
  it.each([
    [1_000_500, 1_000_000, 1_001_000, 0],
    [2_000_500, 1_000_000, 1_001_000, 1_000_000],
    [500, 1_000_000, 1_001_000, -1_000_000],
    [undefined, 1, 2, null],
    [Number.NaN, 1, 2, null],
    [0, 1, 2, null],
    ['1000', 1, 2, null],
  ])('server %j, sent %i, received %i → %j', (server, sent, received, want) => {
    expect(measureClockOffset(server, sent, received)).toBe(want);
  });
});

describe('correctedTapTime', () => {
  const tap = 1_764_000_000_000;
  const hour = 3_600_000;
  it.each([
    ['no measurement yet', null, tap],
    ['an old item without one', undefined, tap],
    ['a right clock', 300, tap],
    ['device 59 s ahead', -59_000, tap],
    ['device 5 min ahead: the server would refuse it', -300_000, tap - 300_000],
    ['device 20 min behind: left alone', 20 * 60_000, tap],
    ['device exactly an hour behind: left alone', hour, tap],
    ['device reset two years back', 2 * 365 * 24 * hour, tap + 2 * 365 * 24 * hour],
  ])('%s', (_name, offset, want) => {
    expect(correctedTapTime(tap, offset)).toBe(want);
  });
});

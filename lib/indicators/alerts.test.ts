import { describe, expect, it } from 'vitest';
import { burstEndsAt, decideAlert, decideInOrder, decideWithinOpenAlert, lowRatingBurst, lowRatingScore, type Burst, type BurstRule } from './alerts';

const MIN = 60_000;
const T0 = Date.UTC(2026, 7, 20, 2); // 09:00 in Việt Nam
const at = (...minutes: number[]) => minutes.map((m) => T0 + m * MIN);
const burst = (start: number, end: number, count: number, triggeredAt: number): Burst => ({
  start: T0 + start * MIN, end: T0 + end * MIN, count, triggeredAt: T0 + triggeredAt * MIN,
});

describe('lowRatingBurst: three ratings of 1–2 within an hour', () => {
  it.each<[string, number[], Burst[]]>([
    ['no low ratings', [], []],
    ['two only', at(0, 1), []],
    ['three in 30 minutes', at(0, 10, 30), [burst(0, 30, 3, 30)]],
    ['three with the last 1 ms inside the hour', [T0, T0 + 30 * MIN, T0 + 60 * MIN - 1], [{ start: T0, end: T0 + 60 * MIN - 1, count: 3, triggeredAt: T0 + 60 * MIN - 1 }]],
    ['three spanning exactly an hour: not within', at(0, 30, 60), []],
    ['in any order', at(30, 0, 10), [burst(0, 30, 3, 30)]],
    ['three at the same instant', at(5, 5, 5), [burst(5, 5, 3, 5)]],
    ['five in 40 minutes: one alert, not three', at(0, 10, 20, 30, 40), [burst(0, 40, 5, 20)]],
    ['a chain of overlapping windows is one burst', at(0, 20, 40, 70, 90), [burst(0, 90, 5, 40)]],
    ['spread out: never three in an hour', at(0, 40, 80, 120, 160), []],
    ['two separate bursts', at(0, 10, 20, 180, 190, 200), [burst(0, 20, 3, 20), burst(180, 200, 3, 200)]],
    ['a lone rating between bursts is not part of either', at(0, 10, 20, 100, 180, 190, 200), [burst(0, 20, 3, 20), burst(180, 200, 3, 200)]],
  ])('%s', (_name, times, want) => expect(lowRatingBurst(times)).toEqual(want));

  it.each<[string, number[], Partial<BurstRule>, Burst[]]>([
    ['two within ten minutes', at(0, 9, 30, 45), { count: 2, windowMs: 10 * MIN }, [burst(0, 9, 2, 9)]],
    ['every low rating alerts when the count is 1', at(0, 5), { count: 1 }, [burst(0, 0, 1, 0), burst(5, 5, 1, 5)]],
    ['a longer window', at(0, 50, 100), { windowMs: 2 * 60 * MIN }, [burst(0, 100, 3, 100)]],
  ])('%s', (_name, times, rule, want) => expect(lowRatingBurst(times, rule)).toEqual(want));

  it('ignores times that are not numbers and leaves the input alone', () => {
    const times = [T0 + 20 * MIN, Number.NaN, T0, T0 + 10 * MIN];
    expect(lowRatingBurst(times)).toEqual([burst(0, 20, 3, 20)]);
    expect(times[0]).toBe(T0 + 20 * MIN);
  });

  it.each<Partial<BurstRule>>([{ count: 0 }, { count: 2.5 }, { windowMs: 0 }, { windowMs: Number.NaN }])('refuses the rule %j', (rule) => {
    expect(() => lowRatingBurst(at(0), rule)).toThrow(RangeError);
  });
});

describe('decideInOrder and decideAlert: what one low rating does to the office’s alerts', () => {
  const rule: BurstRule = { count: 3, windowMs: 60 * MIN };
  const t = (m: number) => T0 + m * MIN;
  const open = (id: number, start: number, end: number, lowCount: number) => ({ id, startAt: t(start), endAt: t(end), lowCount, acknowledgedAt: null });
  const acked = (id: number, start: number, end: number, lowCount: number, ackAt: number) => ({ ...open(id, start, end, lowCount), acknowledgedAt: t(ackAt) });

  it.each<[string, Parameters<typeof decideInOrder>[0], ReturnType<typeof decideInOrder>]>([
    ['a later low rating in the window: the general case decides', { at: t(10), rule, laterInWindow: true, latest: [], alerts: [] }, undefined],
    ['fewer than `count` low ratings: nothing', { at: t(10), rule, laterInWindow: false, latest: [t(10), t(0)], alerts: [] }, { action: 'none' }],
    ['the `count` latest span a full window: nothing', { at: t(60), rule, laterInWindow: false, latest: [t(60), t(30), t(0)], alerts: [] }, { action: 'none' }],
    ['no open alert to grow: the general case creates one', { at: t(20), rule, laterInWindow: false, latest: [t(20), t(10), t(0)], alerts: [] }, undefined],
    [
      'an open alert grows by what it did not cover',
      { at: t(30), rule, laterInWindow: false, latest: [t(30), t(20), t(10)], alerts: [open(7, 0, 20, 3)] },
      { action: 'extend', alertId: 7, start: t(0), end: t(30), base: 3, countFrom: t(20) + 1, countTo: t(30) },
    ],
    ['an acknowledgement within the window: the general case decides', { at: t(30), rule, laterInWindow: false, latest: [t(30), t(20), t(10)], alerts: [acked(7, 0, 20, 3, 25)] }, undefined],
  ])('%s', (_name, facts, want) => expect(decideInOrder(facts)).toEqual(want));

  it.each<[string, Parameters<typeof decideAlert>[0], ReturnType<typeof decideAlert>]>([
    ['no burst around the rating', { at: t(0), rule, times: [t(0), t(50)], alerts: [] }, { action: 'none' }],
    ['a burst and no alert: create it', { at: t(20), rule, times: [t(0), t(10), t(20)], alerts: [] }, { action: 'create', burst: { start: t(0), end: t(20), count: 3, triggeredAt: t(20) } }],
    [
      'a late rating inside an open alert: recount its span',
      { at: t(15), rule, times: [t(0), t(10), t(15), t(20)], alerts: [open(4, 0, 20, 3)] },
      { action: 'extend', alertId: 4, start: t(0), end: t(20), base: 0, countFrom: t(0), countTo: t(20) },
    ],
    ['a rating given before the acknowledgement belongs to what was acknowledged', { at: t(15), rule, times: [t(0), t(10), t(15), t(20)], alerts: [acked(4, 0, 20, 3, 30)] }, { action: 'none' }],
    [
      'after an acknowledgement, only later ratings that meet the rule on their own',
      { at: t(50), rule, times: [t(0), t(10), t(20), t(30), t(40), t(50)], alerts: [acked(4, 0, 20, 3, 25)] },
      { action: 'create', burst: { start: t(30), end: t(50), count: 3, triggeredAt: t(50) } },
    ],
    ['after an acknowledgement, two later ratings are not yet a burst', { at: t(40), rule, times: [t(0), t(10), t(20), t(30), t(40)], alerts: [acked(4, 0, 20, 3, 25)] }, { action: 'none' }],
    [
      'an acknowledged alert is preferred over an open one it overlaps',
      { at: t(50), rule, times: [t(0), t(10), t(20), t(30), t(40), t(50)], alerts: [acked(4, 0, 20, 3, 25), open(5, 30, 40, 2)] },
      { action: 'extend', alertId: 5, start: t(30), end: t(50), base: 0, countFrom: t(30), countTo: t(50) },
    ],
  ])('%s', (_name, facts, want) => expect(decideAlert(facts)).toEqual(want));

  it.each<[string, Parameters<typeof decideWithinOpenAlert>[0], ReturnType<typeof decideWithinOpenAlert>]>([
    ['a late rating inside the one open alert near it: recount its span', { at: t(15), rule, alerts: [open(4, 0, 20, 3)] }, { action: 'extend', alertId: 4, start: t(0), end: t(20), base: 0, countFrom: t(0), countTo: t(20) }],
    ['on the alert’s last rating', { at: t(20), rule, alerts: [open(4, 0, 20, 3)] }, { action: 'extend', alertId: 4, start: t(0), end: t(20), base: 0, countFrom: t(0), countTo: t(20) }],
    ['before the open alert: the general case decides', { at: t(-5), rule, alerts: [open(4, 0, 20, 3)] }, undefined],
    ['no alert: the general case decides', { at: t(15), rule, alerts: [] }, undefined],
    ['an acknowledged alert: the general case decides', { at: t(15), rule, alerts: [acked(4, 0, 20, 3, 30)] }, undefined],
    ['another alert within a window: the general case decides', { at: t(15), rule, alerts: [open(4, 0, 20, 3), open(5, 70, 80, 3)] }, undefined],
    ['an alert more than a window later is not near', { at: t(15), rule, alerts: [open(4, 0, 20, 3), open(5, 76, 90, 3)] }, { action: 'extend', alertId: 4, start: t(0), end: t(20), base: 0, countFrom: t(0), countTo: t(20) }],
  ])('%s', (_name, facts, want) => expect(decideWithinOpenAlert(facts)).toEqual(want));

  it('decides within an open alert as the general case does when no rating lies beyond the alert', () => {
    // Every low rating a window either side of `at` inside the alert's span: both recount that span.
    for (const at of [t(1), t(9), t(10), t(11), t(19)]) {
      const times = [t(0), t(10), t(20), at];
      const alerts = [open(4, 0, 20, 3)];
      expect(decideWithinOpenAlert({ at, rule, alerts })).toEqual(decideAlert({ at, rule, times, alerts }));
    }
  });
});

describe('burstEndsAt', () => {
  const rule: BurstRule = { count: 3, windowMs: 60 * MIN };
  it.each<[string, number[], number, boolean]>([
    ['fewer than count', at(10, 0), T0 + 10 * MIN, false],
    ['count within the window', at(20, 10, 0), T0 + 20 * MIN, true],
    ['count spanning exactly the window', at(60, 30, 0), T0 + 60 * MIN, false],
    ['count 1 ms inside the window', [T0 + 60 * MIN - 1, T0 + 30 * MIN, T0], T0 + 60 * MIN - 1, true],
  ])('%s', (_name, latest, atMs, want) => expect(burstEndsAt(latest, atMs, rule)).toBe(want));
});

describe('lowRatingScore', () => {
  const scores = (...s: (number | null)[]) => s.map((score) => ({ score }));

  it('is the lowest score when one answer is "Không hài lòng" or worse', () => {
    expect(lowRatingScore(scores(5, 2, 4), false)).toBe(2);
    expect(lowRatingScore(scores(1, 2), false)).toBe(1);
  });

  it('is null for a rating without a low answer, with only choices, or excluded', () => {
    expect(lowRatingScore(scores(3, 4, 5), false)).toBeNull();
    expect(lowRatingScore(scores(null, null), false)).toBeNull();
    expect(lowRatingScore(scores(1, 5), true)).toBeNull();
  });
});

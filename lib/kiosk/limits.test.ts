import { describe, expect, it } from 'vitest';
import { DEFAULT_OPENING_HOURS } from '@/lib/opening-hours';
import { decideKioskFlags, decideThrottle, flagDailyCap, KIOSK_BATCH_THROTTLE, vietnamDayStart } from './limits';

/** A local Vietnamese time (UTC+7). 2026-11-23 is a Monday. */
const vn = (iso: string) => new Date(`${iso}+07:00`).getTime();
const MIN = 60_000;

describe('vietnamDayStart', () => {
  it.each([
    ['2026-11-23T00:00:00', '2026-11-23T00:00:00'],
    ['2026-11-23T06:59:59', '2026-11-23T00:00:00'], // still the previous UTC day
    ['2026-11-23T23:59:59', '2026-11-23T00:00:00'],
    ['2026-11-24T00:00:00', '2026-11-24T00:00:00'],
  ])('%s → %s', (t, want) => expect(vietnamDayStart(vn(t))).toBe(vn(want)));
});

describe('flagDailyCap (limit 3 in these cases)', () => {
  const mon = (hhmm: string) => vn(`2026-11-23T${hhmm}:00`);
  const tue = (hhmm: string) => vn(`2026-11-24T${hhmm}:00`);
  it.each([
    ['nothing stored, 3 new', [], [mon('08:00'), mon('09:00'), mon('10:00')], [false, false, false]],
    ['nothing stored, 4 new: the 4th', [], [mon('08:00'), mon('09:00'), mon('10:00'), mon('11:00')], [false, false, false, true]],
    ['in tap order, not batch order', [], [mon('11:00'), mon('08:00'), mon('09:00'), mon('10:00')], [true, false, false, false]],
    ['2 stored that day', [[mon('00:00'), 2]], [mon('08:00'), mon('09:00')], [false, true]],
    ['3 stored the day before do not count', [[vn('2026-11-22T00:00:00'), 3]], [mon('08:00')], [false]],
    ['a new day starts at local midnight, not UTC', [[mon('00:00'), 3]], [vn('2026-11-23T23:59:59'), tue('00:00')], [true, false]],
  ] as const)('%s', (_name, stored, taps, want) => expect(flagDailyCap(new Map(stored as unknown as [number, number][]), taps, 3)).toEqual(want));
});

describe('decideKioskFlags', () => {
  const base = { storedBurstTaps: [], storedPerDay: new Map<number, number>(), hours: DEFAULT_OPENING_HOURS, dailyLimit: 600 };
  it.each([
    ['a Monday-morning tap counts', [vn('2026-11-23T09:00:00')], [[]]],
    ['at night: outside_hours', [vn('2026-11-23T22:00:00')], [['outside_hours']]],
    ['on Sunday: outside_hours', [vn('2026-11-29T10:00:00')], [['outside_hours']]],
  ])('%s', (_name, taps, want) => expect(decideKioskFlags({ ...base, taps })).toEqual(want));

  it('combines burst, hours and the daily cap', () => {
    const night = vn('2026-11-23T23:00:00');
    const taps = Array.from({ length: 14 }, (_, i) => night + i * 1000);
    const flags = decideKioskFlags({ ...base, taps, dailyLimit: 13 });
    expect(flags[0]).toEqual(['outside_hours']);
    expect(flags[12]).toEqual(['kiosk_burst', 'outside_hours']);
    expect(flags[13]).toEqual(['kiosk_burst', 'outside_hours', 'kiosk_daily_cap']);
  });
});

describe('decideThrottle (30 a minute)', () => {
  const now = 1_000_000_000;
  const times = (n: number, from: number, step = 1000) => Array.from({ length: n }, (_, i) => from + i * step);
  it.each([
    ['none yet', [], { allowed: true }],
    ['29 in the last minute', times(29, now - 29_000), { allowed: true }],
    ['30 in the last minute: wait until the oldest leaves', times(30, now - 30_000), { allowed: false, retryAfterS: 30 }],
    ['30, the oldest leaves in 0.5 s: at least 1 s', times(30, now - MIN + 500, 10), { allowed: false, retryAfterS: 1 }],
    ['30 but the oldest is a minute old (outside)', times(30, now - MIN), { allowed: true }],
    ['40 in the window: the 11th oldest frees the slot', times(40, now - 40_000), { allowed: false, retryAfterS: 30 }],
  ])('%s', (_name, recent, want) => expect(decideThrottle(recent, now, KIOSK_BATCH_THROTTLE)).toEqual(want));
});

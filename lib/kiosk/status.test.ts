import { describe, expect, it } from 'vitest';
import { DEFAULT_OPENING_HOURS, type OpeningHours } from '@/lib/opening-hours';
import { kioskState, looksUnplugged, openTimeBetween } from './status';

/** A local Vietnamese time (UTC+7) as a Date. 2026-11-23 is a Monday. */
const vn = (iso: string) => new Date(`${iso}+07:00`);
const MIN = 60_000;

const closed: OpeningHours = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
/** Mon–Fri 7:30–17:00, as the fixed office hours this check used before it read the office's own. */
const WEEKDAYS_730_1700: OpeningHours = { ...closed, mon: ['07:30-17:00'], tue: ['07:30-17:00'], wed: ['07:30-17:00'], thu: ['07:30-17:00'], fri: ['07:30-17:00'] };
/** An office closed for lunch on weekdays and open on Sunday morning. */
const SPLIT: OpeningHours = { ...closed, mon: ['07:30-11:30', '13:30-17:00'], tue: ['07:30-11:30', '13:30-17:00'], sun: ['08:00-11:00'] };

describe('openTimeBetween', () => {
  it.each([
    [WEEKDAYS_730_1700, '2026-11-23T08:00:00', '2026-11-23T08:30:00', 30],
    [WEEKDAYS_730_1700, '2026-11-23T06:00:00', '2026-11-23T08:00:00', 30],
    [WEEKDAYS_730_1700, '2026-11-23T16:50:00', '2026-11-24T07:40:00', 20],
    [WEEKDAYS_730_1700, '2026-11-27T16:55:00', '2026-11-30T07:45:00', 20], // Friday → Monday
    [WEEKDAYS_730_1700, '2026-11-28T09:00:00', '2026-11-29T15:00:00', 0], // a weekend
    [WEEKDAYS_730_1700, '2026-11-23T07:30:00', '2026-11-24T07:30:00', 570],
    [DEFAULT_OPENING_HOURS, '2026-11-28T09:00:00', '2026-11-29T15:00:00', 150], // Saturday morning counts by default
    [SPLIT, '2026-11-23T11:00:00', '2026-11-23T14:00:00', 60], // the lunch break does not count
    [SPLIT, '2026-11-28T09:00:00', '2026-11-29T15:00:00', 180], // this office opens on Sunday morning
    [closed, '2026-11-23T00:00:00', '2026-11-30T00:00:00', 0],
  ] as const)('%#: %s → %s: %d min', (hours, a, b, want) => expect(openTimeBetween(hours, vn(a), vn(b))).toBe(want * MIN));

  it('stops walking once past the cap', () => {
    const t = openTimeBetween(WEEKDAYS_730_1700, vn('2025-01-01T08:00:00'), vn('2026-11-23T09:00:00'), 30 * MIN);
    expect(t).toBeGreaterThan(30 * MIN);
    expect(t).toBeLessThanOrEqual(2 * 570 * MIN);
  });
});

describe('looksUnplugged (> 30 min of the office’s opening hours without contact, and open now)', () => {
  it.each([
    ['never heard from', WEEKDAYS_730_1700, null, '2026-11-23T10:00:00', false],
    ['29 min', WEEKDAYS_730_1700, '2026-11-23T09:31:00', '2026-11-23T10:00:00', false],
    ['30 min', WEEKDAYS_730_1700, '2026-11-23T09:30:00', '2026-11-23T10:00:00', false],
    ['31 min', WEEKDAYS_730_1700, '2026-11-23T09:29:00', '2026-11-23T10:00:00', true],
    ['all night, evening now', WEEKDAYS_730_1700, '2026-11-23T08:00:00', '2026-11-23T20:00:00', false],
    ['Monday 7:45 after Friday 16:55', WEEKDAYS_730_1700, '2026-11-27T16:55:00', '2026-11-30T07:45:00', false],
    ['Monday 8:30 after Friday 16:55', WEEKDAYS_730_1700, '2026-11-27T16:55:00', '2026-11-30T08:30:00', true],
    ['Saturday, silent since Friday noon, office closed on Saturday', WEEKDAYS_730_1700, '2026-11-27T12:00:00', '2026-11-28T10:00:00', false],
    ['Saturday, silent since Friday noon, office open on Saturday morning', DEFAULT_OPENING_HOURS, '2026-11-27T12:00:00', '2026-11-28T10:00:00', true],
    ['Monday 17:15 after 16:40: open until 17:30 by default', DEFAULT_OPENING_HOURS, '2026-11-23T16:40:00', '2026-11-23T17:15:00', true],
    ['Monday 17:15 after 16:40: closed since 17:00', WEEKDAYS_730_1700, '2026-11-23T16:40:00', '2026-11-23T17:15:00', false],
    ['lunch break: silent since 11:20, 13:35 now', SPLIT, '2026-11-23T11:20:00', '2026-11-23T13:35:00', false],
    ['lunch break: silent since 11:20, 13:55 now', SPLIT, '2026-11-23T11:20:00', '2026-11-23T13:55:00', true],
    ['Sunday morning at an office open on Sunday', SPLIT, '2026-11-29T08:00:00', '2026-11-29T09:00:00', true],
    ['an office with no hours at all', closed, '2026-10-20T12:00:00', '2026-11-23T10:00:00', false],
    ['a month of silence', WEEKDAYS_730_1700, '2026-10-20T12:00:00', '2026-11-23T10:00:00', true],
  ] as const)('%s', (_name, hours, last, now, want) => expect(looksUnplugged(hours, last ? vn(last) : null, vn(now))).toBe(want));
});

describe('kioskState', () => {
  const now = vn('2026-11-23T10:00:00');
  const base = { openingHours: DEFAULT_OPENING_HOURS, paired: false, pairedAt: null, lastSeenAt: null, pairingExpiresAt: null, revokedAt: null };
  it.each([
    ['paired, recent contact', { ...base, paired: true, pairedAt: vn('2026-11-20T08:00:00'), lastSeenAt: vn('2026-11-23T09:58:00') }, 'online'],
    ['paired, silent', { ...base, paired: true, pairedAt: vn('2026-11-20T08:00:00'), lastSeenAt: vn('2026-11-23T08:00:00') }, 'unplugged'],
    ['paired, silent, office open with a lunch break', { ...base, openingHours: SPLIT, paired: true, pairedAt: vn('2026-11-20T08:00:00'), lastSeenAt: vn('2026-11-23T08:00:00') }, 'unplugged'],
    ['paired, silent, office closed now', { ...base, openingHours: { ...SPLIT, mon: [] as string[] }, paired: true, pairedAt: vn('2026-11-20T08:00:00'), lastSeenAt: vn('2026-11-23T08:00:00') }, 'online'],
    ['paired, no contact since pairing an hour ago', { ...base, paired: true, pairedAt: vn('2026-11-23T09:00:00') }, 'unplugged'],
    ['waiting for its code', { ...base, pairingExpiresAt: vn('2026-11-23T10:05:00') }, 'waiting'],
    ['code expired', { ...base, pairingExpiresAt: vn('2026-11-23T10:00:00') }, 'code_expired'],
    ['revoked', { ...base, revokedAt: vn('2026-11-23T09:00:00') }, 'revoked'],
  ] as const)('%s', (_name, k, want) => expect(kioskState(k, now)).toBe(want));
});

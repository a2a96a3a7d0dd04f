import { describe, expect, it } from 'vitest';
import { isOfficeHours, kioskState, looksUnplugged, officeTimeBetween } from './status';

/** A local Vietnamese time (UTC+7) as a Date. 2026-11-23 is a Monday. */
const vn = (iso: string) => new Date(`${iso}+07:00`);
const MIN = 60_000;

describe('isOfficeHours (Mon–Fri 7:30–17:00, Asia/Ho_Chi_Minh)', () => {
  it.each([
    ['2026-11-23T07:29:59', false],
    ['2026-11-23T07:30:00', true],
    ['2026-11-23T12:00:00', true],
    ['2026-11-23T16:59:59', true],
    ['2026-11-23T17:00:00', false],
    ['2026-11-27T10:00:00', true], // Friday
    ['2026-11-28T10:00:00', false], // Saturday
    ['2026-11-29T10:00:00', false], // Sunday
    ['2026-11-24T00:30:00', false], // Tuesday 00:30 local is Monday 17:30 UTC
  ])('%s → %s', (t, want) => expect(isOfficeHours(vn(t))).toBe(want));
});

describe('officeTimeBetween', () => {
  it.each([
    ['2026-11-23T08:00:00', '2026-11-23T08:30:00', 30],
    ['2026-11-23T06:00:00', '2026-11-23T08:00:00', 30],
    ['2026-11-23T16:50:00', '2026-11-24T07:40:00', 20],
    ['2026-11-27T16:55:00', '2026-11-30T07:45:00', 20], // Friday → Monday
    ['2026-11-28T09:00:00', '2026-11-29T15:00:00', 0], // a weekend
    ['2026-11-23T07:30:00', '2026-11-24T07:30:00', 570],
  ])('%s → %s: %d min', (a, b, want) => expect(officeTimeBetween(vn(a), vn(b))).toBe(want * MIN));

  it('stops walking once past the cap', () => {
    const t = officeTimeBetween(vn('2025-01-01T08:00:00'), vn('2026-11-23T09:00:00'), 30 * MIN);
    expect(t).toBeGreaterThan(30 * MIN);
    expect(t).toBeLessThanOrEqual(2 * 570 * MIN);
  });
});

describe('looksUnplugged (> 30 min of office hours without contact, and office hours now)', () => {
  it.each([
    ['never heard from', null, '2026-11-23T10:00:00', false],
    ['29 min', '2026-11-23T09:31:00', '2026-11-23T10:00:00', false],
    ['30 min', '2026-11-23T09:30:00', '2026-11-23T10:00:00', false],
    ['31 min', '2026-11-23T09:29:00', '2026-11-23T10:00:00', true],
    ['all night, evening now', '2026-11-23T08:00:00', '2026-11-23T20:00:00', false],
    ['Monday 7:45 after Friday 16:55', '2026-11-27T16:55:00', '2026-11-30T07:45:00', false],
    ['Monday 8:30 after Friday 16:55', '2026-11-27T16:55:00', '2026-11-30T08:30:00', true],
    ['Saturday, silent since Friday noon', '2026-11-27T12:00:00', '2026-11-28T10:00:00', false],
    ['a month of silence', '2026-10-20T12:00:00', '2026-11-23T10:00:00', true],
  ])('%s', (_name, last, now, want) => expect(looksUnplugged(last ? vn(last) : null, vn(now))).toBe(want));
});

describe('kioskState', () => {
  const now = vn('2026-11-23T10:00:00');
  const base = { paired: false, pairedAt: null, lastSeenAt: null, pairingExpiresAt: null, revokedAt: null };
  it.each([
    ['paired, recent contact', { ...base, paired: true, pairedAt: vn('2026-11-20T08:00:00'), lastSeenAt: vn('2026-11-23T09:58:00') }, 'online'],
    ['paired, silent', { ...base, paired: true, pairedAt: vn('2026-11-20T08:00:00'), lastSeenAt: vn('2026-11-23T08:00:00') }, 'unplugged'],
    ['paired, no contact since pairing an hour ago', { ...base, paired: true, pairedAt: vn('2026-11-23T09:00:00') }, 'unplugged'],
    ['waiting for its code', { ...base, pairingExpiresAt: vn('2026-11-23T10:05:00') }, 'waiting'],
    ['code expired', { ...base, pairingExpiresAt: vn('2026-11-23T10:00:00') }, 'code_expired'],
    ['revoked', { ...base, revokedAt: vn('2026-11-23T09:00:00') }, 'revoked'],
  ] as const)('%s', (_name, k, want) => expect(kioskState(k, now)).toBe(want));
});

import { describe, expect, it } from 'vitest';
import {
  DEFAULT_OPENING_HOURS,
  formatOpeningHours,
  isWithinOpeningHours,
  OpeningHoursSchema,
  parseOpeningHours,
  resolveOpeningHours,
  type OpeningHours,
} from './opening-hours';

/** A local Vietnamese time (UTC+7). 2026-11-23 is a Monday. */
const vn = (iso: string) => new Date(`${iso}+07:00`).getTime();
const closed: OpeningHours = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };

describe('isWithinOpeningHours, default hours (Mon–Fri 7:00–17:30, Sat 7:00–11:30)', () => {
  it.each([
    ['Monday 06:59:59', '2026-11-23T06:59:59', false],
    ['Monday 07:00 (opening included)', '2026-11-23T07:00:00', true],
    ['Monday noon (lunch is not excluded)', '2026-11-23T12:00:00', true],
    ['Monday 17:29:59', '2026-11-23T17:29:59', true],
    ['Monday 17:30 (closing excluded)', '2026-11-23T17:30:00', false],
    ['Friday 10:00', '2026-11-27T10:00:00', true],
    ['Saturday 09:00', '2026-11-28T09:00:00', true],
    ['Saturday 11:30', '2026-11-28T11:30:00', false],
    ['Saturday 14:00', '2026-11-28T14:00:00', false],
    ['Sunday 10:00', '2026-11-29T10:00:00', false],
    ['Tuesday 00:00 local (Monday 17:00 UTC)', '2026-11-24T00:00:00', false],
    ['Tuesday 03:00 local (Monday 20:00 UTC)', '2026-11-24T03:00:00', false],
    // 7:30 local is 00:30 UTC of the same day; 6:30 local is still the previous UTC day.
    ['Monday 07:30 local = Monday 00:30 UTC', '2026-11-23T07:30:00', true],
    ['Monday 06:30 local = Sunday 23:30 UTC', '2026-11-23T06:30:00', false],
    ['Saturday 00:30 local = Friday 17:30 UTC (in UTC Friday would be open)', '2026-11-28T00:30:00', false],
    ['a date in 1990 (before any DST talk)', '1990-06-04T08:00:00', true],
  ])('%s', (_name, t, want) => expect(isWithinOpeningHours(DEFAULT_OPENING_HOURS, vn(t))).toBe(want));

  it('takes a Date too', () => expect(isWithinOpeningHours(DEFAULT_OPENING_HOURS, new Date(vn('2026-11-23T08:00:00')))).toBe(true));
});

describe('isWithinOpeningHours, around midnight', () => {
  const night: OpeningHours = { ...closed, sat: ['22:00-24:00'], sun: ['00:00-02:00'] };
  it.each([
    ['Saturday 21:59', '2026-11-28T21:59:00', false],
    ['Saturday 23:59:59', '2026-11-28T23:59:59', true],
    ['Sunday 00:00', '2026-11-29T00:00:00', true],
    ['Sunday 01:59', '2026-11-29T01:59:00', true],
    ['Sunday 02:00', '2026-11-29T02:00:00', false],
    ['Monday 00:00', '2026-11-30T00:00:00', false],
  ])('%s', (_name, t, want) => expect(isWithinOpeningHours(night, vn(t))).toBe(want));

  it('a closed week is never open', () => expect(isWithinOpeningHours(closed, vn('2026-11-23T10:00:00'))).toBe(false));

  it('a split day is closed between its intervals', () => {
    const split: OpeningHours = { ...closed, mon: ['07:00-11:30', '13:00-17:00'] };
    expect(isWithinOpeningHours(split, vn('2026-11-23T11:29:00'))).toBe(true);
    expect(isWithinOpeningHours(split, vn('2026-11-23T12:00:00'))).toBe(false);
    expect(isWithinOpeningHours(split, vn('2026-11-23T13:00:00'))).toBe(true);
  });
});

describe('OpeningHoursSchema', () => {
  it('normalises an en dash and sorts the day', () => {
    const r = OpeningHoursSchema.parse({ ...closed, mon: ['13:00–17:30', '07:00-11:30'] });
    expect(r.mon).toEqual(['07:00-11:30', '13:00-17:30']);
  });
  it.each([
    ['a missing day', { mon: [] }],
    ['not HH:MM', { ...closed, mon: ['7:00-11:30'] }],
    ['end before start', { ...closed, mon: ['11:30-07:00'] }],
    ['empty interval', { ...closed, mon: ['08:00-08:00'] }],
    ['25 o’clock', { ...closed, mon: ['08:00-25:00'] }],
    ['overlap', { ...closed, mon: ['07:00-12:00', '11:00-17:00'] }],
    ['five intervals', { ...closed, mon: ['01:00-02:00', '03:00-04:00', '05:00-06:00', '07:00-08:00', '09:00-10:00'] }],
    ['not an object', 'Mon–Fri'],
  ])('refuses %s with a Vietnamese message', (_name, value) => {
    const r = OpeningHoursSchema.safeParse(value);
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues[0]!.message).toMatch(/[ờôạ]/);
  });
});

describe('resolveOpeningHours (nearest first, then the default)', () => {
  const own: OpeningHours = { ...closed, mon: ['08:00-12:00'] };
  const parent: OpeningHours = { ...closed, tue: ['08:00-12:00'] };
  it.each([
    ['own hours win', [own, parent], own],
    ['null inherits from the parent', [null, parent], parent],
    ['stored as JSON text', [null, JSON.stringify(parent)], parent],
    ['an invalid stored value is skipped', [{ mon: 'x' }, parent], parent],
    ['nothing set anywhere → default', [null, null, null], DEFAULT_OPENING_HOURS],
    ['no units → default', [], DEFAULT_OPENING_HOURS],
  ])('%s', (_name, chain, want) => expect(resolveOpeningHours(chain)).toEqual(want));

  it('parseOpeningHours(null) is null (inherit)', () => expect(parseOpeningHours(null)).toBeNull());
});

describe('formatOpeningHours', () => {
  it.each([
    [DEFAULT_OPENING_HOURS, 'Thứ Hai – Thứ Sáu: 07:00–17:30; Thứ Bảy: 07:00–11:30; Chủ nhật: nghỉ'],
    [closed, 'Thứ Hai – Chủ nhật: nghỉ'],
    [
      { ...closed, mon: ['07:00-11:30', '13:00-17:00'], wed: ['07:00-11:30', '13:00-17:00'] },
      'Thứ Hai: 07:00–11:30, 13:00–17:00; Thứ Ba: nghỉ; Thứ Tư: 07:00–11:30, 13:00–17:00; Thứ Năm – Chủ nhật: nghỉ',
    ],
  ])('%#', (hours, want) => expect(formatOpeningHours(hours)).toBe(want));
});

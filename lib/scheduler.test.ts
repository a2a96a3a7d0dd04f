import { describe, expect, it } from 'vitest';
import { describeSchedule, formatDuration, nextRunAfter, type Schedule } from './scheduler';

// 2026-12-05 is a Saturday; 03:00 UTC is 10:00 in Hà Nội.
const at = (iso: string) => new Date(iso);

describe('nextRunAfter', () => {
  it.each<[Schedule, string, string]>([
    [{ kind: 'every', minutes: 1 }, '2026-12-05T03:00:00Z', '2026-12-05T03:01:00.000Z'],
    [{ kind: 'every', minutes: 60 }, '2026-12-05T03:00:30Z', '2026-12-05T04:00:30.000Z'],
    // 02:00 Hà Nội is 19:00 UTC the day before.
    [{ kind: 'daily', at: '02:00' }, '2026-12-05T03:00:00Z', '2026-12-05T19:00:00.000Z'],
    [{ kind: 'daily', at: '02:00' }, '2026-12-04T18:59:59Z', '2026-12-04T19:00:00.000Z'],
    // Exactly at the time: the next day (strictly after).
    [{ kind: 'daily', at: '02:00' }, '2026-12-04T19:00:00Z', '2026-12-05T19:00:00.000Z'],
    [{ kind: 'daily', at: '08:00' }, '2026-12-05T00:59:00Z', '2026-12-05T01:00:00.000Z'],
    // Monday 07:00 Hà Nội = Monday 00:00 UTC; from Saturday 10:00 the next is 2026-12-07.
    [{ kind: 'weekly', weekday: 1, at: '07:00' }, '2026-12-05T03:00:00Z', '2026-12-07T00:00:00.000Z'],
    // Monday 06:59 Hà Nội: today at 07:00.
    [{ kind: 'weekly', weekday: 1, at: '07:00' }, '2026-12-06T23:59:00Z', '2026-12-07T00:00:00.000Z'],
    // Monday 07:00 exactly: a week later.
    [{ kind: 'weekly', weekday: 1, at: '07:00' }, '2026-12-07T00:00:00Z', '2026-12-14T00:00:00.000Z'],
    // Sunday 23:30 UTC is already Monday 06:30 in Hà Nội.
    [{ kind: 'weekly', weekday: 7, at: '20:00' }, '2026-12-06T23:30:00Z', '2026-12-13T13:00:00.000Z'],
  ])('%j after %s → %s', (schedule, after, want) => expect(nextRunAfter(schedule, at(after)).toISOString()).toBe(want));

  it('refuses a time of day that is not one', () => {
    expect(() => nextRunAfter({ kind: 'daily', at: '24:00' }, at('2026-12-05T03:00:00Z'))).toThrow(RangeError);
  });
});

describe('describeSchedule', () => {
  it.each<[Schedule, string]>([
    [{ kind: 'every', minutes: 1 }, 'Mỗi 1 phút'],
    [{ kind: 'daily', at: '02:00' }, 'Hằng ngày lúc 02:00'],
    [{ kind: 'weekly', weekday: 1, at: '07:00' }, 'Thứ Hai hằng tuần lúc 07:00'],
    [{ kind: 'weekly', weekday: 7, at: '20:00' }, 'Chủ nhật hằng tuần lúc 20:00'],
  ])('%j → %s', (s, want) => expect(describeSchedule(s)).toBe(want));
});

describe('formatDuration', () => {
  it.each([
    [0, '0 ms'],
    [999, '999 ms'],
    [1000, '1 giây'],
    [12_400, '12,4 giây'],
    [185_000, '3 phút 5 giây'],
  ])('%d ms → %s', (ms, want) => expect(formatDuration(ms)).toBe(want));
});

import { z } from 'zod';

/**
 * An office's opening hours (docs/abuse-rules.md, "Kiosks"): per weekday a
 * list of intervals "07:00-11:30", in Asia/Ho_Chi_Minh local time. Stored as
 * JSON in `units.opening_hours`; null there means "as the unit above", and
 * the top of the tree falls back to DEFAULT_OPENING_HOURS. Pure: the instant
 * to evaluate is passed in.
 */

/** Vietnam keeps UTC+7 all year (no daylight saving), so a fixed offset is exact. */
const OFFSET_MS = 7 * 3600_000;
const DAY_MS = 24 * 3600_000;

/** Monday first, as Vietnamese calendars and forms list them. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const WEEKDAY_LABELS: Record<Weekday, string> = {
  mon: 'Thứ Hai',
  tue: 'Thứ Ba',
  wed: 'Thứ Tư',
  thu: 'Thứ Năm',
  fri: 'Thứ Sáu',
  sat: 'Thứ Bảy',
  sun: 'Chủ nhật',
};

/** Date.getUTCDay() order (Sunday = 0) → our keys. */
const BY_JS_DAY: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** At most a morning, an afternoon and two more (an evening service, a split shift). */
export const INTERVALS_PER_DAY_MAX = 4;

export type OpeningHours = Record<Weekday, string[]>;

const INTERVAL = /^([01]\d|2[0-3]):([0-5]\d)\s*[-–]\s*(([01]\d|2[0-3]):([0-5]\d)|24:00)$/;

/** "07:30" → 450; null for anything that is not HH:MM within a day ("24:00" allowed as an end). */
export function minutesOf(hhmm: string): number | null {
  const m = /^([01]\d|2[0-3]|24):([0-5]\d)$/.exec(hhmm);
  if (!m) return null;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  return minutes <= 24 * 60 ? minutes : null;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** 450 → "07:30". */
export const hhmmOf = (minutes: number) => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;

/** An interval as [from, to) minutes after local midnight, or null. */
export function parseInterval(raw: string): { from: number; to: number } | null {
  const m = INTERVAL.exec(raw.trim());
  if (!m) return null;
  const from = Number(m[1]) * 60 + Number(m[2]);
  const to = m[3] === '24:00' ? 24 * 60 : Number(m[4]) * 60 + Number(m[5]);
  return from < to ? { from, to } : null;
}

const IntervalSchema = z
  .string({ error: 'Khoảng giờ phải có dạng "07:00-11:30".' })
  .refine((s) => parseInterval(s) !== null, 'Khoảng giờ phải có dạng "07:00-11:30", giờ mở cửa trước giờ đóng cửa.')
  .transform((s) => {
    const i = parseInterval(s)!;
    return `${hhmmOf(i.from)}-${hhmmOf(i.to)}`;
  });

const DaySchema = z
  .array(IntervalSchema, { error: 'Giờ làm việc của mỗi ngày phải là một danh sách khoảng giờ.' })
  .max(INTERVALS_PER_DAY_MAX, `Mỗi ngày tối đa ${INTERVALS_PER_DAY_MAX} khoảng giờ.`)
  .transform((list) => [...list].sort())
  .refine((list) => {
    const parsed = list.map((s) => parseInterval(s)!);
    return parsed.every((x, i) => i === 0 || parsed[i - 1]!.to <= x.from);
  }, 'Các khoảng giờ trong một ngày không được chồng lên nhau.');

/** The stored form, checked: every weekday present, intervals normalised ("7:00 – 11:30" is not accepted, "07:00–11:30" is, stored "07:00-11:30"), sorted, not overlapping. */
export const OpeningHoursSchema = z.object(
  Object.fromEntries(WEEKDAYS.map((d) => [d, DaySchema])) as Record<Weekday, typeof DaySchema>,
  { error: 'Giờ làm việc không hợp lệ.' },
);

/**
 * Mon–Fri 7:00–17:30 and Saturday morning: the one-stop-shop hours most
 * provinces publish (offices open from 7:00 or 7:30, close for lunch, and
 * take files on Saturday morning). Lunch is not excluded: a citizen rating
 * at 12:00 after a morning queue is normal.
 */
export const DEFAULT_OPENING_HOURS: OpeningHours = {
  mon: ['07:00-17:30'],
  tue: ['07:00-17:30'],
  wed: ['07:00-17:30'],
  thu: ['07:00-17:30'],
  fri: ['07:00-17:30'],
  sat: ['07:00-11:30'],
  sun: [],
};

/** A stored value as opening hours, or null when it is null or not valid (then the unit inherits). */
export function parseOpeningHours(value: unknown): OpeningHours | null {
  if (value === null || value === undefined) return null;
  const parsed = OpeningHoursSchema.safeParse(typeof value === 'string' ? safeJson(value) : value);
  return parsed.success ? parsed.data : null;
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return null;
  }
}

/**
 * The hours that apply to a unit, given its own stored value and its
 * ancestors', nearest first: the first valid one, else the default.
 */
export function resolveOpeningHours(nearestFirst: readonly unknown[]): OpeningHours {
  for (const v of nearestFirst) {
    const hours = parseOpeningHours(v);
    if (hours) return hours;
  }
  return DEFAULT_OPENING_HOURS;
}

/** The weekday and minute of the day of an instant (epoch ms) in Asia/Ho_Chi_Minh. */
export function localTimeOf(instant: number): { day: Weekday; minute: number } {
  const local = instant + OFFSET_MS;
  const msOfDay = ((local % DAY_MS) + DAY_MS) % DAY_MS;
  return { day: BY_JS_DAY[new Date(local).getUTCDay()]!, minute: msOfDay / 60_000 };
}

/** True when `instant` (epoch ms or Date) falls in one of the day's intervals, start included, end excluded. */
export function isWithinOpeningHours(hours: OpeningHours, instant: number | Date): boolean {
  const { day, minute } = localTimeOf(typeof instant === 'number' ? instant : instant.getTime());
  return hours[day].some((s) => {
    const i = parseInterval(s);
    return i !== null && minute >= i.from && minute < i.to;
  });
}

const dash = (s: string) => s.replace('-', '–');

/**
 * "Thứ Hai – Thứ Sáu: 07:00–17:30; Thứ Bảy: 07:00–11:30; Chủ nhật: nghỉ":
 * consecutive days with the same hours grouped, for the admin page and docs.
 */
export function formatOpeningHours(hours: OpeningHours): string {
  const parts: string[] = [];
  let i = 0;
  while (i < WEEKDAYS.length) {
    const key = hours[WEEKDAYS[i]!].join(',');
    let j = i;
    while (j + 1 < WEEKDAYS.length && hours[WEEKDAYS[j + 1]!].join(',') === key) j++;
    const days = i === j ? WEEKDAY_LABELS[WEEKDAYS[i]!] : `${WEEKDAY_LABELS[WEEKDAYS[i]!]} – ${WEEKDAY_LABELS[WEEKDAYS[j]!]}`;
    parts.push(`${days}: ${key ? hours[WEEKDAYS[i]!].map(dash).join(', ') : 'nghỉ'}`);
    i = j + 1;
  }
  return parts.join('; ');
}

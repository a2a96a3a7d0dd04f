/**
 * When a background job (server/scheduler.ts) is next due. Times of day are
 * Vietnamese time (UTC+7, no daylight saving): "daily at 02:00" is 02:00 in
 * Hà Nội whatever the server's time zone. Pure: the caller passes the time.
 */

const OFFSET_MS = 7 * 3600_000;
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

export type Schedule =
  /** Every `minutes` minutes, counted from the end of the last run. */
  | { kind: 'every'; minutes: number }
  /** Each day at `at` ("HH:MM", Vietnamese time). */
  | { kind: 'daily'; at: string }
  /** Each week on `weekday` (1 = Monday … 7 = Sunday) at `at`. */
  | { kind: 'weekly'; weekday: number; at: string };

function minutesOf(at: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(at);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) throw new RangeError(`Not a time of day: ${at}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** The first time strictly after `after` that the schedule names. */
export function nextRunAfter(schedule: Schedule, after: Date): Date {
  const t = after.getTime();
  if (schedule.kind === 'every') return new Date(t + schedule.minutes * MINUTE_MS);
  const local = t + OFFSET_MS;
  const dayStartLocal = Math.floor(local / DAY_MS) * DAY_MS;
  const timeOfDay = minutesOf(schedule.at) * MINUTE_MS;
  let candidate = dayStartLocal + timeOfDay;
  if (schedule.kind === 'daily') {
    if (candidate <= local) candidate += DAY_MS;
    return new Date(candidate - OFFSET_MS);
  }
  // 1970-01-01 was a Thursday (4).
  const weekday = ((Math.floor(local / DAY_MS) + 3) % 7) + 1;
  candidate += ((schedule.weekday - weekday + 7) % 7) * DAY_MS;
  if (candidate <= local) candidate += 7 * DAY_MS;
  return new Date(candidate - OFFSET_MS);
}

const WEEKDAYS = ['', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật'];

/** "Mỗi 1 phút", "Hằng ngày lúc 02:00", "Thứ Hai hằng tuần lúc 07:00". */
export function describeSchedule(schedule: Schedule): string {
  if (schedule.kind === 'every') return `Mỗi ${schedule.minutes} phút`;
  if (schedule.kind === 'daily') return `Hằng ngày lúc ${schedule.at}`;
  return `${WEEKDAYS[schedule.weekday]} hằng tuần lúc ${schedule.at}`;
}

/** How long a run took, for people: "850 ms", "12,4 giây", "3 phút 5 giây". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} giây`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} phút ${s % 60} giây`;
}

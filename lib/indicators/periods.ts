/**
 * Reporting periods in Việt Nam's time: Asia/Ho_Chi_Minh is UTC+7 all year
 * with no daylight saving, so days are fixed-offset arithmetic that never
 * depends on the server's zone. A day key is "YYYY-MM-DD" in that zone; a
 * period is a whole number of such days, `from` and `to` inclusive. The clock
 * is never read here: `now` is passed in.
 */
const OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;
/** Earlier days are refused in URLs: nobody rated then, and it keeps Date.UTC off years 0–99. */
const EARLIEST_YEAR = 2000;

/** "YYYY-MM-DD", a calendar day in Asia/Ho_Chi_Minh. */
export type DayKey = string;

export const PERIOD_PRESETS = ['7-ngay', '30-ngay', 'thang-nay', 'quy-nay', 'nam-nay'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

export const PERIOD_PRESET_LABELS: Record<PeriodPreset, string> = {
  '7-ngay': '7 ngày qua',
  '30-ngay': '30 ngày qua',
  'thang-nay': 'Tháng này',
  'quy-nay': 'Quý này',
  'nam-nay': 'Năm nay',
};

export const DEFAULT_PRESET: PeriodPreset = '30-ngay';

export type Period = {
  /** The preset it came from; null for dates chosen by hand. */
  preset: PeriodPreset | null;
  from: DayKey;
  to: DayKey;
  days: number;
  /** UTC milliseconds, inclusive: 00:00 of `from` in UTC+7. */
  start: number;
  /** UTC milliseconds, exclusive: 00:00 of the day after `to` in UTC+7. */
  end: number;
};

/** Days since 1970-01-01 of a valid day key. */
function epochDay(day: DayKey): number {
  return Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / DAY_MS;
}

function dayOfEpoch(days: number): DayKey {
  return new Date(days * DAY_MS).toISOString().slice(0, 10);
}

/** The Vietnamese calendar day of an instant (UTC milliseconds or a Date). */
export function dayKeyOf(at: Date | number): DayKey {
  return dayOfEpoch(Math.floor(((typeof at === 'number' ? at : at.getTime()) + OFFSET_MS) / DAY_MS));
}

/** The text as a day key, or null unless it is a real day "YYYY-MM-DD" from 2000 on (2026-02-30 is refused). */
export function parseDayKey(text: string): DayKey | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m || Number(m[1]) < EARLIEST_YEAR) return null;
  return dayOfEpoch(epochDay(text)) === text ? text : null;
}

/**
 * "5/12/2026", "05/12/2026", "05-12-2026", "05.12.2026" or "2026-12-05" →
 * "2026-12-05"; null unless it is a real day from 2000 on (31/02/2026 is refused).
 */
export function parseDayInput(text: string): DayKey | null {
  const s = text.trim();
  const vn = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (vn) return parseDayKey(`${vn[3]}-${vn[2]!.padStart(2, '0')}-${vn[1]!.padStart(2, '0')}`);
  return parseDayKey(s);
}

/** The instant (UTC milliseconds) a Vietnamese day starts. */
export function dayStart(day: DayKey): number {
  return epochDay(day) * DAY_MS - OFFSET_MS;
}

export function addDays(day: DayKey, n: number): DayKey {
  return dayOfEpoch(epochDay(day) + n);
}

/** The period of whole days `from`..`to` (inclusive; `from` ≤ `to`). */
export function customPeriod(from: DayKey, to: DayKey, preset: PeriodPreset | null = null): Period {
  const days = epochDay(to) - epochDay(from) + 1;
  if (!(days >= 1)) throw new RangeError(`A period needs from ≤ to, got ${from}..${to}`);
  return { preset, from, to, days, start: dayStart(from), end: dayStart(to) + DAY_MS };
}

/** A preset ending today (in UTC+7): the last 7 or 30 days, or month, quarter or year to date. */
export function presetPeriod(preset: PeriodPreset, now: Date | number): Period {
  const today = dayKeyOf(now);
  const year = today.slice(0, 4);
  const month = Number(today.slice(5, 7));
  const from = {
    '7-ngay': () => addDays(today, -6),
    '30-ngay': () => addDays(today, -29),
    'thang-nay': () => `${today.slice(0, 7)}-01`,
    'quy-nay': () => `${year}-${String(month - ((month - 1) % 3)).padStart(2, '0')}-01`,
    'nam-nay': () => `${year}-01-01`,
  }[preset]();
  return customPeriod(from, today, preset);
}

/** The period of the same length that ends the day before `period` starts, for comparisons. */
export function previousPeriod(period: Period): Period {
  return customPeriod(addDays(period.from, -period.days), addDays(period.from, -1));
}

/** Every day key of the period, oldest first (to fill days without ratings in a chart). */
export function eachDay(period: Period): DayKey[] {
  return Array.from({ length: period.days }, (_, i) => addDays(period.from, i));
}

/** The URL parameters that give this period back. */
export function periodParams(period: Period): Record<string, string> {
  return period.preset ? { ky: period.preset } : { tu: period.from, den: period.to };
}

type Params = URLSearchParams | Readonly<Record<string, string | readonly string[] | undefined>>;

function param(params: Params, key: string): string | null {
  const raw = params instanceof URLSearchParams ? params.get(key) : params[key];
  const value = (typeof raw === 'string' ? raw : raw?.[0])?.trim();
  return value || null;
}

const quote = (text: string) => `“${text.length > 20 ? `${text.slice(0, 20)}…` : text}”`;
const showDay = (day: DayKey) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

/**
 * The period asked for by `?tu=…&den=…` (dd/mm/yyyy or YYYY-MM-DD; dates win) or
 * `?ky=<preset>`, days in UTC+7 relative to `now`. Never throws: anything it
 * cannot use gives the last 30 days, or a corrected period, with a Vietnamese
 * note saying what was wrong (null when nothing was).
 */
export function parsePeriod(params: Params, now: Date | number): { period: Period; note: string | null } {
  const today = dayKeyOf(now);
  const fallback = (why: string) => ({
    period: presetPeriod(DEFAULT_PRESET, now),
    note: `${why}; đang hiển thị ${PERIOD_PRESET_LABELS[DEFAULT_PRESET].toLowerCase()}.`,
  });
  const tu = param(params, 'tu');
  const den = param(params, 'den');
  if (tu || den) {
    // Typed as ngày/tháng/năm in the date fields, YYYY-MM-DD in links (lib/day-input.ts).
    const from = tu && parseDayInput(tu);
    const to = den && parseDayInput(den);
    const example = `ngày/tháng/năm, ví dụ ${showDay(today)}`;
    if (tu && !from) return fallback(`Ngày bắt đầu ${quote(tu)} không hợp lệ (cần dạng ${example})`);
    if (den && !to) return fallback(`Ngày kết thúc ${quote(den)} không hợp lệ (cần dạng ${example})`);
    let [start, end] = [from || null, to || null];
    const notes: string[] = [];
    if (start && end && start > end) {
      [start, end] = [end, start];
      notes.push('Ngày bắt đầu sau ngày kết thúc nên đã đổi chỗ hai ngày');
    }
    if (start && start > today) return fallback(`Ngày bắt đầu ${showDay(start)} còn ở tương lai`);
    if (end && end > today) {
      end = today;
      notes.push('Ngày kết thúc ở tương lai nên chỉ tính đến hôm nay');
    }
    // Only a start: until today. Only an end: the default length, ending there.
    end ??= today;
    start ??= addDays(end, -29);
    return { period: customPeriod(start, end), note: notes.length ? `${notes.join('. ')}.` : null };
  }
  const ky = param(params, 'ky');
  if (!ky) return { period: presetPeriod(DEFAULT_PRESET, now), note: null };
  const preset = PERIOD_PRESETS.find((p) => p === ky);
  return preset ? { period: presetPeriod(preset, now), note: null } : fallback(`Không có kỳ báo cáo ${quote(ky)}`);
}

/** Monday of the ISO week holding `day`. */
export function weekStart(day: DayKey): DayKey {
  const d = epochDay(day);
  // 1970-01-01 was a Thursday: (d + 3) mod 7 is 0 on Mondays.
  return dayOfEpoch(d - (((d + 3) % 7) + 7) % 7);
}

/** The ISO week of `day` as "YYYY-Www"; the year is the week's (2024-12-30 is in 2025-W01). */
export function weekKey(day: DayKey): string {
  const thursday = addDays(weekStart(day), 3);
  const year = thursday.slice(0, 4);
  const week = Math.floor((epochDay(thursday) - epochDay(`${year}-01-01`)) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** "YYYY-MM" of `day`. */
export function monthKey(day: DayKey): string {
  return day.slice(0, 7);
}

export type Bucket = 'day' | 'week' | 'month';

/** The chart bucket of a day: the day itself, "YYYY-Www" (ISO, Monday start) or "YYYY-MM"; keys sort in time order. */
export function bucketKey(day: DayKey, bucket: Bucket): string {
  return bucket === 'week' ? weekKey(day) : bucket === 'month' ? monthKey(day) : day;
}

/** "Tuần 5/2026", "Tháng 1/2026" or "27/01/2026" for a bucket key. */
export function bucketLabel(key: string): string {
  const week = /^(\d{4})-W(\d{2})$/.exec(key);
  if (week) return `Tuần ${Number(week[2])}/${week[1]}`;
  const month = /^(\d{4})-(\d{2})$/.exec(key);
  if (month) return `Tháng ${Number(month[2])}/${month[1]}`;
  return showDay(key);
}

/** The last day of the month holding `day`. */
export function monthEnd(day: DayKey): DayKey {
  const [y, m] = [Number(day.slice(0, 4)), Number(day.slice(5, 7))];
  return dayOfEpoch(Date.UTC(y, m, 1) / DAY_MS - 1);
}

/**
 * The last day to read for a range ending `to`, when nothing is dated after
 * `today`: a rating carries the time it arrived (a kiosk's tap at most that,
 * server/kiosk-sync.ts), so the days after today are empty, and a range that
 * reaches today may read its month to the end — "this month so far" as the
 * month's row, a year to date as its quarters, no daily rows at that end.
 */
export function readThrough(to: DayKey, today: DayKey): DayKey {
  return to >= today ? monthEnd(to) : to;
}

/**
 * A run of whole months ("YYYY-MM"), one half of a month ("YYYY-MM-1" for
 * days 1–15, "YYYY-MM-2" for the 16th to the end; from = to) or a run of
 * days, added (+1) or taken away (−1).
 */
export type RangePart = { kind: 'quarters' | 'months' | 'halves' | 'days'; from: string; to: string; sign: 1 | -1 };

/** The calendar quarter of a month ("YYYY-MM") or a day: "YYYY-Q1" … "YYYY-Q4". */
export function quarterKey(monthOrDay: string): string {
  return `${monthOrDay.slice(0, 4)}-Q${Math.floor((Number(monthOrDay.slice(5, 7)) - 1) / 3) + 1}`;
}

/** The month `n` months after a month ("YYYY-MM"). */
function addMonths(month: string, n: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/**
 * A split range (splitByMonths) with its run of whole months read as whole
 * quarters where it covers them and the months before and after: a year of
 * an office is then about five rows per question instead of twelve. The
 * parts' signed sum is the same range. For totals over a range
 * (listLevelCounts); a trend by month keeps its months.
 */
export function withQuarters(parts: readonly RangePart[]): RangePart[] {
  return parts.flatMap((part): RangePart[] => {
    if (part.kind !== 'months') return [part];
    const isQuarterStart = (m: string) => (Number(m.slice(5, 7)) - 1) % 3 === 0;
    let first = part.from;
    while (!isQuarterStart(first) && first <= part.to) first = addMonths(first, 1);
    // The last whole quarter ends at `last`: the month before a quarter start after it.
    let last = part.to;
    while (!isQuarterStart(addMonths(last, 1)) && last >= first) last = addMonths(last, -1);
    if (first > last) return [part];
    const out: RangePart[] = [];
    if (first > part.from) out.push({ kind: 'months', from: part.from, to: addMonths(first, -1), sign: part.sign });
    out.push({ kind: 'quarters', from: quarterKey(first), to: quarterKey(last), sign: part.sign });
    if (last < part.to) out.push({ kind: 'months', from: addMonths(last, 1), to: part.to, sign: part.sign });
    return out;
  });
}

/** The half of its month a day falls in: "YYYY-MM-1" (days 1–15) or "YYYY-MM-2". */
export function halfKey(day: DayKey): string {
  return `${day.slice(0, 7)}-${Number(day.slice(8, 10)) <= 15 ? 1 : 2}`;
}

const daysBetween = (from: DayKey, to: DayKey) => epochDay(to) - epochDay(from) + 1;

/** How to read the days a..b of a calendar span first..last (a month or a half): its row (less some days), or day by day. */
type SpanReading = { whole: boolean; days: RangePart[] };

function readSpan(first: DayKey, last: DayKey, a: DayKey, b: DayKey): SpanReading {
  const inside = daysBetween(a, b);
  const outside = daysBetween(first, last) - inside;
  if (outside >= inside) return { whole: false, days: [{ kind: 'days', from: a, to: b, sign: 1 }] };
  const days: RangePart[] = [];
  if (a > first) days.push({ kind: 'days', from: first, to: addDays(a, -1), sign: -1 });
  if (b < last) days.push({ kind: 'days', from: addDays(b, 1), to: last, sign: -1 });
  return { whole: true, days };
}

const dayRows = (days: readonly RangePart[]) => days.reduce((n, d) => n + daysBetween(d.from, d.to), 0);

/**
 * A range of days as one run of months, a few halves of months and a few
 * runs of days, so that a dashboard reads monthly rollups for most of it and
 * as few daily rows as it can. A partial month is read as the month less the
 * days it leaves out, or half by half (each half whole, less some days, or
 * day by day) — whichever reads fewer days; so no end of a range costs more
 * than about a week of daily rows (the 16th of one month to the 15th of the
 * next is two halves and no day). A range that reaches today is read to the
 * end of its month first (readThrough), so "this month so far" is one monthly row. The months read
 * are always adjacent (only the first and last month can be partial), so they
 * form a single run. The parts' signed sum is exactly the range.
 */
export function splitByMonths(from: DayKey, to: DayKey): RangePart[] {
  const halves: RangePart[] = [];
  const days: RangePart[] = [];
  let monthsFrom: string | null = null;
  let monthsTo: string | null = null;
  for (let start = from; start <= to; start = addDays(monthEnd(start), 1)) {
    const first = `${start.slice(0, 7)}-01`;
    const last = monthEnd(start);
    const end = last < to ? last : to;
    const byMonth = readSpan(first, last, start, end);
    const byHalves = [
      [first, addDays(first, 14)],
      [addDays(first, 15), last],
    ]
      .filter(([hFirst, hLast]) => hFirst! <= end && hLast! >= start)
      .map(([hFirst, hLast]) => ({ key: halfKey(hFirst!), ...readSpan(hFirst!, hLast!, start > hFirst! ? start : hFirst!, end < hLast! ? end : hLast!) }));
    if (dayRows(byHalves.flatMap((h) => h.days)) < dayRows(byMonth.days)) {
      for (const h of byHalves) {
        if (h.whole) halves.push({ kind: 'halves', from: h.key, to: h.key, sign: 1 });
        days.push(...h.days);
      }
    } else {
      if (byMonth.whole) {
        monthsFrom ??= monthKey(start);
        monthsTo = monthKey(start);
      }
      days.push(...byMonth.days);
    }
  }
  const months: RangePart[] = monthsFrom && monthsTo ? [{ kind: 'months', from: monthsFrom, to: monthsTo, sign: 1 }] : [];
  return [...months, ...halves, ...days];
}

/**
 * A range of days for tables kept only per day and per month (the
 * per-official rollups, docs/decisions/023): the whole months inside it as
 * one run of months, and the days of the partial months at its edges as at
 * most two runs of days, all added. Reads at most two months of day rows,
 * whatever the length of the range.
 */
export function splitWholeMonths(from: DayKey, to: DayKey): RangePart[] {
  const firstWhole = from.endsWith('-01') ? from : addDays(monthEnd(from), 1);
  const lastWhole = monthEnd(to) === to ? to : addDays(`${to.slice(0, 7)}-01`, -1);
  if (firstWhole > lastWhole) return [{ kind: 'days', from, to, sign: 1 }];
  const parts: RangePart[] = [{ kind: 'months', from: monthKey(firstWhole), to: monthKey(lastWhole), sign: 1 }];
  if (from < firstWhole) parts.push({ kind: 'days', from, to: addDays(firstWhole, -1), sign: 1 });
  if (lastWhole < to) parts.push({ kind: 'days', from: addDays(lastWhole, 1), to, sign: 1 });
  return parts;
}

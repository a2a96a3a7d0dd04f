/**
 * Dates are stored in UTC and always shown in Vietnam's time (conventions.md
 * rule 6). Vietnam keeps UTC+7 all year, with no daylight saving.
 */
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

const DATE_TIME = new Intl.DateTimeFormat('vi-VN', {
  timeZone: TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

const DATE = new Intl.DateTimeFormat('vi-VN', { timeZone: TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric' });

type DateInput = Date | number | string | null | undefined;

function toDate(value: DateInput): Date | null {
  if (value == null || value === '') return null;
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

function partsOf(format: Intl.DateTimeFormat, date: Date): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of format.formatToParts(date)) out[p.type] = p.value;
  return out;
}

/**
 * "27/11/2026 09:05" in Asia/Ho_Chi_Minh, or "—" for no date. Assembled from
 * parts rather than taken whole from ICU, whose vi-VN order ("09:05
 * 27/11/2026") and separators vary between Node releases.
 */
export function formatDateTime(date: DateInput): string {
  const d = toDate(date);
  if (!d) return '—';
  const p = partsOf(DATE_TIME, d);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

/** "27/11/2026" in Asia/Ho_Chi_Minh, or "—" for no date. */
export function formatDate(date: DateInput): string {
  const d = toDate(date);
  if (!d) return '—';
  const p = partsOf(DATE, d);
  return `${p.day}/${p.month}/${p.year}`;
}

/** The date as "YYYY-MM-DD" in Asia/Ho_Chi_Minh (for date inputs and URLs). */
export function toIsoDay(date: Date): string {
  const p = partsOf(DATE, date);
  return `${p.year}-${p.month}-${p.day}`;
}

/**
 * The instant a Vietnamese calendar day ("YYYY-MM-DD") starts, or null when
 * the text is not a real date (2026-02-30 is refused, not rolled over).
 */
export function startOfVietnamDay(isoDay: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const utc = new Date(Date.UTC(y, mo - 1, d));
  if (utc.getUTCFullYear() !== y || utc.getUTCMonth() !== mo - 1 || utc.getUTCDate() !== d) return null;
  return new Date(utc.getTime() - 7 * 3_600_000);
}

const COUNT = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });
const ONE_DECIMAL = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const SIGNED_ONE_DECIMAL = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' });

/** "1.234" (vi-VN grouping). */
export function formatCount(n: number): string {
  return COUNT.format(n);
}

/** A share 0..1 as "87,5 %", or "—" when there is none. */
export function formatPercent(share: number | null | undefined): string {
  return share == null || !Number.isFinite(share) ? '—' : `${ONE_DECIMAL.format(share * 100)} %`;
}

/** A change in percentage points, "+1,2 điểm %" / "−0,4 điểm %" / "0,0 điểm %"; "—" when unknown. */
export function formatPointChange(points: number | null | undefined): string {
  if (points == null || !Number.isFinite(points)) return '—';
  return `${SIGNED_ONE_DECIMAL.format(Math.round(points * 10) / 10).replace('-', '−')} điểm %`;
}

/** A number with one decimal, "4,3". */
export function formatDecimal(n: number | null | undefined): string {
  return n == null || !Number.isFinite(n) ? '—' : ONE_DECIMAL.format(n);
}

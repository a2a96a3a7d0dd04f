/**
 * What a publication is made of (docs/decisions/028): the period it covers
 * ("2026-Q3" or "2026"), and the figures frozen for each office and for the
 * province. Pure: the clock, the rollups and the database are passed in.
 *
 * A figure keeps n, the satisfied count and the Wilson bounds (×10000, null
 * under the minimum sample: "Chưa đủ dữ liệu"); the rate shown is
 * satisfied ÷ n, so the page, the CSV and the JSON print one number from the
 * same two integers.
 */
import type { Lang } from '@/lib/i18n';
import { totalAnswers } from '@/lib/indicators/counts';
import type { AspectIndicator } from '@/lib/indicators/indicator';
import { satisfiedCount } from '@/lib/indicators/rates';
import { aspectCounts, type Summary } from '@/lib/indicators/summary';

export type PublicationKind = 'quarter' | 'year';

export type PeriodKey =
  | { kind: 'quarter'; key: string; year: number; quarter: 1 | 2 | 3 | 4 }
  | { kind: 'year'; key: string; year: number };

/** Years a publication may cover: ratings exist only from 2000 on, and a URL must not ask for year 0. */
export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2100;

/** "2026-Q3" or "2026" as a period, or null for anything else (a press URL with a typo is a 404, never a guess). */
export function parsePeriodKey(text: string): PeriodKey | null {
  const q = /^(\d{4})-Q([1-4])$/.exec(text);
  const y = /^(\d{4})$/.exec(text);
  const year = Number((q ?? y)?.[1]);
  if (!(year >= FIRST_YEAR && year <= LAST_YEAR)) return null;
  if (q) return { kind: 'quarter', key: text, year, quarter: Number(q[2]) as 1 | 2 | 3 | 4 };
  return { kind: 'year', key: text, year };
}

export function quarterPeriod(year: number, quarter: 1 | 2 | 3 | 4): PeriodKey {
  return { kind: 'quarter', key: `${year}-Q${quarter}`, year, quarter };
}

export function yearPeriodKey(year: number): PeriodKey {
  return { kind: 'year', key: String(year), year };
}

const pad = (n: number) => String(n).padStart(2, '0');
const LAST_DAY = [31, 30, 30, 31] as const;

/** The first and last local days (Asia/Ho_Chi_Minh, inclusive) a period covers. */
export function periodDays(p: PeriodKey): { from: string; to: string } {
  if (p.kind === 'year') return { from: `${p.year}-01-01`, to: `${p.year}-12-31` };
  const first = (p.quarter - 1) * 3 + 1;
  return { from: `${p.year}-${pad(first)}-01`, to: `${p.year}-${pad(first + 2)}-${LAST_DAY[p.quarter - 1]}` };
}

/** Whether the period's last day is over on `today` (a local day "YYYY-MM-DD"): only then may it be published. */
export function periodEnded(p: PeriodKey, today: string): boolean {
  return periodDays(p).to < today;
}

const ROMAN = ['I', 'II', 'III', 'IV'] as const;

/** "Quý III/2026", "Năm 2026"; in English "Q3 2026", "Year 2026". */
export function periodLabel(p: PeriodKey, lang: Lang = 'vi'): string {
  if (p.kind === 'year') return lang === 'en' ? `Year ${p.year}` : `Năm ${p.year}`;
  return lang === 'en' ? `Q${p.quarter} ${p.year}` : `Quý ${ROMAN[p.quarter - 1]}/${p.year}`;
}

/** The frozen numbers of one office (or of the province) in a publication. */
export type FigureNumbers = {
  respondents: number;
  satisfied: number;
  /** Wilson bounds ×10000; null under the minimum sample. */
  lowX10000: number | null;
  highX10000: number | null;
};

export type PublishedFigure = FigureNumbers & {
  unitId: number;
  name: string;
  code: string | null;
  rank: number | null;
  /** A year's finalised evaluation: total ×100 and class; null for a quarter. */
  totalX100: number | null;
  finalClass: string | null;
};

/**
 * The numbers to freeze from an office's summary (lib/indicators/summary.ts):
 * the headline (overall question) respondents, how many of them were
 * satisfied, and the interval only when the minimum sample is met. An aspect
 * pooling several questions has more answers than respondents: its satisfied
 * count is scaled to the respondents, as its interval is (indicator.ts).
 */
export function figureNumbersOf(summary: Summary | undefined): FigureNumbers {
  const h: AspectIndicator | null | undefined = summary?.headline;
  if (!summary || !h) return { respondents: 0, satisfied: 0, lowX10000: null, highX10000: null };
  const pooled = aspectCounts(summary, h);
  const answers = totalAnswers(pooled);
  const satisfied = answers === h.n ? satisfiedCount(pooled) : answers ? Math.round((satisfiedCount(pooled) * h.n) / answers) : 0;
  const enough = h.enoughData && h.low !== null && h.high !== null;
  return {
    respondents: h.n,
    satisfied,
    lowX10000: enough ? Math.round(h.low! * 10_000) : null,
    highX10000: enough ? Math.round(h.high! * 10_000) : null,
  };
}

/** What may be shown of a figure: under the minimum sample only n ("Chưa đủ dữ liệu"). */
export type PublicRate = { enoughData: true; rate: number; low: number; high: number } | { enoughData: false; rate: null; low: null; high: null };

export function publicRate(f: FigureNumbers): PublicRate {
  if (f.lowX10000 === null || f.highX10000 === null || f.respondents <= 0) return { enoughData: false, rate: null, low: null, high: null };
  return { enoughData: true, rate: f.satisfied / f.respondents, low: f.lowX10000 / 10_000, high: f.highX10000 / 10_000 };
}

const byName = new Intl.Collator('vi', { numeric: true, sensitivity: 'base' });

/** Ranked offices first (1, 2, 2, 4 …), then those without a rank, by name: the order of every public list. */
export function orderFigures<T extends Pick<PublishedFigure, 'rank' | 'name'>>(figures: readonly T[]): T[] {
  return [...figures].sort((a, b) => {
    if (a.rank !== null && b.rank !== null) return a.rank - b.rank || byName.compare(a.name, b.name);
    if (a.rank !== null || b.rank !== null) return a.rank !== null ? -1 : 1;
    return byName.compare(a.name, b.name);
  });
}

const NUMBERS: Record<Lang, { one: Intl.NumberFormat; count: Intl.NumberFormat }> = {
  vi: { one: new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 }), count: new Intl.NumberFormat('vi-VN') },
  en: { one: new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 }), count: new Intl.NumberFormat('en-GB') },
};

/** "92,4 %" (vi) or "92.4 %" (en). */
export function formatShare(share: number, lang: Lang = 'vi'): string {
  return `${NUMBERS[lang].one.format(share * 100)} %`;
}

/** "1.234" (vi) or "1,234" (en). */
export function formatNumber(n: number, lang: Lang = 'vi'): string {
  return NUMBERS[lang].count.format(n);
}

/** A total ×100 as points with one or two decimals: "87,5" / "87.5". */
export function formatTotal(totalX100: number, lang: Lang = 'vi'): string {
  return new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'vi-VN', { maximumFractionDigits: 2 }).format(totalX100 / 100);
}

export const NOT_ENOUGH_DATA_TEXT: Record<Lang, string> = { vi: 'Chưa đủ dữ liệu', en: 'Not enough data' };

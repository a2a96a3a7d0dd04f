/**
 * Counts of answers at each level of the five-level scale (domain.md §3).
 *
 * A **valid answer** — the one definition every indicator uses (domain.md §5) —
 * is an integer score 1..5 given to a scale question by a response that is not
 * excluded. A response is excluded when it carries an abuse flag
 * (lib/abuse.ts: device_repeat, network_burst, kiosk_burst, staff_device):
 * flagged responses are kept in the database but left out of indicators unless
 * `includeFlagged` is set, and the dashboard says how many were left out and
 * why. Any other score (null from a choice row, 0, 6, 2.5) is not an answer.
 */
import { ABUSE_FLAGS, type AbuseFlag } from '@/lib/abuse';
import { isScaleValue, type ScaleValue } from '@/lib/survey/scale';

/** Answers per level; a missing level counts as 0. */
export type ScoreCounts = Readonly<Partial<Record<ScaleValue, number>>>;

/** One row of a grouped query or rollup: `n` answers at `score` from responses flagged `flags` (or just `excluded`). */
export type ScoreRow = {
  score: number | null;
  n: number;
  /** As stored on the response: comma-separated, or a list; empty or null means not flagged. */
  flags?: string | readonly string[] | null;
  /** For rows that carry no flags, only whether they were flagged (rollups keep the flags apart: see countByFlag). */
  excluded?: boolean | 0 | 1;
};

/** Why answers were left out; a flag outside lib/abuse.ts is reported as `other`. */
export type ExclusionReason = AbuseFlag | 'other';

/** Counts answers, not responses: to say how many responses were excluded, tally a required question (every response answers it). */
export type Tally = {
  counts: Record<ScaleValue, number>;
  excluded: {
    /** Answers left out (each once, however many flags its response carried). */
    total: number;
    /** Answers left out per flag, from rows that carry their flags; a response with two flags counts under both. */
    byFlag: Record<ExclusionReason, number>;
  };
  /** Rows that were not answers on the scale (see the module header). */
  invalid: number;
};

export const LEVELS: readonly ScaleValue[] = [1, 2, 3, 4, 5];

export function emptyCounts(): Record<ScaleValue, number> {
  return { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
}

function checkCount(n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`A count must be a whole number ≥ 0, got ${n}`);
}

/** A copy of `counts` with `n` more answers at `score`. */
export function addScore(counts: ScoreCounts, score: ScaleValue, n = 1): Record<ScaleValue, number> {
  checkCount(n);
  const out = mergeCounts(counts);
  out[score] += n;
  return out;
}

export function mergeCounts(...all: readonly ScoreCounts[]): Record<ScaleValue, number> {
  const out = emptyCounts();
  for (const c of all) for (const level of LEVELS) out[level] += c[level] ?? 0;
  return out;
}

export function totalAnswers(counts: ScoreCounts): number {
  let total = 0;
  for (const level of LEVELS) total += counts[level] ?? 0;
  return total;
}

function flagsOf(flags: ScoreRow['flags']): ExclusionReason[] {
  if (!flags) return [];
  const list = typeof flags === 'string' ? flags.split(',') : flags;
  const reasons = new Set<ExclusionReason>();
  for (const raw of list) {
    const flag = raw.trim();
    if (flag) reasons.add((ABUSE_FLAGS as readonly string[]).includes(flag) ? (flag as AbuseFlag) : 'other');
  }
  return [...reasons];
}

function noReasons(): Record<ExclusionReason, number> {
  return { device_repeat: 0, network_burst: 0, kiosk_burst: 0, staff_device: 0, outside_hours: 0, kiosk_daily_cap: 0, other: 0 };
}

/** Flagged responses per reason from rows `{ flag, n }` (the flag rollup): the "why" beside rollup score rows. */
export function countByFlag(rows: readonly { flag: string; n: number }[]): Record<ExclusionReason, number> {
  const out = noReasons();
  for (const row of rows) {
    checkCount(row.n);
    for (const reason of flagsOf([row.flag])) out[reason] += row.n;
  }
  return out;
}

/** Valid answers per level from query or rollup rows, with what was excluded and why. */
export function tallyAnswers(rows: readonly ScoreRow[], { includeFlagged = false }: { includeFlagged?: boolean } = {}): Tally {
  const counts = emptyCounts();
  const byFlag = noReasons();
  let excluded = 0;
  let invalid = 0;
  for (const row of rows) {
    checkCount(row.n);
    if (row.score === null || !isScaleValue(row.score)) {
      invalid += row.n;
      continue;
    }
    const reasons = flagsOf(row.flags);
    if (!includeFlagged && (reasons.length || row.excluded)) {
      excluded += row.n;
      for (const r of reasons) byFlag[r] += row.n;
      continue;
    }
    counts[row.score] += row.n;
  }
  return { counts, excluded: { total: excluded, byFlag }, invalid };
}

/** Why a rating was left out, as dashboards and reports say it (docs/abuse-rules.md). */
export const EXCLUSION_LABELS: Record<ExclusionReason, string> = {
  device_repeat: 'Đánh giá lặp lại từ cùng một thiết bị',
  network_burst: 'Dồn dập từ cùng một mạng',
  kiosk_burst: 'Dồn dập tại máy kiosk',
  staff_device: 'Từ thiết bị của cán bộ',
  outside_hours: 'Tại máy kiosk ngoài giờ làm việc',
  kiosk_daily_cap: 'Vượt số đánh giá tối đa một ngày của máy kiosk',
  other: 'Lý do khác',
};

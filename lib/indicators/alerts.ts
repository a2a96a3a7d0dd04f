/**
 * Follow-up alerts (domain.md §5: dissatisfaction drives follow-up). The rule
 * "three ratings of 1–2 within an hour", generalised: `count` low ratings
 * whose first and last are less than `windowMs` apart. Times are UTC
 * milliseconds of the low ratings only; the caller picks which ratings count.
 */
/** A rating with a scale answer at or below this is a low rating (the alert rule, the badge): "Không hài lòng" or worse. */
export const DISSATISFIED_MAX = 2;

export type BurstRule = { count: number; windowMs: number };
export const DEFAULT_BURST_RULE: Readonly<BurstRule> = { count: 3, windowMs: 3_600_000 };

/** One alert: a run of overlapping triggering windows, merged so one burst raises one alert. */
export type Burst = {
  /** Time of the first low rating in the burst. */
  start: number;
  /** Time of the last low rating in the burst. */
  end: number;
  /** Low ratings from `start` to `end`. */
  count: number;
  /** When the rule first held: the time of the `count`-th rating, when an alert would go out. */
  triggeredAt: number;
};

/** The bursts among `times` (any order), oldest first; empty when the rule never holds. */
export function lowRatingBurst(times: readonly number[], rule: Partial<BurstRule> = {}): Burst[] {
  const { count, windowMs } = { ...DEFAULT_BURST_RULE, ...rule };
  if (!Number.isInteger(count) || count < 1 || !(windowMs > 0)) {
    throw new RangeError(`A burst needs a whole count ≥ 1 and a window > 0, got ${count} in ${windowMs} ms`);
  }
  const sorted = times.filter(Number.isFinite).sort((a, b) => a - b);
  // Index ranges [first, last] into `sorted`; windows that share a rating are one burst.
  const runs: { first: number; last: number; triggeredAt: number }[] = [];
  for (let i = 0; i + count - 1 < sorted.length; i++) {
    const last = i + count - 1;
    if (sorted[last]! - sorted[i]! >= windowMs) continue;
    const run = runs.at(-1);
    if (run && i <= run.last) run.last = last;
    else runs.push({ first: i, last, triggeredAt: sorted[last]! });
  }
  return runs.map((r) => ({ start: sorted[r.first]!, end: sorted[r.last]!, count: r.last - r.first + 1, triggeredAt: r.triggeredAt }));
}

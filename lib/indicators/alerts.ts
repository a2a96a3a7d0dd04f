/**
 * Follow-up alerts (domain.md §5: dissatisfaction drives follow-up). The rule
 * "three ratings of 1–2 within an hour", generalised: `count` low ratings
 * whose first and last are less than `windowMs` apart. Times are UTC
 * milliseconds of the low ratings only; the caller picks which ratings count.
 */
/** A rating with a scale answer at or below this is a low rating (the alert rule, the badge): "Không hài lòng" or worse. */
export const DISSATISFIED_MAX = 2;

/**
 * The lowest 1–5 score of a rating that counts as a low rating (one answer at
 * or below DISSATISFIED_MAX), else null. An excluded rating never counts.
 */
export function lowRatingScore(answers: readonly { score: number | null }[], excluded: boolean): number | null {
  if (excluded) return null;
  let min = Infinity;
  for (const a of answers) if (a.score !== null && a.score >= 1 && a.score <= 5) min = Math.min(min, a.score);
  return min <= DISSATISFIED_MAX ? min : null;
}

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

/** An alert of the office as the detection sees it (epoch ms). */
export type AlertFact = { id: number; startAt: number; endAt: number; lowCount: number; acknowledgedAt: number | null };

/** What storing one low rating does to the office's alerts. */
export type AlertDecision =
  | { action: 'none' }
  | { action: 'create'; burst: Burst }
  /**
   * Grow alert `alertId` to [start, end]; its low_count becomes `base` plus
   * the low ratings between `countFrom` and `countTo` (inclusive), which the
   * caller counts: an alert growing in time order only counts what it did not cover yet.
   */
  | { action: 'extend'; alertId: number; start: number; end: number; base: number; countFrom: number; countTo: number };

/**
 * The alert an overlapping burst belongs to: an acknowledged one first (it
 * decides which ratings are left to count), else the latest open one.
 * `since` skips alerts that began before an acknowledgement.
 */
function overlapping(alerts: readonly AlertFact[], start: number, end: number, since: number): AlertFact | undefined {
  return alerts
    .filter((a) => a.endAt >= start && a.startAt <= end && a.startAt > since)
    .sort((a, b) => Number(a.acknowledgedAt === null) - Number(b.acknowledgedAt === null) || b.endAt - a.endAt || b.id - a.id)[0];
}

/**
 * Whether the rule holds through the `count` latest low ratings up to `at`
 * (`latest`, newest first): for a rating later than every other in its
 * window, the only way it can be part of a burst.
 */
export function burstEndsAt(latest: readonly number[], at: number, rule: BurstRule): boolean {
  const first = latest.at(-1);
  return latest.length >= rule.count && first !== undefined && at - first < rule.windowMs;
}

/**
 * The usual case, decided from a few index rows: a low rating at `at` later
 * than every other low rating within a window (`laterInWindow` false). The
 * rule holds at `at` only through the `count` latest low ratings up to it
 * (`latest`, newest first, `at` included), and the open alert they overlap
 * grows by this one. Returns undefined when `decideAlert` must decide (a late
 * arrival, an acknowledgement nearby, or no open alert to extend).
 * `alerts`: the office's alerts ending at or after `at - windowMs`.
 */
export function decideInOrder(f: {
  at: number;
  rule: BurstRule;
  laterInWindow: boolean;
  latest: readonly number[];
  alerts: readonly AlertFact[];
}): AlertDecision | undefined {
  const { at, rule } = f;
  if (f.laterInWindow) return undefined;
  const first = f.latest.at(-1)!;
  if (!burstEndsAt(f.latest, at, rule)) return { action: 'none' };
  if (f.alerts.some((a) => a.acknowledgedAt !== null && a.endAt >= at - rule.windowMs)) return undefined;
  const hit = overlapping(f.alerts, first, at, Number.MIN_SAFE_INTEGER);
  if (!hit || hit.acknowledgedAt !== null) return undefined;
  const start = Math.min(hit.startAt, first);
  const end = Math.max(hit.endAt, at);
  // Counted only over what the alert did not cover yet: the rest is in low_count already.
  if (start === hit.startAt) return { action: 'extend', alertId: hit.id, start, end, base: hit.lowCount, countFrom: hit.endAt + 1, countTo: end };
  return { action: 'extend', alertId: hit.id, start, end, base: 0, countFrom: start, countTo: end };
}

/**
 * A late arrival inside an open alert, decided without reading every low
 * rating around it: when `at` lies within the span of the office's one open
 * alert near it (and no acknowledged one is near), the rating is part of what
 * that alert reports, and the alert's count is taken again over its span.
 * Under a steady stream of low ratings at one office, the ratings committed
 * before this one (later in time, since transactions end in any order) have
 * grown the alert past `at` already; the general case would read the whole
 * window either side to reach the same decision. Returns undefined otherwise.
 * `alerts`: the office's alerts ending at or after `at - windowMs`.
 */
export function decideWithinOpenAlert(f: { at: number; rule: BurstRule; alerts: readonly AlertFact[] }): AlertDecision | undefined {
  const { at, rule } = f;
  const near = f.alerts.filter((a) => a.endAt >= at - rule.windowMs && a.startAt <= at + rule.windowMs);
  const hit = near[0];
  if (near.length !== 1 || !hit || hit.acknowledgedAt !== null || at < hit.startAt || at > hit.endAt) return undefined;
  return { action: 'extend', alertId: hit.id, start: hit.startAt, end: hit.endAt, base: 0, countFrom: hit.startAt, countTo: hit.endAt };
}

/**
 * The general case: `times` are the office's low ratings within a window
 * either side of `at` (`at` included), `alerts` those overlapping that span.
 * One burst is one alert, whatever order its ratings arrive in: a burst
 * overlapping an open alert extends it, else it raises a new one. An
 * acknowledged alert is closed: its note answered what had happened. Low
 * ratings after the acknowledgement raise a new alert only if they meet the
 * rule on their own; a rating given before it is part of what was acknowledged.
 */
export function decideAlert(f: { at: number; rule: BurstRule; times: readonly number[]; alerts: readonly AlertFact[] }): AlertDecision {
  const { at, rule } = f;
  let since = Number.MIN_SAFE_INTEGER;
  for (;;) {
    const burst = lowRatingBurst(
      f.times.filter((t) => t > since),
      rule,
    ).find((b) => b.start <= at && at <= b.end);
    if (!burst) return { action: 'none' };
    const hit = overlapping(f.alerts, burst.start, burst.end, since);
    if (!hit) return { action: 'create', burst };
    if (hit.acknowledgedAt === null) {
      const start = Math.min(hit.startAt, burst.start);
      const end = Math.max(hit.endAt, burst.end);
      return { action: 'extend', alertId: hit.id, start, end, base: 0, countFrom: start, countTo: end };
    }
    if (at <= hit.acknowledgedAt || hit.acknowledgedAt <= since) return { action: 'none' };
    since = hit.acknowledgedAt;
  }
}

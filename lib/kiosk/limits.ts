import type { AbuseFlag } from '@/lib/abuse';
import { isWithinOpeningHours, type OpeningHours } from '@/lib/opening-hours';
import { flagKioskBursts } from './burst';

/**
 * The limits on what a kiosk credential can put into the indicators
 * (docs/abuse-rules.md, "Kiosks"). A stolen device cookie lets anyone post
 * batches, so: ratings tapped outside the office's opening hours and those
 * beyond a daily number per kiosk are stored (nothing a citizen said is
 * thrown away) but flagged and left out of the indicators, and batch
 * requests are rate limited. Pure: counts and times come from the caller.
 */

/** Vietnam keeps UTC+7 all year. */
const OFFSET_MS = 7 * 3600_000;
const DAY_MS = 24 * 3600_000;

/** The default of KIOSK_DAILY_LIMIT: a busy one-stop counter serves a few hundred citizens a day. */
export const KIOSK_DAILY_LIMIT_DEFAULT = 600;

/**
 * Batch requests per kiosk credential: the tablet sends at most one every few
 * seconds (and backs off after a failure), so 30 a minute is never reached
 * by a working kiosk.
 */
export const KIOSK_BATCH_THROTTLE = { windowMs: 60_000, max: 30 } as const;

/** Start (epoch ms) of the Asia/Ho_Chi_Minh calendar day containing `t`. */
export function vietnamDayStart(t: number): number {
  return Math.floor((t + OFFSET_MS) / DAY_MS) * DAY_MS - OFFSET_MS;
}

/**
 * For each new tap time, whether it is beyond the daily cap: the kiosk
 * already has `limit` ratings tapped on that calendar day (Asia/Ho_Chi_Minh),
 * counting those stored before (`storedPerDay`, keyed by vietnamDayStart) and
 * the earlier new ones in tap order. Flagged ratings count too.
 */
export function flagDailyCap(storedPerDay: ReadonlyMap<number, number>, newTaps: readonly number[], limit: number): boolean[] {
  const counts = new Map(storedPerDay);
  const order = newTaps.map((t, i) => ({ t, i })).sort((a, b) => a.t - b.t || a.i - b.i);
  const flags = newTaps.map(() => false);
  for (const { t, i } of order) {
    const day = vietnamDayStart(t);
    const n = counts.get(day) ?? 0;
    if (n >= limit) flags[i] = true;
    counts.set(day, n + 1);
  }
  return flags;
}

export type KioskFlag = Extract<AbuseFlag, 'kiosk_burst' | 'outside_hours' | 'kiosk_daily_cap'>;

export type KioskFlagInput = {
  /** Tap times (epoch ms) of the ratings about to be stored, in batch order. */
  taps: readonly number[];
  /** Tap times of the kiosk's stored ratings in the burst window before the earliest new tap. */
  storedBurstTaps: readonly number[];
  /** The kiosk's stored ratings per Vietnamese day, for the days of the new taps. */
  storedPerDay: ReadonlyMap<number, number>;
  hours: OpeningHours;
  dailyLimit: number;
};

/** The flags of each new rating of a kiosk batch, in batch order (empty when it counts). */
export function decideKioskFlags(input: KioskFlagInput): KioskFlag[][] {
  const bursts = flagKioskBursts(input.storedBurstTaps, input.taps);
  const capped = flagDailyCap(input.storedPerDay, input.taps, input.dailyLimit);
  return input.taps.map((t, i) => {
    const flags: KioskFlag[] = [];
    if (bursts[i]) flags.push('kiosk_burst');
    if (!isWithinOpeningHours(input.hours, t)) flags.push('outside_hours');
    if (capped[i]) flags.push('kiosk_daily_cap');
    return flags;
  });
}

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterS: number };

/**
 * Whether one more request is allowed given the times (epoch ms) of the
 * requests already counted in the window; when not, how long until the
 * oldest of them leaves the window (whole seconds, at least 1).
 */
export function decideThrottle(recent: readonly number[], now: number, rule: { windowMs: number; max: number }): ThrottleDecision {
  const inWindow = recent.filter((t) => t > now - rule.windowMs).sort((a, b) => a - b);
  if (inWindow.length < rule.max) return { allowed: true };
  // The request that frees a slot is the (n - max + 1)th oldest.
  const freeing = inWindow[inWindow.length - rule.max]!;
  return { allowed: false, retryAfterS: Math.max(1, Math.ceil((freeing + rule.windowMs - now) / 1000)) };
}

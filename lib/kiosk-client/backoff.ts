/** First retry after about a second, doubling, never more than a minute apart. */
export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_CAP_MS = 60_000;

/**
 * Delay before retry number `attempt` (1 = the first retry after a failure):
 * exponential up to the cap, with "equal jitter" — half of it fixed, half
 * random — so a room of kiosks that lost the same Wi-Fi does not come back in
 * lockstep, and no retry follows its failure immediately.
 * `random` is a number in [0, 1) (Math.random in the app, fixed in tests).
 */
export function backoffDelayMs(attempt: number, random: number, base = BACKOFF_BASE_MS, cap = BACKOFF_CAP_MS): number {
  const n = Math.max(1, Math.floor(attempt));
  // 2 ** 30 already exceeds any cap; stop the exponent growing without bound.
  const ceiling = Math.min(cap, base * 2 ** Math.min(n - 1, 30));
  const r = Math.min(Math.max(random, 0), 1);
  return Math.round(ceiling / 2 + (r * ceiling) / 2);
}

/** Honours a server's Retry-After (seconds) when it asks for longer than our own schedule, up to the cap. */
export function retryAfterMs(header: string | null, fallbackMs: number, cap = BACKOFF_CAP_MS): number {
  const seconds = header === null ? NaN : Number(header);
  if (!Number.isFinite(seconds) || seconds <= 0) return fallbackMs;
  return Math.min(cap, Math.max(fallbackMs, Math.round(seconds * 1000)));
}

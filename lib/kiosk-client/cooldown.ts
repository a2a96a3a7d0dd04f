/**
 * The press guard of a smiley terminal: while it is active every press is
 * ignored and pushes its end to `now + windowMs`, so mashing a face yields
 * one rating however long the mashing lasts. Pure: the caller keeps `until`.
 */
export function pressGuard(until: number, now: number, windowMs: number): { accepted: boolean; until: number } {
  if (now < until) return { accepted: false, until: Math.max(until, now + windowMs) };
  return { accepted: true, until };
}

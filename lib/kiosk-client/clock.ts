/**
 * The tablet's clock against the server's. The server refuses taps more
 * than 2 minutes in the future or older than 30 days (docs/kiosk-protocol.md),
 * so a tablet whose clock is clearly wrong — set ahead by hand, or reset to
 * a year long past after its battery ran flat — would see every rating
 * rejected. Each contact measures `server − device`; a rating keeps the
 * offset known when it was tapped, and is sent corrected when that offset
 * shows a clearly wrong clock.
 */

/** Device ahead of the server by more than this: corrected (the server's own bound is 2 minutes). */
export const AHEAD_LIMIT_MS = 60_000;
/** Device behind by more than this: corrected. Smaller drifts are left alone: the tap time stays the device's. */
export const BEHIND_LIMIT_MS = 60 * 60_000;

/**
 * `server − device` in ms from one request: the server's time is taken to be
 * the middle of the round trip. Null when the server sent no usable time.
 */
export function measureClockOffset(serverTime: unknown, sentAt: number, receivedAt: number): number | null {
  if (typeof serverTime !== 'number' || !Number.isFinite(serverTime) || serverTime <= 0) return null;
  return Math.round(serverTime - (sentAt + receivedAt) / 2);
}

/** The tap time to send: the device's, unless the offset known at the tap shows a clearly wrong clock. */
export function correctedTapTime(tappedAt: number, offsetAtTap: number | null | undefined): number {
  if (offsetAtTap === null || offsetAtTap === undefined || !Number.isFinite(offsetAtTap)) return tappedAt;
  if (offsetAtTap < -AHEAD_LIMIT_MS || offsetAtTap > BEHIND_LIMIT_MS) return tappedAt + offsetAtTap;
  return tappedAt;
}

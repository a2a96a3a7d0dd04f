import { isWithinOpeningHours, localTimeOf, parseInterval, type OpeningHours } from '@/lib/opening-hours';

/**
 * Whether a kiosk looks unplugged, for the fleet view (issue 5, domain.md §8:
 * "kiosks left unplugged"). Only the office's opening hours count (its own,
 * else the nearest ancestor's, else the default: lib/opening-hours.ts, the
 * same hours its ratings are checked against): a kiosk switched off while
 * the office is closed is not a problem, one that has been silent for half
 * an hour while it is open is. Public holidays are not known here and count
 * as working days.
 */

/** Vietnam keeps UTC+7 all year (lib/format.ts). */
const OFFSET_MS = 7 * 3600_000;
const DAY_MS = 24 * 3600_000;
/** Silence longer than this, counted in opening hours only, means "looks unplugged". */
export const UNPLUGGED_AFTER_MS = 30 * 60_000;

const ms = (d: Date | number) => (typeof d === 'number' ? d : d.getTime());

/**
 * Time within the opening hours between two instants (ms), stopping early
 * once it passes `cap`: a kiosk silent for a month need not be walked day by
 * day.
 */
export function openTimeBetween(hours: OpeningHours, from: Date | number, to: Date | number, cap = Infinity): number {
  const a = ms(from);
  const b = ms(to);
  let total = 0;
  for (let dayStart = Math.floor((a + OFFSET_MS) / DAY_MS) * DAY_MS - OFFSET_MS; dayStart < b && total <= cap; dayStart += DAY_MS) {
    for (const raw of hours[localTimeOf(dayStart).day]) {
      const interval = parseInterval(raw);
      if (!interval) continue;
      const open = dayStart + interval.from * 60_000;
      const close = dayStart + interval.to * 60_000;
      total += Math.max(0, Math.min(close, b) - Math.max(open, a));
    }
  }
  return total;
}

/**
 * A paired kiosk looks unplugged when its office is open now and it has had
 * no contact for more than 30 minutes of opening hours (so, with the office
 * opening at 7:00 on Monday, at 7:20 a kiosk last heard from on Friday at
 * 17:25 is still fine; at 8:00 it is not). While the office is closed never;
 * a kiosk never heard from has its own state (see kioskState), so null is
 * false here.
 */
export function looksUnplugged(hours: OpeningHours, lastSeenAt: Date | number | null, now: Date | number): boolean {
  if (lastSeenAt === null || !isWithinOpeningHours(hours, ms(now))) return false;
  return openTimeBetween(hours, lastSeenAt, now, UNPLUGGED_AFTER_MS) > UNPLUGGED_AFTER_MS;
}

export type KioskState = 'online' | 'unplugged' | 'waiting' | 'code_expired' | 'revoked';

export const KIOSK_STATE_LABELS: Record<KioskState, string> = {
  online: 'Đang hoạt động',
  unplugged: 'Có vẻ đã tắt / mất kết nối',
  waiting: 'Chờ ghép nối',
  code_expired: 'Mã ghép nối đã hết hạn',
  revoked: 'Đã thu hồi',
};

export type KioskStateInput = {
  /** The office's opening hours (its own, else inherited, else the default). */
  openingHours: OpeningHours;
  paired: boolean;
  pairedAt: Date | null;
  lastSeenAt: Date | null;
  pairingExpiresAt: Date | null;
  revokedAt: Date | null;
};

/**
 * What the fleet view says about a kiosk: paired (online or looks unplugged),
 * waiting for its pairing code to be typed, code expired, or revoked.
 */
export function kioskState(k: KioskStateInput, now: Date | number): KioskState {
  if (k.paired) return looksUnplugged(k.openingHours, k.lastSeenAt ?? k.pairedAt, now) ? 'unplugged' : 'online';
  if (k.pairingExpiresAt) return k.pairingExpiresAt.getTime() > ms(now) ? 'waiting' : 'code_expired';
  return k.revokedAt ? 'revoked' : 'code_expired';
}

/**
 * Whether a kiosk looks unplugged, for the fleet view (issue 5, domain.md §8:
 * "kiosks left unplugged"). Only office hours count: a kiosk switched off at
 * night or over the weekend is not a problem, one that has been silent for
 * half an hour of a working morning is. Public holidays are not known here
 * and count as working days.
 */

/** Vietnam keeps UTC+7 all year (lib/format.ts). */
const OFFSET_MS = 7 * 3600_000;
const DAY_MS = 24 * 3600_000;
/** Mon–Fri 7:30–17:00, local time, as minutes after midnight. */
export const OFFICE_HOURS = { open: 7 * 60 + 30, close: 17 * 60 } as const;
/** Silence longer than this, counted in office hours only, means "looks unplugged". */
export const UNPLUGGED_AFTER_MS = 30 * 60_000;

const ms = (d: Date | number) => (typeof d === 'number' ? d : d.getTime());

/** True when `at` falls within office hours (Mon–Fri 7:30–17:00 in Asia/Ho_Chi_Minh). */
export function isOfficeHours(at: Date | number): boolean {
  const local = new Date(ms(at) + OFFSET_MS);
  const day = local.getUTCDay();
  const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
  return day >= 1 && day <= 5 && minute >= OFFICE_HOURS.open && minute < OFFICE_HOURS.close;
}

/**
 * Office-hours time between two instants (ms), stopping early once it passes
 * `cap`: a kiosk silent for a month need not be walked day by day.
 */
export function officeTimeBetween(from: Date | number, to: Date | number, cap = Infinity): number {
  const a = ms(from);
  const b = ms(to);
  let total = 0;
  for (let dayStart = Math.floor((a + OFFSET_MS) / DAY_MS) * DAY_MS - OFFSET_MS; dayStart < b && total <= cap; dayStart += DAY_MS) {
    const weekday = new Date(dayStart + OFFSET_MS).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    const open = dayStart + OFFICE_HOURS.open * 60_000;
    const close = dayStart + OFFICE_HOURS.close * 60_000;
    total += Math.max(0, Math.min(close, b) - Math.max(open, a));
  }
  return total;
}

/**
 * A paired kiosk looks unplugged when it is office hours now and it has had
 * no contact for more than 30 minutes of office hours (so on Monday at 7:45 a
 * kiosk last heard from on Friday at 16:55 is still fine; at 8:30 it is not).
 * Outside office hours never; a kiosk never heard from has its own state
 * (see kioskState), so null is false here.
 */
export function looksUnplugged(lastSeenAt: Date | number | null, now: Date | number): boolean {
  if (lastSeenAt === null || !isOfficeHours(now)) return false;
  return officeTimeBetween(lastSeenAt, now, UNPLUGGED_AFTER_MS) > UNPLUGGED_AFTER_MS;
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
  if (k.paired) return looksUnplugged(k.lastSeenAt ?? k.pairedAt, now) ? 'unplugged' : 'online';
  if (k.pairingExpiresAt) return k.pairingExpiresAt.getTime() > ms(now) ? 'waiting' : 'code_expired';
  return k.revokedAt ? 'revoked' : 'code_expired';
}

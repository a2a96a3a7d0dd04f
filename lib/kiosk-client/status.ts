/** What the small status mark shows staff: connection and what still waits on the tablet. */
export type SyncStatus = {
  /** The last contact with the server worked (and the browser says it is online). */
  online: boolean;
  /** Ratings waiting to be sent under the current pairing. */
  queued: number;
  /** Ratings taken under another pairing (another kiosk id), kept but not sent: docs/decisions/011-kiosk-offline-queue.md. */
  held: number;
  sending: boolean;
};

const n = (x: number) => x.toLocaleString('vi-VN');

/** The status mark's text, always in Vietnamese (it is for staff, not for the citizen). */
export function statusText(s: SyncStatus): string {
  const parts = [s.online ? (s.sending ? 'Đang gửi' : 'Trực tuyến') : 'Đang ngoại tuyến'];
  if (s.queued > 0) parts.push(`${n(s.queued)} chờ gửi`);
  else if (s.online) parts.push('đã gửi hết');
  if (s.held > 0) parts.push(`${n(s.held)} của lần ghép nối trước`);
  return parts.join(' · ');
}

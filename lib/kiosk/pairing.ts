import { CODE_ALPHABET } from '@/lib/codes';

/**
 * Pairing a kiosk tablet (docs/kiosk-protocol.md): staff get a short code
 * that the tablet's user types, and the tablet then gets a long-lived device
 * credential in the `hl_kiosk` cookie.
 */

/** 29^8 ≈ 5·10^11 codes; with 10 failures per network per 15 minutes, guessing one is hopeless. */
export const PAIRING_CODE_LENGTH = 8;
export const PAIRING_TTL_MS = 15 * 60_000;

export const KIOSK_COOKIE = 'hl_kiosk';
/** 400 days, the longest lifetime browsers accept for a cookie. */
export const KIOSK_COOKIE_MAX_AGE_S = 400 * 24 * 3600;

/** Pairing failures from one network within the window; the next attempt is refused (HTTP 429). */
export const PAIRING_THROTTLE = { windowMs: 15 * 60_000, failures: 10 } as const;

/**
 * A typed code as stored: upper case, spaces and hyphens removed (staff read
 * it aloud or copy it as "ABCD EFGH"); null when it cannot be a pairing code.
 */
export function normalizePairingCode(raw: string): string | null {
  const code = raw.replace(/[\s-]+/g, '').toUpperCase();
  if (code.length !== PAIRING_CODE_LENGTH) return null;
  for (const ch of code) if (!CODE_ALPHABET.includes(ch)) return null;
  return code;
}

/** "ABCDEFGH" → "ABCD EFGH", easier to read out and type. */
export function formatPairingCode(code: string): string {
  return code.length === PAIRING_CODE_LENGTH ? `${code.slice(0, 4)} ${code.slice(4)}` : code;
}

/** The token is 32 random bytes in base64url: 43 characters without padding. */
const CREDENTIAL = /^([1-9]\d{0,9})\.([A-Za-z0-9_-]{43})$/;

/** `"<kioskId>.<token>"` → its parts, or null for anything else (a forged or broken cookie). */
export function parseKioskCredential(value: string | null | undefined): { kioskId: number; token: string } | null {
  const m = value ? CREDENTIAL.exec(value) : null;
  return m ? { kioskId: Number(m[1]), token: m[2]! } : null;
}

export function formatKioskCredential(kioskId: number, token: string): string {
  return `${kioskId}.${token}`;
}

/**
 * Whether another pairing attempt from a network is allowed, given the times
 * of its recent failures (epoch ms).
 */
export function pairingAllowed(failureTimes: number[], now: number): boolean {
  const recent = failureTimes.filter((t) => t > now - PAIRING_THROTTLE.windowMs);
  return recent.length < PAIRING_THROTTLE.failures;
}

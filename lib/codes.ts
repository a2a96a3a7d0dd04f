/**
 * Opaque short codes for QR posters and receipts. The alphabet leaves out
 * characters that are easy to misread when typed from a printed poster
 * (0/O, 1/I/L, U/V), so the fallback URL under the QR can be typed by hand.
 */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTWXYZ';

/** `randomInt(n)` returns an integer in [0, n); pass a crypto-backed one in the app. */
export function makeCode(length: number, randomInt: (n: number) => number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return out;
}

export const SURVEY_CODE_LENGTH = 6;
export const RECEIPT_CODE_LENGTH = 8;

/** Codes are matched case-insensitively: people type what they see on the poster. */
export function normalizeCode(raw: string): string | null {
  const code = raw.trim().toUpperCase();
  if (code.length < 4 || code.length > 16) return null;
  for (const ch of code) if (!CODE_ALPHABET.includes(ch)) return null;
  return code;
}

/** Pairing codes: 8 characters from this alphabet, shown as "ABCD EFGH" (docs/kiosk-protocol.md). */
export const PAIRING_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTWXYZ';
export const PAIRING_CODE_LENGTH = 8;

/** As the server matches it: case-insensitive, spaces and hyphens ignored. */
export function normalisePairingCode(raw: string): string {
  return raw.toUpperCase().replace(/[\s-]+/g, '');
}

/** A Vietnamese message when the code cannot be right, before asking the server; null when it may be. */
export function pairingCodeProblem(raw: string): string | null {
  const code = normalisePairingCode(raw);
  if (code.length === 0) return 'Vui lòng nhập mã ghép nối do cán bộ quản lý cung cấp.';
  if (code.length !== PAIRING_CODE_LENGTH) return `Mã ghép nối gồm ${PAIRING_CODE_LENGTH} ký tự (ví dụ: ABCD EFGH).`;
  if ([...code].some((c) => !PAIRING_CODE_ALPHABET.includes(c))) return 'Mã ghép nối chỉ gồm chữ in hoa và chữ số, không có chữ O, I, L, U, V và số 0, 1.';
  return null;
}

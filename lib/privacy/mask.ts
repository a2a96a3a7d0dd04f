/**
 * Contact details a citizen types into a free-text comment are masked before
 * the comment is stored (domain.md §7, PDPL 2025): a phone number belongs in
 * the consented contact field, which is kept apart, purged after retention
 * and erasable on request; a number inside the comment would escape all of
 * that and be shown to every reader of the comments.
 *
 * Masked: e-mail addresses; Vietnamese phone numbers written with or without
 * spaces, dots, hyphens or brackets between the digits — "0912 345 678",
 * "0912.345.678", "(024) 3825 1234", "+84 912 345 678", "84912345678" — and
 * other 10–12 digit numbers starting with 0 (a citizen ID, CCCD, is 12).
 * Left alone: amounts ("1.500.000 đồng", "15.000.000.000"), dates, dossier
 * codes, short numbers ("quầy 3", "chờ 45 phút").
 */

export const MASKED_PHONE = '[số điện thoại đã ẩn]';
export const MASKED_EMAIL = '[e-mail đã ẩn]';

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

// A number starting with 0, +84 or 84, its digits separated by at most one
// space, dot, hyphen or bracket (and the space after a closing bracket);
// not glued to a letter or digit on either side.
const PHONE_LIKE = /(?<![\p{L}\p{N}])(?:\(?\+?84\)?|\(?0)(?:[ .\-()]{0,2}\d){8,12}(?![\p{L}\p{N}])/gu;

function isPhoneLike(candidate: string): boolean {
  const digits = candidate.replace(/\D/g, '');
  if (digits.startsWith('84')) return digits.length >= 11 && digits.length <= 12;
  return digits.startsWith('0') && digits.length >= 10 && digits.length <= 12;
}

/** The comment with e-mail addresses and phone numbers replaced by a Vietnamese marker; anything else unchanged. */
export function maskContactDetails(text: string): string {
  return text.replace(EMAIL, MASKED_EMAIL).replace(PHONE_LIKE, (m) => (isPhoneLike(m) ? MASKED_PHONE : m));
}

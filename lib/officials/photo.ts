/**
 * The rules for an official's photo (docs/decisions/023, 024): what an
 * upload may be, and what the staff page says when it is refused. Pure: the
 * decoding and re-encoding is server/official-photos.ts.
 */

/** The largest upload accepted, before decoding. */
export const PHOTO_MAX_BYTES = 3 * 1024 * 1024;

/** The longest side of the stored photo, in pixels (a face on a survey page, not a portrait). */
export const PHOTO_MAX_SIDE = 480;

/** Decoded formats accepted (what phones and cameras produce); anything else, SVG included, is refused. */
export const PHOTO_FORMATS = ['jpeg', 'png', 'webp'] as const;

/** Larger images would cost the server too much memory to decode. */
export const PHOTO_MAX_INPUT_PIXELS = 40_000_000;

export const PHOTO_OUTCOMES = {
  'da-luu': 'Đã lưu ảnh mới của cán bộ.',
  'da-xoa': 'Đã xoá ảnh của cán bộ.',
  'chua-chon': 'Vui lòng chọn một tệp ảnh.',
  'qua-lon': `Ảnh quá lớn: tối đa ${PHOTO_MAX_BYTES / 1024 / 1024} MB. Vui lòng chọn ảnh nhỏ hơn.`,
  'khong-phai-anh': 'Tệp đã chọn không phải là ảnh JPEG, PNG hoặc WebP đọc được. Vui lòng chọn một ảnh khác.',
} as const;
export type PhotoOutcome = keyof typeof PHOTO_OUTCOMES;

export function isPhotoOutcome(value: unknown): value is PhotoOutcome {
  return typeof value === 'string' && Object.hasOwn(PHOTO_OUTCOMES, value);
}

/** The public address of an official's photo; `version` makes a new photo a new URL, so caches never show an old face. */
export function officialPhotoUrl(officialId: number, version: number): string {
  return `/anh-can-bo/${officialId}?v=${version}`;
}

import sharp from 'sharp';
import type { StoredPhoto } from '@/db/queries/officials';
import { PHOTO_FORMATS, PHOTO_MAX_INPUT_PIXELS, PHOTO_MAX_SIDE } from '@/lib/officials/photo';

export type PhotoResult = { ok: true; photo: StoredPhoto } | { ok: false; error: 'khong-phai-anh' };

/**
 * An uploaded photo, decoded (so a file that only looks like an image by its
 * name or type is refused), turned upright by its EXIF orientation, resized
 * to PHOTO_MAX_SIDE on its longest side and re-encoded as JPEG with no
 * metadata at all: EXIF (GPS, camera, dates), ICC and XMP do not survive
 * (sharp drops them unless told to keep them; docs/decisions/024).
 */
export async function processOfficialPhoto(input: Buffer): Promise<PhotoResult> {
  try {
    const image = sharp(input, { failOn: 'error', limitInputPixels: PHOTO_MAX_INPUT_PIXELS, animated: false });
    const meta = await image.metadata();
    if (!meta.format || !(PHOTO_FORMATS as readonly string[]).includes(meta.format)) return { ok: false, error: 'khong-phai-anh' };
    const { data, info } = await image
      .rotate()
      .resize(PHOTO_MAX_SIDE, PHOTO_MAX_SIDE, { fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    return { ok: true, photo: { mime: 'image/jpeg', width: info.width, height: info.height, bytes: data } };
  } catch {
    return { ok: false, error: 'khong-phai-anh' };
  }
}

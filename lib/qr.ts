import QRCode from 'qrcode';
import { normalizeCode } from './codes';

/**
 * The address a printed QR code opens. `baseUrl` is PUBLIC_BASE_URL; a
 * trailing slash is tolerated so a hand-edited value cannot produce "//s/".
 */
export function surveyUrl(baseUrl: string, code: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/s/${encodeURIComponent(code)}`;
}

/**
 * The survey address as printed under the QR for people who type it by hand:
 * no scheme, no "www.", e.g. "hailong.example.vn/s/ABC234".
 */
export function shortSurveyUrl(baseUrl: string, code: string): string {
  return surveyUrl(baseUrl, code).replace(/^https?:\/\//i, '').replace(/^www\./i, '');
}

export const QR_FORMATS = ['svg', 'png'] as const;
export type QrFormat = (typeof QR_FORMATS)[number];

/** Parses the last URL segment of /qr/<code>.<svg|png>; null for anything else. */
export function parseQrFileName(file: string): { code: string; format: QrFormat } | null {
  const dot = file.lastIndexOf('.');
  if (dot <= 0) return null;
  const ext = file.slice(dot + 1).toLowerCase();
  const format = QR_FORMATS.find((f) => f === ext);
  const code = normalizeCode(file.slice(0, dot));
  return format && code ? { code, format } : null;
}

export const POSTER_SIZES = ['a4', 'a5'] as const;
export type PosterSize = (typeof POSTER_SIZES)[number];

/** `?size=` of the poster pages: anything but a5 prints on A4. */
export function parsePosterSize(raw: string | string[] | undefined): PosterSize {
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value?.trim().toLowerCase() === 'a5' ? 'a5' : 'a4';
}

/** Level M survives a scuffed or partly covered poster and keeps the code small enough to scan from afar. */
const ERROR_CORRECTION = 'M' as const;

/** A scalable QR for screens and posters. */
export function renderQrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: ERROR_CORRECTION, margin: 2 });
}

/** A PNG at print resolution: 1200 px is about 10 cm at 300 dpi. */
export function renderQrPng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: ERROR_CORRECTION, margin: 4, width: 1200 });
}

import QRCode from 'qrcode';

/**
 * A dossier's rating link and its QR code as a receipt carries it (issue 17,
 * docs/decisions/027). The link is `PUBLIC_BASE_URL/h/<token>`, built like
 * the posters' survey links (lib/qr.ts surveyUrl).
 */
export function dossierUrl(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/h/${encodeURIComponent(token)}`;
}

/**
 * Receipts come from 58 or 80 mm thermal printers at 203 dpi: a 25 mm code
 * leaves room for the receipt's text, and its 33 modules (version 4, level M,
 * for a link of about 60 characters) are 6 printer dots each.
 */
export const RECEIPT_QR_MM = 25;
/** 25 mm at 203 dpi is 200 dots; 240 px keeps whole pixels per module with the quiet zone. */
export const RECEIPT_QR_PX = 240;

/** The QR as SVG, sized for a receipt (25 mm) and scalable. */
export async function renderReceiptQrSvg(url: string): Promise<string> {
  const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return svg.replace('<svg ', `<svg width="${RECEIPT_QR_MM}mm" height="${RECEIPT_QR_MM}mm" role="img" aria-label="Mã QR đánh giá hồ sơ" `);
}

/** The QR as a PNG of 240 px, for systems that paste an image into their receipt template. */
export function renderReceiptQrPng(url: string): Promise<Buffer> {
  return QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: RECEIPT_QR_PX });
}

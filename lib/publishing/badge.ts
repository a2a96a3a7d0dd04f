/**
 * The embeddable badge of an office (docs/decisions/028): a small SVG with
 * its published satisfaction rate and the period, for an office's own site
 * or a newspaper's article. Pure text: every value is escaped, the office's
 * name is cut to fit, and the SVG carries its own title for screen readers.
 */
import type { Lang } from '@/lib/i18n';
import { formatNumber, formatShare, NOT_ENOUGH_DATA_TEXT, periodLabel, publicRate, type PeriodKey, type PublishedFigure } from './publication';

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** At most `max` characters, with an ellipsis when cut. */
export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}

export const BADGE_SIZE = { width: 320, height: 88 } as const;

/** The badge's SVG: the office, "Tỷ lệ hài lòng · Quý III/2026", the rate (or "Chưa đủ dữ liệu") and n. */
export function badgeSvg({ figure, period, lang = 'vi' }: { figure: PublishedFigure; period: PeriodKey; lang?: Lang }): string {
  const rate = publicRate(figure);
  const label = periodLabel(period, lang);
  const value = rate.enoughData ? formatShare(rate.rate, lang) : NOT_ENOUGH_DATA_TEXT[lang];
  const n = `n = ${formatNumber(figure.respondents, lang)}`;
  const heading = lang === 'en' ? `Satisfaction · ${label}` : `Tỷ lệ hài lòng · ${label}`;
  const title = `${figure.name} — ${heading}: ${value} (${n})`;
  const { width, height } = BADGE_SIZE;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(title)}">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="${width}" height="${height}" rx="8" fill="#ffffff" stroke="#a3141c" stroke-width="2"/>`,
    `<rect x="1" y="1" width="${width - 2}" height="26" rx="7" fill="#a3141c"/>`,
    `<g font-family="system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',Arial,sans-serif">`,
    `<text x="12" y="19" font-size="13" font-weight="700" fill="#ffffff">${escapeXml(clip(figure.name, 40))}</text>`,
    `<text x="12" y="45" font-size="12" fill="#4a4f57">${escapeXml(heading)}</text>`,
    `<text x="12" y="74" font-size="${rate.enoughData ? 24 : 18}" font-weight="700" fill="#1a1a1a">${escapeXml(value)}</text>`,
    `<text x="${width - 12}" y="74" font-size="12" text-anchor="end" fill="#4a4f57">${escapeXml(n)}</text>`,
    `</g>`,
    `</svg>`,
  ].join('');
}

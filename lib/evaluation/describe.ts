import { formatCount, formatPercent } from '@/lib/format';
import { NOT_ENOUGH_DATA } from '@/lib/indicators/indicator';
import { SATISFACTION_SOURCE_LABELS } from './rubric';
import type { SatisfactionFigure } from './scoring';

/** "2026-01-31" → "31/01/2026". */
export function formatDay(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}

/**
 * What an automatic criterion's points rest on, in one Vietnamese sentence:
 * the figure, its interval, n and the days it covers; or "Chưa đủ dữ liệu".
 */
export function describeFigure(f: SatisfactionFigure, minSample = 30): string {
  const days = `từ ${formatDay(f.from)} đến ${formatDay(f.to)}`;
  const label = SATISFACTION_SOURCE_LABELS[f.source];
  if (!f.enoughData || f.rate === null) {
    const what = f.source === 'dossier766' ? 'hồ sơ đã trả kết quả' : 'lượt đánh giá hợp lệ';
    return `${label}: ${NOT_ENOUGH_DATA} (${formatCount(f.n)} ${what}, cần tối thiểu ${minSample}), ${days}.`;
  }
  const interval = f.low !== null && f.high !== null ? ` (khoảng tin cậy 95 %: ${formatPercent(f.low)} – ${formatPercent(f.high)})` : '';
  return `${label}: ${formatPercent(f.rate)}${interval}, n = ${formatCount(f.n)}, ${days}.`;
}

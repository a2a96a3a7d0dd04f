/**
 * The layout of the indicators export: one row per office as on the
 * province view (server/dashboard.ts loadOfficeTable, so the numbers are the
 * screen's by construction), then a total row. Rates are numbers in percent
 * with one decimal, so a spreadsheet can sort and chart them; below the
 * minimum sample they are left empty and the note says why.
 */
import type { Indicator } from '@/lib/indicators/indicator';
import { NOT_ENOUGH_DATA } from '@/lib/indicators/indicator';
import { unitKindLabel } from '@/lib/units';
import type { Cell, ColumnFormat } from './csv';

export type IndicatorLine = {
  rank: number | null;
  name: string;
  kind: string | null;
  parentName: string | null;
  active: boolean;
  /** Valid responses ("Phiếu hợp lệ" on the screen). */
  responses: number;
  indicator: Indicator;
  /** The satisfaction index 0..1, or null. */
  index: number | null;
  /** Percentage points against the previous period, or null. */
  change: number | null;
  excluded: number;
};

export const INDICATOR_HEADERS = [
  'Hạng',
  'Đơn vị',
  'Loại',
  'Đơn vị cấp trên',
  'Phiếu hợp lệ',
  'Tỷ lệ hài lòng (%)',
  'Khoảng tin cậy 95 % – cận dưới (%)',
  'Khoảng tin cậy 95 % – cận trên (%)',
  'Chỉ số hài lòng (%)',
  'Tỷ lệ không hài lòng (%)',
  'Điểm trung bình (1–5)',
  'Thay đổi so với kỳ trước (điểm %)',
  'Phiếu bị loại',
  'Ghi chú',
] as const;

/** How each of INDICATOR_HEADERS reads in a spreadsheet: counts as whole numbers, percentages with one decimal, the mean with two. */
export const INDICATOR_FORMATS: readonly ColumnFormat[] = ['integer', 'text', 'text', 'text', 'integer', 'decimal1', 'decimal1', 'decimal1', 'decimal1', 'decimal1', 'decimal2', 'decimal1', 'integer', 'text'];

const percent = (share: number | null) => (share === null || !Number.isFinite(share) ? null : Math.round(share * 1000) / 10);
const round = (x: number | null, digits: number) => (x === null || !Number.isFinite(x) ? null : Math.round(x * 10 ** digits) / 10 ** digits);

export function indicatorCells(line: IndicatorLine): Cell[] {
  const h = line.indicator;
  const ok = h.enoughData;
  const notes = [ok ? '' : NOT_ENOUGH_DATA, line.active ? '' : 'Ngừng hoạt động'].filter(Boolean).join('; ');
  return [
    line.rank,
    line.name,
    line.kind === null ? '' : unitKindLabel(line.kind),
    line.parentName ?? '',
    line.responses,
    ok ? percent(h.rate) : null,
    ok ? percent(h.low) : null,
    ok ? percent(h.high) : null,
    ok ? percent(line.index) : null,
    ok ? percent(h.dissatisfiedRate) : null,
    ok ? round(h.mean, 2) : null,
    round(line.change, 1),
    line.excluded,
    notes,
  ];
}

import { startOfVietnamDay } from '@/lib/format';
import { parseDayInput } from '@/lib/indicators/periods';

/**
 * Reading staff list filters from the URL (?tu=&den=&trang=…): a value that
 * does not parse is dropped with a Vietnamese note; it never fails the page.
 */
export type SearchParams = Record<string, string | string[] | undefined>;

/** The day range as typed ("YYYY-MM-DD", Vietnamese calendar) and as [from, to) instants in Asia/Ho_Chi_Minh. */
export type DayRange = { fromDay?: string; toDay?: string; from?: Date; to?: Date };

const DAY_MS = 86_400_000;

export function filterReader(params: SearchParams) {
  const notes: string[] = [];

  /** One trimmed value, or undefined when absent, empty or repeated. */
  const one = (name: string, label: string): string | undefined => {
    const raw = params[name];
    if (Array.isArray(raw)) {
      notes.push(`Bộ lọc “${label}” xuất hiện nhiều lần nên đã được bỏ qua.`);
      return undefined;
    }
    const v = raw?.trim();
    return v ? v : undefined;
  };

  const dayRange = (): DayRange => {
    // Typed as ngày/tháng/năm in the date fields (components/ui/date-input.tsx), YYYY-MM-DD in links.
    const rawTu = one('tu', 'từ ngày');
    const tu = rawTu === undefined ? undefined : (parseDayInput(rawTu) ?? undefined);
    const from = tu === undefined ? null : startOfVietnamDay(tu);
    if (rawTu !== undefined && !from) notes.push(`“Từ ngày” (${rawTu.slice(0, 20)}) không phải một ngày hợp lệ dạng ngày/tháng/năm (ví dụ 05/12/2026) nên đã được bỏ qua.`);
    const rawDen = one('den', 'đến ngày');
    const den = rawDen === undefined ? undefined : (parseDayInput(rawDen) ?? undefined);
    const toStart = den === undefined ? null : startOfVietnamDay(den);
    if (rawDen !== undefined && !toStart) notes.push(`“Đến ngày” (${rawDen.slice(0, 20)}) không phải một ngày hợp lệ dạng ngày/tháng/năm (ví dụ 05/12/2026) nên đã được bỏ qua.`);
    if (from && toStart && from > toStart) {
      notes.push('“Từ ngày” sau “Đến ngày” nên bộ lọc ngày đã được bỏ qua.');
      return {};
    }
    return {
      ...(from ? { from, fromDay: tu } : {}),
      ...(toStart ? { to: new Date(toStart.getTime() + DAY_MS), toDay: den } : {}),
    };
  };

  const page = (): number => {
    const trang = one('trang', 'trang');
    if (trang === undefined) return 1;
    if (/^[1-9]\d{0,5}$/.test(trang)) return Number(trang);
    notes.push('Số trang không hợp lệ nên đang hiển thị trang 1.');
    return 1;
  };

  return { one, dayRange, page, notes };
}

import { UNIT_KINDS, type UnitKind } from '@/lib/units';
import { parsePeriod, periodParams, type Bucket, type Period } from '@/lib/indicators/periods';
import { filterReader, type SearchParams } from './list-filters';

/**
 * The dashboards' state in the URL: the period (?ky= or ?tu=&den=, see
 * lib/indicators/periods.ts), the chart bucket (?nhom=), and for the province
 * view the unit (?don-vi=), the kind of office (?loai=) and the sort
 * (?sap-xep=&chieu=). Never throws: a value it cannot use is replaced by the
 * default with a Vietnamese note.
 */

export const BUCKET_PARAMS: Record<Bucket, string> = { day: 'ngay', week: 'tuan', month: 'thang' };
export const BUCKET_LABELS: Record<Bucket, string> = { day: 'Theo ngày', week: 'Theo tuần', month: 'Theo tháng' };

export const SORTS = ['hang', 'ten', 'ty-le', 'so-phieu', 'thay-doi'] as const;
export type Sort = (typeof SORTS)[number];
export const SORT_LABELS: Record<Sort, string> = {
  hang: 'Hạng (cận dưới khoảng tin cậy)',
  ten: 'Tên đơn vị',
  'ty-le': 'Tỷ lệ hài lòng',
  'so-phieu': 'Số phiếu hợp lệ',
  'thay-doi': 'Thay đổi so với kỳ trước',
};
export type Order = 'tang' | 'giam';

export type DashboardQuery = {
  period: Period;
  /** Null: the chart picks (lib/indicators/chart-data.ts chooseChartBucket, which also caps a bucket asked for). */
  bucket: Bucket | null;
  unitId: number | null;
  kind: UnitKind | null;
  sort: Sort;
  order: Order;
  /** Page of the province view's table (1-based). */
  page: number;
  /** Only verified ratings, those given through a dossier's link (?xac-thuc=1, docs/decisions/027). */
  verified: boolean;
};

/** Offices per page of the province view: a 300-office table is half a megabyte of HTML. */
export const OFFICES_PAGE_SIZE = 100;

const quote = (text: string) => `“${text.length > 20 ? `${text.slice(0, 20)}…` : text}”`;

export function parseDashboardQuery(params: SearchParams, now: Date | number): { query: DashboardQuery; notes: string[] } {
  const { one, page, notes } = filterReader(params);
  const { period, note } = parsePeriod(params, now);
  if (note) notes.push(note);

  const nhom = one('nhom', 'nhóm theo');
  const bucket = (Object.keys(BUCKET_PARAMS) as Bucket[]).find((b) => BUCKET_PARAMS[b] === nhom) ?? null;
  if (nhom && !bucket) notes.push(`Không có cách nhóm ${quote(nhom)}; biểu đồ tự chọn cách nhóm.`);

  const donVi = one('don-vi', 'đơn vị');
  const unitId = donVi && /^[1-9]\d{0,9}$/.test(donVi) ? Number(donVi) : null;
  if (donVi && unitId === null) notes.push(`Mã đơn vị ${quote(donVi)} không hợp lệ nên đang hiển thị mọi đơn vị trong phạm vi.`);

  const loai = one('loai', 'loại đơn vị');
  const kind = UNIT_KINDS.find((k) => k === loai) ?? null;
  if (loai && !kind) notes.push(`Không có loại đơn vị ${quote(loai)} nên đang hiển thị mọi loại.`);

  const sapXep = one('sap-xep', 'sắp xếp');
  const sort = SORTS.find((s) => s === sapXep);
  if (sapXep && !sort) notes.push(`Không sắp xếp được theo ${quote(sapXep)}; đang xếp theo hạng.`);

  const chieu = one('chieu', 'chiều sắp xếp');
  if (chieu && chieu !== 'tang' && chieu !== 'giam') notes.push(`Chiều sắp xếp ${quote(chieu)} không hợp lệ.`);

  const chosen = sort ?? 'hang';
  // Rank ascending (1 first) and names A→Z read naturally; numbers read best from the largest.
  const natural: Order = chosen === 'hang' || chosen === 'ten' ? 'tang' : 'giam';
  const order: Order = chieu === 'tang' || chieu === 'giam' ? chieu : natural;
  const xacThuc = one('xac-thuc', 'lọc đánh giá xác thực');
  if (xacThuc && xacThuc !== '1') notes.push(`Giá trị ${quote(xacThuc)} của bộ lọc đánh giá xác thực không hợp lệ nên đang hiển thị mọi đánh giá.`);
  return { query: { period, bucket, unitId, kind, sort: chosen, order, page: page(), verified: xacThuc === '1' }, notes };
}

/** The URL query of a dashboard state, leaving out defaults, with `change` applied. */
export function dashboardQueryString(query: DashboardQuery, change: Partial<Omit<DashboardQuery, 'period'>> & { period?: Period } = {}): string {
  // Any other change starts again at the first page.
  const q = { ...query, page: 1, ...change };
  const params = new URLSearchParams(periodParams(q.period));
  if (q.bucket) params.set('nhom', BUCKET_PARAMS[q.bucket]);
  if (q.unitId) params.set('don-vi', String(q.unitId));
  if (q.kind) params.set('loai', q.kind);
  if (q.sort !== 'hang') params.set('sap-xep', q.sort);
  const natural: Order = q.sort === 'hang' || q.sort === 'ten' ? 'tang' : 'giam';
  if (q.order !== natural) params.set('chieu', q.order);
  if (q.page > 1) params.set('trang', String(q.page));
  if (q.verified) params.set('xac-thuc', '1');
  return params.toString();
}

import Link from 'next/link';
import { formatCount, formatPercent, formatPointChange } from '@/lib/format';
import { DEFAULT_MIN_SAMPLE, NOT_ENOUGH_DATA } from '@/lib/indicators/indicator';
import { unitKindLabel } from '@/lib/units';
import { dashboardQueryString, SORT_LABELS, type DashboardQuery, type Sort } from '@/lib/validation/dashboard';
import type { Indicator } from '@/lib/indicators/indicator';

/** One office's line (server/dashboard.ts OfficeTable lines). */
type Line = {
  office: { id: number; name: string; kind: string; parentName: string | null; active: boolean };
  rank: number | null;
  indicator: Indicator;
  summary: { responses: number; index: { value: number | null } };
  change: number | null;
  exclusions: number;
};

/** A column header that sorts by its column; a second click reverses. */
function SortHeader({ sort, query, children }: { sort: Sort; query: DashboardQuery; children: React.ReactNode }) {
  const active = query.sort === sort;
  const natural = sort === 'hang' || sort === 'ten' ? 'tang' : 'giam';
  const order = active ? (query.order === 'tang' ? 'giam' : 'tang') : natural;
  const ariaSort = active ? (query.order === 'tang' ? 'ascending' : 'descending') : undefined;
  return (
    <th scope="col" aria-sort={ariaSort}>
      <Link href={`/thong-ke?${dashboardQueryString(query, { sort, order })}`} title={`Sắp xếp theo ${SORT_LABELS[sort].toLowerCase()}`}>
        {children}
        {active ? <span aria-hidden="true">{query.order === 'tang' ? ' ▲' : ' ▼'}</span> : null}
      </Link>
    </th>
  );
}

/** Every office of the province view, one row each, linking to its dashboard with the same period. */
export function OfficeTable({ lines, query }: { lines: Line[]; query: DashboardQuery }) {
  const periodOnly = dashboardQueryString({ ...query, unitId: null, kind: null, sort: 'hang', order: 'tang' });
  return (
    <div className="table-scroll">
      <table className="data row-headed office-table">
        <caption>
          Tỷ lệ hài lòng chung theo đơn vị, {SORT_LABELS[query.sort].toLowerCase()} {query.order === 'tang' ? 'tăng dần' : 'giảm dần'}. Đơn vị dưới{' '}
          {DEFAULT_MIN_SAMPLE} phiếu hợp lệ: {NOT_ENOUGH_DATA}, không xếp hạng.
        </caption>
        <thead>
          <tr>
            <SortHeader sort="hang" query={query}>
              Hạng
            </SortHeader>
            <SortHeader sort="ten" query={query}>
              Đơn vị
            </SortHeader>
            <SortHeader sort="so-phieu" query={query}>
              Phiếu hợp lệ
            </SortHeader>
            <SortHeader sort="ty-le" query={query}>
              Tỷ lệ hài lòng
            </SortHeader>
            <th scope="col">Khoảng tin cậy 95 %</th>
            <th scope="col">Chỉ số hài lòng</th>
            <th scope="col">Không hài lòng</th>
            <SortHeader sort="thay-doi" query={query}>
              Thay đổi so với kỳ trước
            </SortHeader>
            <th scope="col">Bị loại</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => {
            const h = l.indicator;
            return (
              <tr key={l.office.id}>
                <td className="num">{l.rank ?? '—'}</td>
                <th scope="row">
                  <Link href={`/thong-ke/don-vi/${l.office.id}?${periodOnly}`}>{l.office.name}</Link>
                  <span className="cell-sub">
                    {unitKindLabel(l.office.kind)}
                    {l.office.parentName ? ` · ${l.office.parentName}` : ''}
                    {l.office.active ? '' : ' · ngừng hoạt động'}
                  </span>
                </th>
                <td className="num">{formatCount(l.summary.responses)}</td>
                {h.enoughData ? (
                  <>
                    <td className="num">
                      <strong>{formatPercent(h.rate)}</strong>
                    </td>
                    <td className="num">
                      {formatPercent(h.low)} – {formatPercent(h.high)}
                    </td>
                    <td className="num">{formatPercent(l.summary.index.value)}</td>
                    <td className="num">{formatPercent(h.dissatisfiedRate)}</td>
                  </>
                ) : (
                  <td colSpan={4} className="low-data">
                    {NOT_ENOUGH_DATA}
                  </td>
                )}
                <td className="num">{formatPointChange(l.change)}</td>
                <td className="num">{formatCount(l.exclusions)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

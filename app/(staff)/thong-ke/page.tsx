import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { DossierIndexSection } from '@/components/dashboard/dossier-index-section';
import { PeriodPicker } from '@/components/dashboard/period-picker';
import { VerifiedFilter } from '@/components/dashboard/verified-filter';
import { OfficeFilters } from '@/components/dashboard/office-filters';
import { OfficeTable } from '@/components/dashboard/office-table';
import { ExportLinks } from '@/components/exports/export-links';
import { FilterNotes } from '@/components/ui/filter-notes';
import { Pagination } from '@/components/admin/audit/pagination';
import { listUnitsInScope } from '@/db/queries/unit-tree';
import { unitTreeRows } from '@/lib/unit-tree';
import { formatCount, formatDate, formatPercent } from '@/lib/format';
import { NOT_ENOUGH_DATA } from '@/lib/indicators/indicator';
import { dayStart, periodParams } from '@/lib/indicators/periods';
import { RANKING_RULE, sortOffices, type OfficeSortKey } from '@/lib/indicators/ranking';
import { dashboardQueryString, OFFICES_PAGE_SIZE, parseDashboardQuery, type Sort } from '@/lib/validation/dashboard';
import type { SearchParams } from '@/lib/validation/list-filters';
import { requireViewer } from '@/server/auth/viewer';
import { loadOfficeTable } from '@/server/dashboard';
import { loadDossierIndex } from '@/server/dossier-figures';

export const metadata: Metadata = { title: 'Thống kê mức độ hài lòng' };

const SORT_KEYS: Record<Sort, OfficeSortKey> = { hang: 'rank', ten: 'name', 'ty-le': 'rate', 'so-phieu': 'n', 'thay-doi': 'change' };

export default async function StatisticsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requireViewer('dashboard.read');
  const now = new Date();
  const { query, notes } = parseDashboardQuery(await searchParams, now);

  let table = await loadOfficeTable(viewer, { period: query.period, unitId: query.unitId ?? undefined, kind: query.kind ?? undefined, verified: query.verified });
  if (!table) {
    notes.push('Đơn vị đã chọn không thuộc phạm vi của Ông/Bà nên đang hiển thị mọi đơn vị trong phạm vi.');
    query.unitId = null;
    table = (await loadOfficeTable(viewer, { period: query.period, kind: query.kind ?? undefined, verified: query.verified }))!;
  }
  // An office head sees one office: its dashboard is the view.
  const unfiltered = !query.unitId && !query.kind;
  if (unfiltered && table.lines.length === 1) redirect(`/thong-ke/don-vi/${table.lines[0]!.office.id}?${dashboardQueryString({ ...query, sort: 'hang', order: 'tang' })}`);

  const sorted = sortOffices(table.lines, SORT_KEYS[query.sort], query.order === 'giam');
  const pages = Math.max(1, Math.ceil(sorted.length / OFFICES_PAGE_SIZE));
  const page = Math.min(query.page, pages);
  const lines = sorted.slice((page - 1) * OFFICES_PAGE_SIZE, page * OFFICES_PAGE_SIZE);
  // The units that group offices (province, wards, communes), as a tree.
  const units = unitTreeRows(await listUnitsInScope({ viewer }), (u) => u.code === null);
  const { period } = query;
  const ranked = table.lines.filter((l) => l.rank !== null).length;
  const dossiers = (await loadDossierIndex(viewer, { period, unitId: query.unitId ?? undefined }))!;
  const officeQuery = dashboardQueryString({ ...query, unitId: null, kind: null, sort: 'hang', order: 'tang', verified: false });

  return (
    <div className="dashboard stack">
      <header>
        <h1>Thống kê mức độ hài lòng</h1>
        <p className="muted">
          Mọi đơn vị tiếp nhận hồ sơ trong phạm vi {viewer.scopeName} · Kỳ báo cáo {formatDate(dayStart(period.from))} – {formatDate(dayStart(period.to))} (giờ Việt Nam)
        </p>
      </header>
      <FilterNotes notes={notes} />
      <PeriodPicker basePath="/thong-ke" query={query} now={now} />
      <OfficeFilters query={query} units={units} />
      <VerifiedFilter basePath="/thong-ke" query={query} />
      <p>
        <strong>{formatCount(table.lines.length)}</strong> đơn vị · <strong>{formatCount(table.total.responses)}</strong> phiếu hợp lệ ·{' '}
        {formatCount(ranked)} đơn vị đủ dữ liệu để xếp hạng · tỷ lệ hài lòng chung của cả nhóm:{' '}
        <strong>{table.total.headline?.enoughData ? formatPercent(table.total.headline.rate) : NOT_ENOUGH_DATA}</strong>
      </p>
      <p className="muted">{RANKING_RULE}</p>
      {table.lines.length === 0 ? (
        <p className="notice" role="status">
          Không có đơn vị nào khớp bộ lọc. <Link href={`/thong-ke?${dashboardQueryString({ ...query, unitId: null, kind: null })}`}>Bỏ bộ lọc</Link>
        </p>
      ) : (
        <>
          <OfficeTable lines={lines} query={query} />
          <Pagination page={page} pages={pages} hrefFor={(p) => `/thong-ke?${dashboardQueryString(query, { page: p })}`} />
        </>
      )}
      <DossierIndexSection total={dossiers.total} offices={dossiers.offices} officeHref={(id) => `/thong-ke/don-vi/${id}?${officeQuery}`} />
      <ExportLinks unitId={query.unitId ?? undefined} periodParams={periodParams(period)} verified={query.verified} />
    </div>
  );
}

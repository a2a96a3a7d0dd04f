import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { HeadlineCards } from '@/components/dashboard/headline-cards';
import { OfficeTable } from '@/components/dashboard/office-table';
import { DossierIndexSection } from '@/components/dashboard/dossier-index-section';
import { PeriodPicker } from '@/components/dashboard/period-picker';
import { VerifiedFilter } from '@/components/dashboard/verified-filter';
import { UnitSections } from '@/components/dashboard/unit-sections';
import { ExportLinks } from '@/components/exports/export-links';
import { FilterNotes } from '@/components/ui/filter-notes';
import { listOffices } from '@/db/queries/dashboard';
import { formatCount, formatDate } from '@/lib/format';
import { toSectionsProps } from '@/lib/indicators/chart-data';
import { dayStart, periodParams } from '@/lib/indicators/periods';
import { unitKindLabel } from '@/lib/units';
import { dashboardQueryString, OFFICES_PAGE_SIZE, parseDashboardQuery, type DashboardQuery } from '@/lib/validation/dashboard';
import type { SearchParams } from '@/lib/validation/list-filters';
import type { Viewer } from '@/lib/auth/roles';
import { requireViewer } from '@/server/auth/viewer';
import { loadOfficeTable, loadUnitDashboard } from '@/server/dashboard';
import { loadDossierIndex } from '@/server/dossier-figures';

export const metadata: Metadata = { title: 'Thống kê đơn vị' };

type Props = { params: Promise<{ unitId: string }>; searchParams: Promise<SearchParams> };

export default async function UnitDashboardPage({ params, searchParams }: Props) {
  const viewer = await requireViewer('dashboard.read');
  const { unitId: raw } = await params;
  if (!/^[1-9]\d{0,9}$/.test(raw)) notFound();
  const now = new Date();
  const { query, notes } = parseDashboardQuery(await searchParams, now);
  const [data, dossiers] = await Promise.all([
    loadUnitDashboard(viewer, { unitId: Number(raw), period: query.period, bucket: query.bucket ?? undefined, verified: query.verified }),
    loadDossierIndex(viewer, { unitId: Number(raw), period: query.period }),
  ]);
  if (!data || !dossiers) notFound();

  const { unit, period } = data;
  // The URL asked for a bucket the period is too long for: say so, and show the bucket drawn.
  if (data.bucketNote) notes.push(data.bucketNote);
  const shown: DashboardQuery = data.bucketNote ? { ...query, bucket: data.bucket } : query;
  const basePath = `/thong-ke/don-vi/${unit.id}`;
  const periodQuery = dashboardQueryString({ ...query, bucket: null, unitId: null, kind: null, sort: 'hang', order: 'tang', verified: false });
  const [seesSeveral, severalBelow] = (await Promise.all([listOffices({ viewer }), listOffices({ viewer, unitPath: unit.path })])).map((o) => o.length > 1);
  const empty = data.current.responses === 0 && data.current.excludedResponses === 0;

  return (
    <div className="dashboard stack">
      {seesSeveral ? (
        <p className="no-print">
          <Link href={`/thong-ke?${periodQuery}`}>← Mọi đơn vị trong phạm vi</Link>
        </p>
      ) : null}
      <header>
        <h1>{unit.name}</h1>
        <p className="muted">
          {unitKindLabel(unit.kind)} · Kỳ báo cáo {formatDate(dayStart(period.from))} – {formatDate(dayStart(period.to))} ({period.days} ngày, giờ Việt Nam)
          {unit.active ? '' : ' · Đơn vị đã ngừng hoạt động'}
        </p>
      </header>
      <FilterNotes notes={notes} />
      <PeriodPicker basePath={basePath} query={shown} now={now} showBucket />
      <VerifiedFilter basePath={basePath} query={shown} />
      {empty ? (
        <p className="notice" role="status">
          {query.verified
            ? 'Không có đánh giá xác thực (theo hồ sơ) nào trong kỳ này.'
            : 'Không có đánh giá nào trong kỳ này. Hãy chọn một kỳ khác, hoặc kiểm tra áp phích QR đã được dán tại quầy.'}
        </p>
      ) : null}
      <HeadlineCards
        current={data.current}
        province={data.province}
        previous={data.previous}
        changes={data.changes}
        exclusions={data.exclusions}
        comments={data.comments}
        commentsHref={`/gop-y?trang-thai=new&tu=${period.from}&den=${period.to}`}
      />
      <DossierIndexSection total={dossiers.total} offices={dossiers.offices} officeHref={(id) => `/thong-ke/don-vi/${id}?${periodQuery}`} />
      <nav aria-label="Báo cáo và dữ liệu" className="dashboard-links no-print">
        <ul>
          <li>
            <Link href={`${basePath}/bang-tong-hop?${periodQuery}`}>Bảng tổng hợp (in hoặc lưu PDF)</Link>
          </li>
          <li>
            <Link href={`/gop-y?tu=${period.from}&den=${period.to}`}>Góp ý trong kỳ</Link>
          </li>
        </ul>
      </nav>
      <UnitSections data={toSectionsProps(data)} />
      {data.offices > 1 ? <OfficesBelow unitId={unit.id} query={query} viewer={viewer} /> : null}
      <ExportLinks unitId={unit.id} periodParams={periodParams(period)} indicators={severalBelow} verified={query.verified} />
      <p className="muted definitions">
        Tỷ lệ hài lòng = số câu trả lời mức 4–5 chia cho số câu trả lời hợp lệ; khoảng tin cậy 95 % theo Wilson. Dưới 30 phiếu hợp lệ: Chưa đủ dữ liệu.
        Phiếu bị gắn cờ (lặp lại, dồn dập) được giữ lại nhưng không tính.
      </p>
    </div>
  );
}

/** The offices of a unit that holds several, ranked as in the province view, each a link to its own dashboard. */
async function OfficesBelow({ unitId, query, viewer }: { unitId: number; query: DashboardQuery; viewer: Viewer }) {
  const table = await loadOfficeTable(viewer, { period: query.period, unitId, verified: query.verified });
  if (!table) return null;
  const here = { ...query, unitId, kind: null };
  const shown = table.lines.slice(0, OFFICES_PAGE_SIZE);
  return (
    <section aria-labelledby="cac-don-vi">
      <h2 id="cac-don-vi">Các đơn vị trực thuộc</h2>
      <OfficeTable lines={shown} query={here} />
      {table.lines.length > shown.length ? (
        <p>
          Đang hiển thị {formatCount(shown.length)} đơn vị đứng đầu. <Link href={`/thong-ke?${dashboardQueryString(here)}`}>Xem đủ {formatCount(table.lines.length)} đơn vị</Link>
        </p>
      ) : null}
    </section>
  );
}

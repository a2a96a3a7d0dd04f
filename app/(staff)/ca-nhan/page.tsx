import type { Metadata } from 'next';
import { OfficialFiguresView } from '@/components/officials/official-figures-view';
import { parseDashboardQuery } from '@/lib/validation/dashboard';
import type { SearchParams } from '@/lib/validation/list-filters';
import { requireViewer } from '@/server/auth/viewer';
import { loadOwnFigures } from '@/server/official-figures';

export const metadata: Metadata = { title: 'Kết quả của tôi' };

/** The official's own figures: the home of an account with role "official". */
export default async function OwnFiguresPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requireViewer('officials.ownFigures');
  const now = new Date();
  const { query, notes } = parseDashboardQuery(await searchParams, now);
  const data = await loadOwnFigures(viewer, query.period, now);
  if (!data) {
    return (
      <div className="stack">
        <h1>Kết quả của tôi</h1>
        <p className="notice" role="status">
          Tài khoản này chưa được gắn với cán bộ nào. Vui lòng liên hệ thủ trưởng đơn vị.
        </p>
      </div>
    );
  }
  return <OfficialFiguresView data={data} title="Kết quả đánh giá của tôi" basePath="/ca-nhan" query={query} notes={notes} now={now} />;
}

import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { OfficialFiguresView } from '@/components/officials/official-figures-view';
import { parseDashboardQuery } from '@/lib/validation/dashboard';
import type { SearchParams } from '@/lib/validation/list-filters';
import { requireViewer } from '@/server/auth/viewer';
import { loadOfficialFiguresForStaff } from '@/server/official-figures';

export const metadata: Metadata = { title: 'Kết quả của cán bộ' };

/** An official's advisory figures for the office head (own offices) and assessors (their scope); anyone else gets the 404 page. */
export default async function OfficialFiguresPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  const viewer = await requireViewer('officials.figures');
  const { id } = await params;
  if (!/^[1-9]\d{0,9}$/.test(id)) notFound();
  const now = new Date();
  const { query, notes } = parseDashboardQuery(await searchParams, now);
  const data = await loadOfficialFiguresForStaff(viewer, Number(id), query.period, now);
  if (!data) notFound();
  return (
    <>
      <p className="no-print">
        <Link href="/can-bo">← Cán bộ</Link>
      </p>
      <OfficialFiguresView data={data} title={`Kết quả đánh giá: ${data.official.fullName}`} basePath={`/can-bo/${data.official.id}/ket-qua`} query={query} notes={notes} now={now} />
    </>
  );
}

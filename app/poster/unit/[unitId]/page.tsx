import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { listPosterTargets } from '@/db/queries/posters';
import { getUnitInScope } from '@/db/queries/unit-tree';
import { MAIN_ID, SiteHeader } from '@/components/home/site-header';
import { SiteFooter } from '@/components/home/site-footer';
import { PageSizeStyle } from '@/components/poster/page-size-style';
import { Poster } from '@/components/poster/poster';
import { PosterToolbar } from '@/components/poster/poster-toolbar';
import { can } from '@/lib/auth/roles';
import { getEnv } from '@/lib/env';
import { parsePosterSize, shortSurveyUrl } from '@/lib/qr';
import { getCurrentViewer } from '@/server/auth/viewer';

type Props = {
  params: Promise<{ unitId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const currentViewer = cache(getCurrentViewer);

/**
 * The posters of a unit's subtree, for signed-in staff with posters.print
 * whose scope holds the unit; null (404) for anyone else and for unknown ids.
 */
const loadPosters = cache(async (raw: string) => {
  const viewer = await currentViewer();
  if (!viewer || viewer.mustChangePassword || !can(viewer.role, 'posters.print')) return null;
  if (!/^[1-9]\d{0,15}$/.test(raw)) return null;
  const unitId = Number(raw);
  if (!Number.isSafeInteger(unitId) || !(await getUnitInScope({ viewer, unitId }))) return null;
  return listPosterTargets({ unitId });
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const result = await loadPosters((await params).unitId);
  return { title: result ? `Áp phích mã QR — ${result.unit.name}` : 'Áp phích mã QR', robots: { index: false } };
}

export default async function UnitPostersPage({ params, searchParams }: Props) {
  const raw = (await params).unitId;
  const size = parsePosterSize((await searchParams).size);
  const viewer = await currentViewer();
  if (!viewer) {
    const here = `/poster/unit/${encodeURIComponent(raw)}${size === 'a5' ? '?size=a5' : ''}`;
    redirect(`/login?callbackUrl=${encodeURIComponent(here)}`);
  }
  if (viewer.mustChangePassword) redirect('/tai-khoan/mat-khau');
  const result = await loadPosters(raw);
  if (!result) notFound();
  const baseUrl = getEnv().PUBLIC_BASE_URL;
  const { unit, targets } = result;

  return (
    <>
      <PageSizeStyle size={size} />
      <SiteHeader className="no-print" />
      <main id={MAIN_ID} className="poster-page">
        <div className="container no-print">
          <h1 className="poster-page-title">Áp phích mã QR: {unit.name}</h1>
          <p>
            {targets.length > 0
              ? `${targets.length} áp phích cho các cơ quan và quầy đang hoạt động, mỗi áp phích một trang.`
              : 'Đơn vị này chưa có cơ quan hoặc quầy nào đang nhận đánh giá.'}
          </p>
        </div>
        {targets.length > 0 ? (
          <>
            <PosterToolbar basePath={`/poster/unit/${unit.id}`} size={size} printLabel="In tất cả áp phích" />
            {/* Wider than a phone: focusable and named, so it scrolls from the keyboard too (axe: scrollable-region-focusable). */}
            <div className={`poster-sheets poster-sheets-${size}`} role="region" aria-label="Các áp phích (cuộn ngang trên màn hình hẹp)" tabIndex={0}>
              {targets.map((t) => (
                <Poster
                  key={t.code}
                  code={t.code}
                  officeName={t.officeName}
                  parentName={t.parentName}
                  counterName={t.counterName}
                  shortUrl={shortSurveyUrl(baseUrl, t.code)}
                  size={size}
                  headingLevel={2}
                />
              ))}
            </div>
          </>
        ) : null}
      </main>
      <SiteFooter className="no-print" />
    </>
  );
}

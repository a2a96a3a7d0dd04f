import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { getPosterTarget } from '@/db/queries/posters';
import { getUnitInScope } from '@/db/queries/unit-tree';
import { MAIN_ID, SiteHeader } from '@/components/home/site-header';
import { SiteFooter } from '@/components/home/site-footer';
import { PageSizeStyle } from '@/components/poster/page-size-style';
import { Poster } from '@/components/poster/poster';
import { PosterToolbar } from '@/components/poster/poster-toolbar';
import { can } from '@/lib/auth/roles';
import { normalizeCode } from '@/lib/codes';
import { getEnv } from '@/lib/env';
import { parsePosterSize, shortSurveyUrl } from '@/lib/qr';
import { getCurrentViewer } from '@/server/auth/viewer';

type Props = {
  params: Promise<{ code: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const currentViewer = cache(getCurrentViewer);

/**
 * One lookup per request, shared by the metadata and the page. Posters are
 * printed by signed-in staff with posters.print whose scope holds the office;
 * for anyone else the code is "not found", so nothing about it is confirmed.
 */
const loadTarget = cache(async (raw: string) => {
  const viewer = await currentViewer();
  if (!viewer || viewer.mustChangePassword || !can(viewer.role, 'posters.print')) return null;
  const code = normalizeCode(raw);
  const target = code ? await getPosterTarget({ code }) : null;
  return target && (await getUnitInScope({ viewer, unitId: target.unitId })) ? target : null;
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const target = await loadTarget((await params).code);
  if (!target) return { title: 'Áp phích mã QR', robots: { index: false } };
  const place = target.counterName ? `${target.officeName}, ${target.counterName}` : target.officeName;
  return { title: `Áp phích mã QR — ${place}`, robots: { index: false } };
}

export default async function PosterPage({ params, searchParams }: Props) {
  const raw = (await params).code;
  const size = parsePosterSize((await searchParams).size);
  const viewer = await currentViewer();
  if (!viewer) {
    const here = `/poster/${encodeURIComponent(raw)}${size === 'a5' ? '?size=a5' : ''}`;
    redirect(`/login?callbackUrl=${encodeURIComponent(here)}`);
  }
  if (viewer.mustChangePassword) redirect('/tai-khoan/mat-khau');
  const target = await loadTarget(raw);
  if (!target) notFound();
  const { code } = target;

  return (
    <>
      <PageSizeStyle size={size} />
      <SiteHeader className="no-print" />
      <main id={MAIN_ID} className="poster-page">
        <PosterToolbar basePath={`/poster/${code}`} size={size}>
          <a className="button secondary" href={`/qr/${code}.png`} download={`ma-qr-${code}.png`}>
            Tải ảnh mã QR (PNG)
          </a>
          <a className="button secondary" href={`/qr/${code}.svg`} download={`ma-qr-${code}.svg`}>
            Tải ảnh mã QR (SVG)
          </a>
        </PosterToolbar>
        {/* Wider than a phone: focusable and named, so it scrolls from the keyboard too (axe: scrollable-region-focusable). */}
        <div className={`poster-sheets poster-sheets-${size}`} role="region" aria-label="Áp phích (cuộn ngang trên màn hình hẹp)" tabIndex={0}>
          <Poster
            code={code}
            officeName={target.officeName}
            parentName={target.parentName}
            counterName={target.counterName}
            shortUrl={shortSurveyUrl(getEnv().PUBLIC_BASE_URL, code)}
            size={size}
            headingLevel={1}
          />
        </div>
      </main>
      <SiteFooter className="no-print" />
    </>
  );
}

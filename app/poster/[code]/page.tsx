import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { getDb } from '@/db/client';
import { getPosterTarget } from '@/db/queries/posters';
import { MAIN_ID, SiteHeader } from '@/components/home/site-header';
import { SiteFooter } from '@/components/home/site-footer';
import { PageSizeStyle } from '@/components/poster/page-size-style';
import { Poster } from '@/components/poster/poster';
import { PosterToolbar } from '@/components/poster/poster-toolbar';
import { normalizeCode } from '@/lib/codes';
import { getEnv } from '@/lib/env';
import { parsePosterSize, shortSurveyUrl } from '@/lib/qr';

type Props = {
  params: Promise<{ code: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** One lookup per request, shared by the metadata and the page. */
const loadTarget = cache((raw: string) => {
  const code = normalizeCode(raw);
  return code ? getPosterTarget(getDb(), { code }) : null;
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const target = loadTarget((await params).code);
  if (!target) return { title: 'Không tìm thấy', robots: { index: false } };
  const place = target.counterName ? `${target.officeName}, ${target.counterName}` : target.officeName;
  return { title: `Áp phích mã QR — ${place}`, robots: { index: false } };
}

export default async function PosterPage({ params, searchParams }: Props) {
  const target = loadTarget((await params).code);
  if (!target) notFound();
  const size = parsePosterSize((await searchParams).size);
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
        <div className={`poster-sheets poster-sheets-${size}`}>
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

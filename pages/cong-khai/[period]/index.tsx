import type { GetServerSideProps } from 'next';
import { answerNotFound, NotFoundPage } from '@/components/home/not-found-page';
import { FiguresTable, hrefIn, OpenDataLinks, ProvinceFigure, PublicShell, switchHrefOf } from '@/components/public/results';
import { formatDate } from '@/lib/format';
import { pickLang, type Lang } from '@/lib/i18n';
import { PUBLIC_TEXT } from '@/lib/i18n/public-text';
import { periodLabel, type PublishedFigure } from '@/lib/publishing/publication';
import { loadPublicPeriod } from '@/server/public-results';

/**
 * One published period (/cong-khai/2026-Q3, /cong-khai/2026): every office
 * in the public order, a page of 100 at a time (?trang=2), for the press to
 * cite. A period never published or withdrawn is a 404.
 */
export const config = { unstable_runtimeJS: false };

const PAGE_SIZE = 100;

type Props =
  | { missing: true; lang: Lang }
  | { lang: Lang; periodKey: string; label: string; isYear: boolean; provinceName: string; publishedAt: string; province: PublishedFigure; offices: PublishedFigure[]; page: number; pages: number; total: number; ranked: number };

export const getServerSideProps: GetServerSideProps<Props, { period: string }> = async ({ params, query, res }) => {
  const lang = pickLang(query.lang);
  const found = await loadPublicPeriod(params?.period ?? '');
  if (!found) return answerNotFound(res, lang);
  const { view } = found;
  const pages = Math.max(1, Math.ceil(view.offices.length / PAGE_SIZE));
  const asked = typeof query.trang === 'string' && /^[1-9]\d{0,5}$/.test(query.trang) ? Number(query.trang) : 1;
  const page = Math.min(asked, pages);
  res.setHeader('Cache-Control', 'public, no-cache');
  return {
    props: {
      lang,
      periodKey: view.period.key,
      label: periodLabel(view.period, lang),
      isYear: view.period.kind === 'year',
      provinceName: view.provinceName,
      publishedAt: view.publishedAt.toISOString(),
      province: view.province,
      offices: view.offices.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE),
      page,
      pages,
      total: view.offices.length,
      ranked: view.ranked,
    },
  };
};

export default function PublishedPeriodPage(props: Props) {
  if ('missing' in props) return <NotFoundPage lang={props.lang} />;
  const { lang, periodKey: key, label, isYear, provinceName, publishedAt, province, offices, page, pages, total } = props;
  const t = PUBLIC_TEXT[lang];
  const path = `/cong-khai/${key}${page > 1 ? `?trang=${page}` : ''}`;
  const pageHref = (n: number) => hrefIn(lang, `/cong-khai/${key}${n > 1 ? `?trang=${n}` : ''}`);
  return (
    <PublicShell lang={lang} title={`${isYear ? t.yearHeading(label) : t.quarterHeading(label)} — ${provinceName}`} switchHref={switchHrefOf(lang, path)}>
      <p>
        <a href={hrefIn(lang, '/cong-khai')}>{t.backToOverview}</a>
      </p>
      <h1>
        {isYear ? t.yearHeading(label) : t.quarterHeading(label)} — {provinceName}
      </h1>
      <p className="muted">{t.publishedOn(formatDate(publishedAt))}</p>
      <ProvinceFigure figure={province} lang={lang} label={label} />
      <p className="muted">
        {t.rankingRule} {t.notEnoughNote}
      </p>
      <OpenDataLinks periodKey={key} lang={lang} />
      <FiguresTable figures={offices} lang={lang} periodKey={key} isYear={isYear} caption={`${t.office} — ${label}${pages > 1 ? ` (${t.page(page, pages)})` : ''}`} />
      {pages > 1 ? (
        <nav aria-label={t.pages} className="pager">
          {page > 1 ? <a href={pageHref(page - 1)}>{t.previous}</a> : null}
          <span>
            {t.page(page, pages)} · {total}
          </span>
          {page < pages ? <a href={pageHref(page + 1)}>{t.next}</a> : null}
        </nav>
      ) : null}
    </PublicShell>
  );
}

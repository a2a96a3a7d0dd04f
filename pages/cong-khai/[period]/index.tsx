import type { GetServerSideProps } from 'next';
import { answerNotFound, NotFoundPage } from '@/components/home/not-found-page';
import { FiguresTable, hrefIn, inProvince, OpenDataLinks, ProvinceFigure, PublicShell, switchHrefOf } from '@/components/public/results';
import { formatDate } from '@/lib/format';
import { pickLang, type Lang } from '@/lib/i18n';
import { PUBLIC_TEXT } from '@/lib/i18n/public-text';
import { parsePeriodKey, periodLabel, type PublishedFigure } from '@/lib/publishing/publication';
import { loadProvincesPublishing, loadPublicPeriod, parseProvinceParam, provinceParam } from '@/server/public-results';

/**
 * One published period (/cong-khai/2026-Q3, /cong-khai/2026): every office
 * in the public order, a page of 100 at a time (?trang=2), for the press to
 * cite. A period never published or withdrawn is a 404. On a platform
 * publishing for several provinces the province is `?tinh=<id>`; without it
 * the page lists the provinces that published the period.
 */
export const config = { unstable_runtimeJS: false };

const PAGE_SIZE = 100;

type Props =
  | { missing: true; lang: Lang }
  | { lang: Lang; periodKey: string; label: string; isYear: boolean; choose: { id: number; name: string }[] }
  | { lang: Lang; tinh: string | null; periodKey: string; label: string; isYear: boolean; provinceName: string; publishedAt: string; province: PublishedFigure; offices: PublishedFigure[]; page: number; pages: number; total: number; ranked: number };

export const getServerSideProps: GetServerSideProps<Props, { period: string }> = async ({ params, query, res }) => {
  const lang = pickLang(query.lang);
  const key = params?.period ?? '';
  const found = await loadPublicPeriod(key, parseProvinceParam(query.tinh));
  if (!found) {
    const period = parsePeriodKey(key);
    const choose = query.tinh === undefined && period ? await loadProvincesPublishing(period.key) : [];
    if (choose.length < 2) return answerNotFound(res, lang);
    res.setHeader('Cache-Control', 'public, no-cache');
    return { props: { lang, periodKey: period!.key, label: periodLabel(period!, lang), isYear: period!.kind === 'year', choose: choose.map((p) => ({ id: p.id, name: p.name })) } };
  }
  const { view } = found;
  const pages = Math.max(1, Math.ceil(view.offices.length / PAGE_SIZE));
  const asked = typeof query.trang === 'string' && /^[1-9]\d{0,5}$/.test(query.trang) ? Number(query.trang) : 1;
  const page = Math.min(asked, pages);
  res.setHeader('Cache-Control', 'public, no-cache');
  return {
    props: {
      lang,
      tinh: provinceParam(found.index),
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
  if ('choose' in props) return <ChooseProvince {...props} />;
  const { lang, tinh, periodKey: key, label, isYear, provinceName, publishedAt, province, offices, page, pages, total } = props;
  const t = PUBLIC_TEXT[lang];
  const pathOf = (n: number) => inProvince(`/cong-khai/${key}${n > 1 ? `?trang=${n}` : ''}`, tinh);
  const path = pathOf(page);
  const pageHref = (n: number) => hrefIn(lang, pathOf(n));
  return (
    <PublicShell lang={lang} title={`${isYear ? t.yearHeading(label) : t.quarterHeading(label)} — ${provinceName}`} switchHref={switchHrefOf(lang, path)}>
      <p>
        <a href={hrefIn(lang, inProvince('/cong-khai', tinh))}>{t.backToOverview}</a>
      </p>
      <h1>
        {isYear ? t.yearHeading(label) : t.quarterHeading(label)} — {provinceName}
      </h1>
      <p className="muted">{t.publishedOn(formatDate(publishedAt))}</p>
      <ProvinceFigure figure={province} lang={lang} label={label} />
      <p className="muted">
        {t.rankingRule} {t.notEnoughNote}
      </p>
      <OpenDataLinks periodKey={key} lang={lang} tinh={tinh} />
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

/** The period asked for without a province, on a platform where several published it. */
function ChooseProvince({ lang, periodKey: key, label, isYear, choose }: { lang: Lang; periodKey: string; label: string; isYear: boolean; choose: { id: number; name: string }[] }) {
  const t = PUBLIC_TEXT[lang];
  const heading = isYear ? t.yearHeading(label) : t.quarterHeading(label);
  return (
    <PublicShell lang={lang} title={heading} switchHref={switchHrefOf(lang, `/cong-khai/${key}`)}>
      <p>
        <a href={hrefIn(lang, '/cong-khai')}>{t.backToOverview}</a>
      </p>
      <h1>{heading}</h1>
      <p className="lead">{t.chooseProvince}</p>
      <ul className="links">
        {choose.map((p) => (
          <li key={p.id}>
            <a href={hrefIn(lang, inProvince(`/cong-khai/${key}`, String(p.id)))}>{p.name}</a>
          </li>
        ))}
      </ul>
    </PublicShell>
  );
}

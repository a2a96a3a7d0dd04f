import type { GetServerSideProps } from 'next';
import { answerNotFound, NotFoundPage } from '@/components/home/not-found-page';
import { Definitions, FiguresTable, hrefIn, inProvince, OpenDataLinks, ProvinceFigure, PublicShell, switchHrefOf } from '@/components/public/results';
import { formatDate } from '@/lib/format';
import { pickLang, type Lang } from '@/lib/i18n';
import { PUBLIC_TEXT } from '@/lib/i18n/public-text';
import { parsePeriodKey, periodLabel, type PublishedFigure } from '@/lib/publishing/publication';
import { loadPublicHome, parseProvinceParam, provinceParam, type PublicView } from '@/server/public-results';

/**
 * The public results page (docs/decisions/028): the province's and its
 * offices' satisfaction for the newest published quarter and year, ranked by
 * the interval's lower bound, the year's classification, the good examples,
 * the published periods and the definitions. No sign-in, no client runtime
 * (docs/decisions/002); nothing but published rows (server/public-results.ts).
 * On a platform publishing for several provinces, /cong-khai lists them and
 * each one's overview is /cong-khai?tinh=<id>.
 */
export const config = { unstable_runtimeJS: false };

/** Offices listed per period here; the period's own page has them all. */
const TOP = 10;

type Block = { key: string; label: string; isYear: boolean; publishedAt: string; province: PublishedFigure; offices: PublishedFigure[]; total: number };
type Example = { id: number; unitName: string; title: string; body: string; periodLabel: string; photo: string | null };
type Props =
  | { missing: true; lang: Lang }
  | {
      lang: Lang;
      /** The province shown, as `?tinh=` (null on a platform that publishes for one). */
      tinh: string | null;
      provinceName: string | null;
      /** Several provinces publish and none was asked for: the choice. */
      choose: { id: number; name: string }[] | null;
      quarter: Block | null;
      year: Block | null;
      examples: Example[];
      archive: { key: string; label: string }[];
    };

function blockOf(view: PublicView | null, lang: Lang): Block | null {
  if (!view) return null;
  return {
    key: view.period.key,
    label: periodLabel(view.period, lang),
    isYear: view.period.kind === 'year',
    publishedAt: view.publishedAt.toISOString(),
    province: view.province,
    offices: view.offices.slice(0, TOP),
    total: view.offices.length,
  };
}

export const getServerSideProps: GetServerSideProps<Props> = async ({ query, res }) => {
  const lang = pickLang(query.lang);
  const asked = parseProvinceParam(query.tinh);
  const home = await loadPublicHome(asked);
  if (query.tinh !== undefined && !home.province) return answerNotFound(res, lang);
  // Anyone may keep it, but must ask again each time: a withdrawal shows at once.
  res.setHeader('Cache-Control', 'public, no-cache');
  const keyLabel = (key: string) => {
    const p = parsePeriodKey(key);
    return p ? periodLabel(p, lang) : key;
  };
  return {
    props: {
      lang,
      tinh: provinceParam(home),
      provinceName: home.province?.name ?? null,
      choose: home.province || home.provinces.length < 2 ? null : home.provinces.map((p) => ({ id: p.id, name: p.name })),
      quarter: blockOf(home.quarter, lang),
      year: blockOf(home.year, lang),
      examples: home.examples.map((e) => ({
        id: e.id,
        unitName: e.unitName,
        title: e.title,
        body: e.body,
        periodLabel: e.periodLabel,
        photo: e.hasPhoto ? `/anh-vi-du/${e.id}?v=${e.updatedAt.getTime()}` : null,
      })),
      archive: [...home.years, ...home.quarters].map((p) => ({ key: p.periodKey, label: keyLabel(p.periodKey) })),
    },
  };
};

function PeriodSection({ block, lang, tinh }: { block: Block; lang: Lang; tinh: string | null }) {
  const t = PUBLIC_TEXT[lang];
  const id = `ky-${block.key}`;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{block.isYear ? t.yearHeading(block.label) : t.quarterHeading(block.label)}</h2>
      <p className="muted">{t.publishedOn(formatDate(block.publishedAt))}</p>
      <ProvinceFigure figure={block.province} lang={lang} label={block.label} />
      {block.offices.length > 0 ? (
        <>
          <FiguresTable figures={block.offices} lang={lang} periodKey={block.key} isYear={block.isYear} caption={`${t.topOffices(block.offices.length)} — ${block.label}`} />
          <p className="muted">
            {t.rankingRule} {t.notEnoughNote}
          </p>
          <p>
            <a className="button secondary" href={hrefIn(lang, inProvince(`/cong-khai/${block.key}`, tinh))}>
              {t.allOffices(block.total)} — {block.label}
            </a>
          </p>
        </>
      ) : null}
      <OpenDataLinks periodKey={block.key} lang={lang} tinh={tinh} />
    </section>
  );
}

export default function PublicResultsPage(props: Props) {
  if ('missing' in props) return <NotFoundPage lang={props.lang} />;
  const { lang, tinh, provinceName, choose, quarter, year, examples, archive } = props;
  const t = PUBLIC_TEXT[lang];
  return (
    <PublicShell lang={lang} title={t.title} switchHref={switchHrefOf(lang, inProvince('/cong-khai', tinh))}>
      {tinh ? (
        <p>
          <a href={hrefIn(lang, '/cong-khai')}>{t.allProvinces}</a>
        </p>
      ) : null}
      <h1>
        {t.title}
        {provinceName ? ` — ${provinceName}` : ''}
      </h1>
      {choose ? (
        <section aria-labelledby="chon-tinh">
          <p id="chon-tinh" className="lead">
            {t.chooseProvince}
          </p>
          <ul className="links">
            {choose.map((p) => (
              <li key={p.id}>
                <a href={hrefIn(lang, inProvince('/cong-khai', String(p.id)))}>{p.name}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : provinceName ? (
        <p className="lead">{t.intro(provinceName)}</p>
      ) : (
        <p className="notice">{t.nothing}</p>
      )}
      {quarter ? <PeriodSection block={quarter} lang={lang} tinh={tinh} /> : null}
      {year ? <PeriodSection block={year} lang={lang} tinh={tinh} /> : null}
      {examples.length > 0 ? (
        <section aria-labelledby="guong-dien-hinh">
          <h2 id="guong-dien-hinh">{t.examples}</h2>
          <p className="muted">{t.examplesIntro}</p>
          <ul className="examples">
            {examples.map((e) => (
              <li key={e.id} className="example">
                <article lang="vi" aria-labelledby={`vi-du-${e.id}`}>
                  {/* eslint-disable-next-line @next/next/no-img-element -- a plain image: these pages have no client runtime (docs/decisions/002) */}
                  {e.photo ? <img src={e.photo} alt={e.title} loading="lazy" width={480} height={360} /> : null}
                  <h3 id={`vi-du-${e.id}`}>{e.title}</h3>
                  <p className="muted">
                    {e.unitName} · {e.periodLabel}
                  </p>
                  <p>{e.body}</p>
                </article>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {archive.length > 0 ? (
        <section aria-labelledby="cac-ky">
          <h2 id="cac-ky">{t.archive}</h2>
          <ul className="links">
            {archive.map((a) => (
              <li key={a.key}>
                <a href={hrefIn(lang, inProvince(`/cong-khai/${a.key}`, tinh))}>{a.label}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <Definitions lang={lang} />
    </PublicShell>
  );
}

import type { GetServerSideProps } from 'next';
import { Definitions, FiguresTable, hrefIn, OpenDataLinks, ProvinceFigure, PublicShell, switchHrefOf } from '@/components/public/results';
import { formatDate } from '@/lib/format';
import { pickLang, type Lang } from '@/lib/i18n';
import { PUBLIC_TEXT } from '@/lib/i18n/public-text';
import { parsePeriodKey, periodLabel, type PublishedFigure } from '@/lib/publishing/publication';
import { loadPublicHome, type PublicView } from '@/server/public-results';

/**
 * The public results page (docs/decisions/028): the province's and its
 * offices' satisfaction for the newest published quarter and year, ranked by
 * the interval's lower bound, the year's classification, the good examples,
 * the published periods and the definitions. No sign-in, no client runtime
 * (docs/decisions/002); nothing but published rows (server/public-results.ts).
 */
export const config = { unstable_runtimeJS: false };

/** Offices listed per period here; the period's own page has them all. */
const TOP = 10;

type Block = { key: string; label: string; isYear: boolean; publishedAt: string; province: PublishedFigure; offices: PublishedFigure[]; total: number };
type Example = { id: number; unitName: string; title: string; body: string; periodLabel: string; photo: string | null };
type Props = { lang: Lang; provinceName: string | null; quarter: Block | null; year: Block | null; examples: Example[]; archive: { key: string; label: string }[] };

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
  const home = await loadPublicHome();
  // Anyone may keep it, but must ask again each time: a withdrawal shows at once.
  res.setHeader('Cache-Control', 'public, no-cache');
  const keyLabel = (key: string) => {
    const p = parsePeriodKey(key);
    return p ? periodLabel(p, lang) : key;
  };
  return {
    props: {
      lang,
      provinceName: home.province?.name ?? null,
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

function PeriodSection({ block, lang }: { block: Block; lang: Lang }) {
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
            <a className="button secondary" href={hrefIn(lang, `/cong-khai/${block.key}`)}>
              {t.allOffices(block.total)} — {block.label}
            </a>
          </p>
        </>
      ) : null}
      <OpenDataLinks periodKey={block.key} lang={lang} />
    </section>
  );
}

export default function PublicResultsPage({ lang, provinceName, quarter, year, examples, archive }: Props) {
  const t = PUBLIC_TEXT[lang];
  return (
    <PublicShell lang={lang} title={t.title} switchHref={switchHrefOf(lang, '/cong-khai')}>
      <h1>
        {t.title}
        {provinceName ? ` — ${provinceName}` : ''}
      </h1>
      {provinceName ? <p className="lead">{t.intro(provinceName)}</p> : <p className="notice">{t.nothing}</p>}
      {quarter ? <PeriodSection block={quarter} lang={lang} /> : null}
      {year ? <PeriodSection block={year} lang={lang} /> : null}
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
                <a href={hrefIn(lang, `/cong-khai/${a.key}`)}>{a.label}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <Definitions lang={lang} />
    </PublicShell>
  );
}

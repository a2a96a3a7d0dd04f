import Head from 'next/head';
import type { ReactNode } from 'react';
import { HomeShell } from '@/components/home/home-shell';
import { SiteFooter } from '@/components/home/site-footer';
import { MAIN_ID, SiteHeader } from '@/components/home/site-header';
import type { Lang } from '@/lib/i18n';
import { PUBLIC_TEXT } from '@/lib/i18n/public-text';
import { COLUMN_DEFINITIONS, GENERAL_DEFINITIONS, OPEN_DATA_COLUMNS } from '@/lib/publishing/open-data';
import { formatNumber, formatShare, formatTotal, publicRate, type PublishedFigure } from '@/lib/publishing/publication';

/**
 * The public results pages' pieces (/cong-khai, docs/decisions/028): plain
 * HTML without the client runtime, like the citizen pages
 * (docs/decisions/002), on the home page's stylesheet plus a few rules.
 * Everything shown comes from a publication's frozen rows.
 */

const PUBLIC_CSS = `
.lead{font-size:1.125rem;max-width:48rem}
.muted{color:var(--muted)}
.province{border:2px solid var(--brand);border-radius:.5rem;padding:.75rem 1rem;margin:0 0 1rem;max-width:48rem}
.province p{margin:.25rem 0}
.big{font-size:2rem;font-weight:700;line-height:1.2}
.table-wrap{overflow-x:auto;margin:0 0 .75rem}
table.results{border-collapse:collapse;width:100%;min-width:36rem}
.results caption{text-align:left;font-weight:700;padding:.25rem 0 .5rem}
.results th,.results td{padding:.375rem .5rem;border-bottom:1px solid var(--line);text-align:left;vertical-align:middle}
.results thead th{border-bottom:2px solid #6b7079;font-size:.9375rem}
.results .num{text-align:right;white-space:nowrap}
.results a{display:inline-flex;align-items:center;min-height:44px}
.links{display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;margin:.25rem 0 1rem;padding:0;list-style:none}
.links a{display:inline-flex;align-items:center;min-height:44px}
.examples{display:grid;gap:1rem;grid-template-columns:repeat(auto-fill,minmax(18rem,1fr));list-style:none;margin:0;padding:0}
.example{border:1px solid var(--line);border-radius:.5rem;padding:.75rem 1rem}
.example h3{margin:.25rem 0;font-size:1.125rem}
.example p{margin:.25rem 0;white-space:pre-line}
.example img{display:block;width:100%;height:auto;aspect-ratio:4/3;object-fit:cover;border-radius:.25rem;background:#eee}
.defs dt{font-weight:700;margin-top:.5rem}
.defs dd{margin:0 0 .25rem}
.defs code,.embed{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9375rem}
.embed{display:block;white-space:pre-wrap;word-break:break-all;background:#f4f5f7;padding:.75rem;border-radius:.25rem;border:1px solid var(--line)}
.pager{display:flex;gap:1rem;align-items:center;flex-wrap:wrap}
.pager a{display:inline-flex;align-items:center;min-height:44px}
`;

export function PublicShell({ lang, title, switchHref, children }: { lang: Lang; title: string; switchHref: string; children: ReactNode }) {
  return (
    <HomeShell title={`${title} · Hài Lòng`} description={PUBLIC_TEXT.vi.title}>
      <Head>
        <style dangerouslySetInnerHTML={{ __html: PUBLIC_CSS }} />
      </Head>
      <SiteHeader lang={lang} switchHref={switchHref} />
      <main id={MAIN_ID} className="container">
        {children}
      </main>
      <SiteFooter lang={lang} />
    </HomeShell>
  );
}

/** A link on these pages, keeping English when it was asked. */
export function hrefIn(lang: Lang, path: string): string {
  return lang === 'en' ? withParam(path, 'lang', 'en') : path;
}

/**
 * A public path in the province shown: `tinh` is its id when the platform
 * publishes for several provinces (server/public-results.ts provinceParam),
 * null when it serves one, whose addresses then carry no province.
 */
export function inProvince(path: string, tinh: string | null): string {
  return tinh ? withParam(path, 'tinh', tinh) : path;
}

function withParam(path: string, name: string, value: string): string {
  const [base, hash] = path.split('#');
  return `${base}${base!.includes('?') ? '&' : '?'}${name}=${encodeURIComponent(value)}${hash === undefined ? '' : `#${hash}`}`;
}

/** The same page in the other language. */
export function switchHrefOf(lang: Lang, path: string): string {
  return lang === 'en' ? path : hrefIn('en', path);
}

export function rateText(f: PublishedFigure, lang: Lang): string {
  const r = publicRate(f);
  return r.enoughData ? formatShare(r.rate, lang) : PUBLIC_TEXT[lang].notEnough;
}

export function intervalText(f: PublishedFigure, lang: Lang): string {
  const r = publicRate(f);
  if (!r.enoughData) return '—';
  return `${formatShare(r.low, lang).replace(' %', '')}–${formatShare(r.high, lang)}`;
}

/** The province's own line: its rate, n and interval. */
export function ProvinceFigure({ figure, lang, label }: { figure: PublishedFigure; lang: Lang; label: string }) {
  const t = PUBLIC_TEXT[lang];
  const r = publicRate(figure);
  return (
    <div className="province">
      <p>
        <strong>{t.provinceWide}</strong> · {label}
      </p>
      <p className="big">{r.enoughData ? `${formatShare(r.rate, lang)} ${t.satisfied}` : t.notEnough}</p>
      <p>
        n = {formatNumber(figure.respondents, lang)}
        {r.enoughData ? ` · ${t.interval}: ${intervalText(figure, lang)}` : ` · ${t.notEnoughNote}`}
      </p>
    </div>
  );
}

/** Offices in the public order, each with rank, rate, interval and n (and for a year the total and class). */
export function FiguresTable({ figures, lang, periodKey, isYear, caption }: { figures: readonly PublishedFigure[]; lang: Lang; periodKey: string; isYear: boolean; caption: string }) {
  const t = PUBLIC_TEXT[lang];
  return (
    <div className="table-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table className="results">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              {t.rank}
            </th>
            <th scope="col">{t.office}</th>
            <th scope="col" className="num">
              {t.rate}
            </th>
            <th scope="col" className="num">
              {t.interval}
            </th>
            <th scope="col" className="num">
              {t.n}
            </th>
            {isYear ? (
              <>
                <th scope="col" className="num">
                  {t.total}
                </th>
                <th scope="col">{t.classification}</th>
              </>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {figures.map((f) => (
            <tr key={f.unitId}>
              <td className="num">{f.rank ?? '—'}</td>
              <th scope="row">{f.code ? <a href={hrefIn(lang, `/cong-khai/${periodKey}/${encodeURIComponent(f.code)}`)}>{f.name}</a> : f.name}</th>
              <td className="num">{rateText(f, lang)}</td>
              <td className="num">{intervalText(f, lang)}</td>
              <td className="num">{formatNumber(f.respondents, lang)}</td>
              {isYear ? (
                <>
                  <td className="num">{f.totalX100 === null ? '—' : formatTotal(f.totalX100, lang)}</td>
                  <td>{f.finalClass ?? '—'}</td>
                </>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function OpenDataLinks({ periodKey, lang, tinh }: { periodKey: string; lang: Lang; tinh: string | null }) {
  const t = PUBLIC_TEXT[lang];
  return (
    <ul className="links" aria-label={t.download}>
      <li>
        <a href={inProvince(`/cong-khai/${periodKey}/du-lieu.csv`, tinh)} type="text/csv">
          {t.csv} <span className="muted">({periodKey})</span>
        </a>
      </li>
      <li>
        <a href={inProvince(`/cong-khai/${periodKey}/du-lieu.json`, tinh)} type="application/json">
          {t.json} <span className="muted">({periodKey})</span>
        </a>
      </li>
      <li>
        <a href={hrefIn(lang, '/cong-khai#dinh-nghia')}>{t.definitionsLink}</a>
      </li>
    </ul>
  );
}

/** What every number and every column of the open data means (the same text the JSON carries). */
export function Definitions({ lang }: { lang: Lang }) {
  const t = PUBLIC_TEXT[lang];
  return (
    <section aria-labelledby="dinh-nghia" className="defs">
      <h2 id="dinh-nghia">{t.definitions}</h2>
      {GENERAL_DEFINITIONS.map((d) => (
        <p key={d.vi}>{d[lang]}</p>
      ))}
      <h3>{t.columns}</h3>
      <dl>
        {OPEN_DATA_COLUMNS.map((c) => (
          <div key={c}>
            <dt>
              <code>{c}</code>
            </dt>
            <dd>{COLUMN_DEFINITIONS[c][lang]}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

import Link from 'next/link';
import type { Metadata } from 'next';
import { listOfficesGrouped, searchOffices } from '@/db/queries/office-search';
import { OfficeGroups, OfficeResults } from '@/components/home/office-list';
import { OfficeSearchForm } from '@/components/home/office-search-form';
import { SiteFooter } from '@/components/home/site-footer';
import { MAIN_ID, SiteHeader } from '@/components/home/site-header';
import { pickLang, type Lang } from '@/lib/i18n';
import { HOME_TEXT } from '@/lib/i18n/home-text';

const RESULT_LIMIT = 50;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const first = (raw: string | string[] | undefined) => (Array.isArray(raw) ? raw[0] : raw);

async function readQuery(searchParams: Props['searchParams']): Promise<{ query: string; lang: Lang }> {
  const params = await searchParams;
  return { query: first(params.q)?.trim().slice(0, 100) ?? '', lang: pickLang(first(params.lang)) };
}

/** This page in the other language, keeping the search. */
function switchHref(query: string, lang: Lang): string {
  const params = new URLSearchParams();
  if (query) params.set('q', query);
  if (lang === 'vi') params.set('lang', 'en');
  const search = params.toString();
  return search ? `/?${search}` : '/';
}

/** A results page gets its own title, so screen readers announce the search was done. */
export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const { query, lang } = await readQuery(searchParams);
  return query ? { title: HOME_TEXT[lang].searchTitle(query) } : {};
}

export default async function HomePage({ searchParams }: Props) {
  const { query, lang } = await readQuery(searchParams);
  const t = HOME_TEXT[lang];
  // One extra row tells whether the list was cut.
  const found = query ? await searchOffices({ query, limit: RESULT_LIMIT + 1 }) : null;
  const results = found?.slice(0, RESULT_LIMIT) ?? null;
  const more = (found?.length ?? 0) > RESULT_LIMIT;
  const groups = results ? [] : await listOfficesGrouped();

  // The root layout says lang="vi"; the English page says so for everything it holds (WCAG 3.1.2).
  return (
    <div lang={lang}>
      <SiteHeader asHeading lang={lang} switchHref={switchHref(query, lang)}>
        <div className="home-intro">
          <p className="home-lead">{t.lead}</p>
          <p>{t.intro}</p>
        </div>
      </SiteHeader>
      <main id={MAIN_ID} className="container home-main">
        <section aria-labelledby="tim-co-quan">
          <h2 id="tim-co-quan">{t.chooseOffice}</h2>
          <OfficeSearchForm query={query} lang={lang} />
        </section>

        {results ? (
          <section aria-labelledby="ket-qua" className="home-results">
            <h2 id="ket-qua">
              {results.length > 0 ? t.found(more ? t.moreThan(RESULT_LIMIT) : String(results.length), query) : t.notFound(query)}
            </h2>
            {results.length > 0 ? (
              <>
                {more ? <p>{t.onlyFirst(RESULT_LIMIT)}</p> : null}
                <OfficeResults offices={results} lang={lang} />
              </>
            ) : (
              <div className="notice">
                <p>{t.tryShorter}</p>
              </div>
            )}
            <p>
              <Link className="button secondary" href={lang === 'en' ? '/?lang=en' : '/'}>
                {t.allOfficesLink}
              </Link>
            </p>
          </section>
        ) : (
          <section aria-labelledby="tat-ca" className="home-results">
            <h2 id="tat-ca">{t.allOffices}</h2>
            {groups.length > 0 ? <OfficeGroups groups={groups} lang={lang} /> : <p className="notice">{t.noOffices}</p>}
          </section>
        )}
      </main>
      <SiteFooter lang={lang} />
    </div>
  );
}

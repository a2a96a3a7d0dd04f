import type { GetServerSideProps } from 'next';
import { HomeShell } from '@/components/home/home-shell';
import { LookupInvite } from '@/components/home/lookup-invite';
import { OfficeGroups, OfficeResults } from '@/components/home/office-list';
import { OfficeSearchForm } from '@/components/home/office-search-form';
import { SiteFooter } from '@/components/home/site-footer';
import { MAIN_ID, SiteHeader } from '@/components/home/site-header';
import { listOfficesGrouped, searchOffices, type OfficeGroup, type PublicOffice } from '@/db/queries/office-search';
import { pickLang, type Lang } from '@/lib/i18n';
import { HOME_TEXT } from '@/lib/i18n/home-text';

/**
 * The public home page: find an office and open its survey. Like the survey,
 * plain HTML without Next's client runtime (docs/decisions/002): the search
 * is a GET form, so it works with JavaScript off and the query stays in the
 * URL. A busy database answers 503 from pages/_error.tsx.
 */
export const config = { unstable_runtimeJS: false };

const RESULT_LIMIT = 50;

type Props = {
  lang: Lang;
  query: string;
  /** Null when nothing was asked: the page lists every office by group. */
  results: PublicOffice[] | null;
  more: boolean;
  groups: OfficeGroup[];
};

const first = (raw: string | string[] | undefined) => (Array.isArray(raw) ? raw[0] : raw);

export const getServerSideProps: GetServerSideProps<Props> = async ({ query: params, res }) => {
  const query = first(params.q)?.trim().slice(0, 100) ?? '';
  const lang = pickLang(first(params.lang));
  // One extra row tells whether the list was cut.
  const found = query ? await searchOffices({ query, limit: RESULT_LIMIT + 1 }) : null;
  res.setHeader('Cache-Control', 'private, no-cache');
  return {
    props: {
      lang,
      query,
      results: found?.slice(0, RESULT_LIMIT) ?? null,
      more: (found?.length ?? 0) > RESULT_LIMIT,
      groups: found ? [] : await listOfficesGrouped(),
    },
  };
};

/** This page in the other language, keeping the search. */
function switchHref(query: string, lang: Lang): string {
  const params = new URLSearchParams();
  if (query) params.set('q', query);
  if (lang === 'vi') params.set('lang', 'en');
  const search = params.toString();
  return search ? `/?${search}` : '/';
}

export default function HomePage({ lang, query, results, more, groups }: Props) {
  const t = HOME_TEXT[lang];
  // A results page gets its own title, so screen readers announce the search was done.
  const title = query ? `${t.searchTitle(query)} · Hài Lòng` : 'Hài Lòng — Đánh giá sự hài lòng';
  return (
    <HomeShell title={title} description="Người dân đánh giá thái độ phục vụ và chất lượng giải quyết thủ tục hành chính.">
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
              <a className="button secondary" href={lang === 'en' ? '/?lang=en' : '/'}>
                {t.allOfficesLink}
              </a>
            </p>
          </section>
        ) : (
          <section aria-labelledby="tat-ca" className="home-results">
            <h2 id="tat-ca">{t.allOffices}</h2>
            {groups.length > 0 ? <OfficeGroups groups={groups} lang={lang} /> : <p className="notice">{t.noOffices}</p>}
          </section>
        )}

        <LookupInvite lang={lang} />
      </main>
      <SiteFooter lang={lang} />
    </HomeShell>
  );
}


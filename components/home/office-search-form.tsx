import type { Lang } from '@/lib/i18n';
import { HOME_TEXT } from '@/lib/i18n/home-text';

/** A plain GET form: works without JavaScript and keeps the query (and the language) in the URL. */
export function OfficeSearchForm({ query, lang = 'vi' }: { query: string; lang?: Lang }) {
  const t = HOME_TEXT[lang];
  return (
    <form className="search-form" action="/" method="get" role="search">
      {lang === 'en' ? <input type="hidden" name="lang" value="en" /> : null}
      <label htmlFor="q" className="search-label">
        {t.searchLabel}
      </label>
      <p id="q-hint" className="search-hint">
        {t.searchHint}
      </p>
      <div className="search-row">
        <input id="q" name="q" type="search" defaultValue={query} maxLength={100} autoComplete="off" aria-describedby="q-hint" />
        <button type="submit" className="button">
          {t.searchButton}
        </button>
      </div>
    </form>
  );
}

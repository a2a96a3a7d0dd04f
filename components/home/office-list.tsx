import type { Lang } from '@/lib/i18n';
import { HOME_TEXT } from '@/lib/i18n/home-text';

type Office = { id: number; code: string; name: string; parentName?: string | null; matchedAlias?: string | null };
type Group = { parentId: number | null; parentName: string | null; offices: Office[] };

/** The survey of an office, marked as reached from the website rather than a QR poster, in the page's language. */
function surveyHref(code: string, lang: Lang): string {
  return `/s/${encodeURIComponent(code)}?kenh=web${lang === 'en' ? '&lang=en' : ''}`;
}

function OfficeLink({ office, showParent, lang }: { office: Office; showParent: boolean; lang: Lang }) {
  return (
    <a className="office-link" href={surveyHref(office.code, lang)}>
      <span className="office-name">{office.name}</span>
      {showParent && office.parentName ? <span className="office-parent">{office.parentName}</span> : null}
      {office.matchedAlias ? (
        <span className="office-alias">
          {HOME_TEXT[lang].formerly} {office.matchedAlias}
        </span>
      ) : null}
      <span className="office-action">
        {HOME_TEXT[lang].rate}
        <span aria-hidden="true"> →</span>
      </span>
    </a>
  );
}

/** Search results: each office with its parent unit, so same-named desks can be told apart. */
export function OfficeResults({ offices, lang = 'vi' }: { offices: Office[]; lang?: Lang }) {
  return (
    <ul className="office-list">
      {offices.map((o) => (
        <li key={o.id}>
          <OfficeLink office={o} showParent lang={lang} />
        </li>
      ))}
    </ul>
  );
}

/** All offices under a heading per parent unit (h3, below the section's h2). */
export function OfficeGroups({ groups, lang = 'vi' }: { groups: Group[]; lang?: Lang }) {
  return (
    <div className="office-groups">
      {groups.map((g) => (
        <section key={g.parentId ?? 'root'} className="office-group" aria-labelledby={`nhom-${g.parentId ?? 'goc'}`}>
          <h3 id={`nhom-${g.parentId ?? 'goc'}`}>{g.parentName ?? HOME_TEXT[lang].topLevel}</h3>
          <ul className="office-list">
            {g.offices.map((o) => (
              <li key={o.id}>
                <OfficeLink office={o} showParent={false} lang={lang} />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

type Office = { id: number; code: string; name: string; parentName?: string | null };
type Group = { parentId: number | null; parentName: string | null; offices: Office[] };

/** The survey of an office, marked as reached from the website rather than a QR poster. */
function surveyHref(code: string): string {
  return `/s/${encodeURIComponent(code)}?kenh=web`;
}

function OfficeLink({ office, showParent }: { office: Office; showParent: boolean }) {
  return (
    <a className="office-link" href={surveyHref(office.code)}>
      <span className="office-name">{office.name}</span>
      {showParent && office.parentName ? <span className="office-parent">{office.parentName}</span> : null}
      <span className="office-action">
        Đánh giá<span aria-hidden="true"> →</span>
      </span>
    </a>
  );
}

/** Search results: each office with its parent unit, so same-named desks can be told apart. */
export function OfficeResults({ offices }: { offices: Office[] }) {
  return (
    <ul className="office-list">
      {offices.map((o) => (
        <li key={o.id}>
          <OfficeLink office={o} showParent />
        </li>
      ))}
    </ul>
  );
}

/** All offices under a heading per parent unit (h3, below the section's h2). */
export function OfficeGroups({ groups }: { groups: Group[] }) {
  return (
    <div className="office-groups">
      {groups.map((g) => (
        <section key={g.parentId ?? 'root'} className="office-group" aria-labelledby={`nhom-${g.parentId ?? 'goc'}`}>
          <h3 id={`nhom-${g.parentId ?? 'goc'}`}>{g.parentName ?? 'Cơ quan cấp trên'}</h3>
          <ul className="office-list">
            {g.offices.map((o) => (
              <li key={o.id}>
                <OfficeLink office={o} showParent={false} />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

/** The official on duty at the counter, as a citizen sees them before rating (survey page; the kiosk draws the same line itself). */
export type ServingOfficialView = { id: number; fullName: string; position: string; photoVersion: number };

export const SERVING_CSS = '.serving{display:flex;gap:.75rem;align-items:center;margin:0 0 1rem}.serving img{border-radius:50%;object-fit:cover;flex:none}';

/** "Quầy 3 — Nguyễn Thị A, chuyên viên" */
export function servingText(counter: string, official: Pick<ServingOfficialView, 'fullName' | 'position'>): string {
  return `${counter} — ${official.fullName}${official.position ? `, ${official.position}` : ''}`;
}

export function ServingLine({ label, photoAlt, counter, official }: { label: string; photoAlt: string; counter: string; official: ServingOfficialView }) {
  return (
    <p className="serving">
      {official.photoVersion > 0 ? (
        // eslint-disable-next-line @next/next/no-img-element -- already resized on upload; next/image needs a client runtime the citizen pages do not load
        <img src={`/anh-can-bo/${official.id}?v=${official.photoVersion}`} width={56} height={56} alt={photoAlt.replace('{name}', official.fullName)} />
      ) : null}
      <span>
        {label}: <strong>{servingText(counter, official)}</strong>
      </span>
    </p>
  );
}

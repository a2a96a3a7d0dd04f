/** Notes about URL filters that were dropped because they did not parse (lib/validation/list-filters.ts). */
export function FilterNotes({ notes }: { notes: string[] }) {
  if (!notes.length) return null;
  return (
    <div className="notice" role="status">
      {notes.map((n) => (
        <p key={n}>{n}</p>
      ))}
    </div>
  );
}

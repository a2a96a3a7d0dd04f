import type { Lang } from '@/lib/i18n';
import { CitizenShell } from './citizen-shell';

/** What a citizen sees when the database is busy or unreachable: a Vietnamese 503 page, never Next's error page. */
export function BusyPage(p: { lang: Lang; title: string; message: string }) {
  return (
    <CitizenShell lang={p.lang} title={p.title}>
      <div className="alert" role="alert">
        <h1>{p.title}</h1>
        <p>{p.message}</p>
      </div>
    </CitizenShell>
  );
}

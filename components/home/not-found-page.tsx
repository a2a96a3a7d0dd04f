import type { ServerResponse } from 'node:http';
import type { Lang } from '@/lib/i18n';
import { HOME_TEXT } from '@/lib/i18n/home-text';
import { HomeShell } from './home-shell';
import { LookupInvite } from './lookup-invite';
import { SiteFooter } from './site-footer';
import { MAIN_ID, SiteHeader } from './site-header';

/**
 * What a citizen sees for an address no page answers, or a survey code that
 * is unknown or disabled: plain HTML without the client runtime, like the
 * survey (docs/decisions/002). Pages Router pages render it themselves with
 * status 404 rather than returning `notFound`, which would answer with the
 * App Router's not-found page and its ~150 KB of framework JavaScript.
 *
 * In the language asked (`?lang=en`), then a short note in the other one: an
 * old QR code or a mistyped address carries no language.
 */
export function NotFoundPage({ lang }: { lang: Lang }) {
  const t = HOME_TEXT[lang];
  const other: Lang = lang === 'en' ? 'vi' : 'en';
  const o = HOME_TEXT[other];
  return (
    <HomeShell title={`${t.notFoundTitle} · Hài Lòng`}>
      <SiteHeader lang={lang} />
      <main id={MAIN_ID} className="container not-found">
        <h1>{t.notFoundHeading}</h1>
        <p>{t.notFoundBody}</p>
        <p>{t.notFoundHint}</p>
        <p>
          <a className="button" href={lang === 'en' ? '/?lang=en' : '/'}>
            {t.home}
          </a>
        </p>
        <LookupInvite lang={lang} />
        <section lang={other} aria-labelledby="not-found-other">
          <h2 id="not-found-other">{o.notFoundHeading}</h2>
          <p>{o.notFoundBody}</p>
          <p>
            <a className="button secondary" href={other === 'en' ? '/?lang=en' : '/'}>
              {o.home}
            </a>
          </p>
        </section>
      </main>
      <SiteFooter lang={lang} />
    </HomeShell>
  );
}

/** Marks the answer as a 404; the page then renders NotFoundPage. */
export function answerNotFound(res: ServerResponse, lang: Lang): { props: { missing: true; lang: Lang } } {
  res.statusCode = 404;
  return { props: { missing: true, lang } };
}

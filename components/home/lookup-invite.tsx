import type { Lang } from '@/lib/i18n';
import { HOME_TEXT } from '@/lib/i18n/home-text';

/** The way to /tra-cuu for a citizen who commented and kept the receipt code (home page, 404 page). */
export function LookupInvite({ lang, headingLevel = 2 }: { lang: Lang; headingLevel?: 2 | 3 }) {
  const t = HOME_TEXT[lang];
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const id = `tra-cuu-${lang}`;
  return (
    <section className="lookup" aria-labelledby={id}>
      <Heading id={id}>{t.lookupTitle}</Heading>
      <p>{t.lookupBody}</p>
      <a className="button secondary" href={lang === 'en' ? '/tra-cuu?lang=en' : '/tra-cuu'}>
        {t.lookupLink}
      </a>
    </section>
  );
}

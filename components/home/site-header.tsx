import type { ReactNode } from 'react';
import type { Lang } from '@/lib/i18n';
import { HOME_TEXT } from '@/lib/i18n/home-text';

/** The id of each page's <main>, target of the skip link. */
export const MAIN_ID = 'noi-dung';

type Props = {
  asHeading?: boolean;
  className?: string;
  lang?: Lang;
  /** The same page in the other language; no switch when absent. */
  switchHref?: string;
  children?: ReactNode;
};

/**
 * The red site bar with a skip link. On the home page the name is the page's
 * h1 (`asHeading`) and `children` carry the intro; elsewhere it is a link home.
 */
export function SiteHeader({ asHeading = false, className, lang = 'vi', switchHref, children }: Props) {
  const t = HOME_TEXT[lang];
  const other: Lang = lang === 'en' ? 'vi' : 'en';
  return (
    <>
      <a className={`skip-link ${className ?? ''}`} href={`#${MAIN_ID}`}>
        {t.skipLink}
      </a>
      <header className={`site-header ${className ?? ''}`}>
        <div className="container site-header-inner">
          {asHeading ? (
            <h1 className="site-title site-title-h1">Hài Lòng</h1>
          ) : (
            // A plain link: the home page is a Pages Router page without the client runtime (docs/decisions/002).
            <a className="site-title" href={lang === 'en' ? '/?lang=en' : '/'}>
              Hài Lòng
            </a>
          )}
          {switchHref ? (
            <a className="site-lang" href={switchHref} hrefLang={other} lang={other}>
              {t.switchLang}
            </a>
          ) : null}
          {children}
        </div>
      </header>
    </>
  );
}

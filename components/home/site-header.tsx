import Link from 'next/link';
import type { ReactNode } from 'react';

/** The id of each page's <main>, target of the skip link. */
export const MAIN_ID = 'noi-dung';

/**
 * The red site bar with a skip link. On the home page the name is the page's
 * h1 (`asHeading`) and `children` carry the intro; elsewhere it is a link home.
 */
export function SiteHeader({ asHeading = false, className, children }: { asHeading?: boolean; className?: string; children?: ReactNode }) {
  return (
    <>
      <a className={`skip-link ${className ?? ''}`} href={`#${MAIN_ID}`}>
        Bỏ qua, tới nội dung chính
      </a>
      <header className={`site-header ${className ?? ''}`}>
        <div className="container site-header-inner">
          {asHeading ? (
            <h1 className="site-title site-title-h1">Hài Lòng</h1>
          ) : (
            <Link className="site-title" href="/">
              Hài Lòng
            </Link>
          )}
          {children}
        </div>
      </header>
    </>
  );
}

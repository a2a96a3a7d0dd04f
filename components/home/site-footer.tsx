import type { Lang } from '@/lib/i18n';
import { HOME_TEXT } from '@/lib/i18n/home-text';

export function SiteFooter({ className, lang = 'vi' }: { className?: string; lang?: Lang }) {
  const t = HOME_TEXT[lang];
  return (
    <footer className={`site-footer ${className ?? ''}`}>
      <div className="container">
        <p>{t.footerModel}</p>
        <p>
          {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- a plain link: the citizen pages have no client runtime (docs/decisions/002) */}
          <a href="/login">{t.footerStaff}</a>
        </p>
      </div>
    </footer>
  );
}

import type { Lang } from '@/lib/i18n';
import { HOME_TEXT } from '@/lib/i18n/home-text';

export function SiteFooter({ className, lang = 'vi' }: { className?: string; lang?: Lang }) {
  const t = HOME_TEXT[lang];
  return (
    <footer className={`site-footer ${className ?? ''}`}>
      <div className="container">
        <p>{t.footerModel}</p>
        <p>
          <a href="/login">{t.footerStaff}</a>
        </p>
      </div>
    </footer>
  );
}

import { CitizenShell } from '@/components/survey/citizen-shell';
import { APP_ERRORS, type AppErrorCode } from '@/lib/errors';
import type { Lang } from '@/lib/i18n';

/** What a citizen page shows when it fails; plain HTML (no client runtime), like the survey. */
export type CitizenErrorProps = {
  lang: Lang;
  code: AppErrorCode;
  /** The same address again after a GET; null when unknown or after a POST, whose answers the browser's back button keeps (docs/decisions/002). */
  retryHref: string | null;
};

const TEXT = {
  vi: {
    heading: { busy: 'Hệ thống đang bận', unavailable: 'Hệ thống tạm thời gián đoạn', not_found: 'Không tìm thấy trang', other: 'Đã có lỗi xảy ra' },
    retry: 'Thử lại',
    back: 'Để thử lại, Ông/Bà bấm nút Quay lại (←) của trình duyệt rồi gửi lại. Nếu Ông/Bà đang gửi phiếu đánh giá, các câu trả lời đã chọn vẫn còn nguyên trên phiếu.',
    home: 'Về trang chủ',
    title: 'Lỗi',
  },
  en: {
    heading: { busy: 'The system is busy', unavailable: 'Service temporarily unavailable', not_found: 'Page not found', other: 'Something went wrong' },
    retry: 'Try again',
    back: 'To try again, press your browser’s Back button (←) and submit again. If you were sending a survey, your answers are still on the form.',
    home: 'Home page',
    title: 'Error',
  },
} as const;

const EXTRA_CSS = `.actions{display:flex;flex-wrap:wrap;gap:.75rem;margin:1.5rem 0}.button.primary{background:var(--brand);color:#fff}`;

export function CitizenError({ lang, code, retryHref }: CitizenErrorProps) {
  const t = TEXT[lang];
  const heading = code === 'busy' || code === 'unavailable' || code === 'not_found' ? t.heading[code] : t.heading.other;
  return (
    <CitizenShell lang={lang} title={`${heading} · Hài Lòng`}>
      <style dangerouslySetInnerHTML={{ __html: EXTRA_CSS }} />
      <div role="alert">
        <h1>{heading}</h1>
        <p>{APP_ERRORS[code][lang]}</p>
      </div>
      {retryHref ? null : <p>{t.back}</p>}
      <p className="actions">
        {retryHref ? (
          <a className="button primary" href={retryHref}>
            {t.retry}
          </a>
        ) : null}
        <a className="button" href={lang === 'en' ? '/?lang=en' : '/'}>
          {t.home}
        </a>
      </p>
    </CitizenShell>
  );
}

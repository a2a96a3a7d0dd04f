'use client';

import { useSyncExternalStore } from 'react';
import { APP_ERRORS } from '@/lib/errors';
import { codeOfDigest } from '@/lib/error-digest';
import { pickLang, type Lang } from '@/lib/i18n';

const TEXT = {
  vi: { busy: 'Hệ thống đang bận', unavailable: 'Hệ thống tạm thời gián đoạn', other: 'Không tải được trang', retry: 'Thử lại', home: 'Về trang chủ' },
  en: { busy: 'The system is busy', unavailable: 'The service is temporarily unavailable', other: 'This page could not be loaded', retry: 'Try again', home: 'Home page' },
} as const;

/** What a person reads when a page fails: heading and message in their language, from the error's digest (lib/error-digest.ts). */
export function errorNoticeText(digest: unknown, lang: Lang) {
  const code = codeOfDigest(digest);
  const t = TEXT[lang];
  if (code === 'busy') return { heading: t.busy, message: APP_ERRORS.busy[lang] };
  if (code === 'unavailable') return { heading: t.unavailable, message: APP_ERRORS.unavailable[lang] };
  return { heading: t.other, message: APP_ERRORS.internal[lang] };
}

const noChanges = () => () => {};
/** `?lang=en` asks for English, as on the home page; read from the address so no Suspense boundary is needed. */
const langOfLocation = (): Lang => pickLang(new URLSearchParams(window.location.search).get('lang'));

/**
 * The one error page body of the App Router (root, staff and global error
 * boundaries): Vietnamese unless the page was asked for in English
 * (`?lang=en`), a retry that fetches the page again, no stack — in
 * production the browser only ever receives the error's digest.
 */
export function ErrorNotice({ error, retry }: { error: unknown; retry: () => void }) {
  const lang = useSyncExternalStore(noChanges, langOfLocation, () => 'vi' as const);
  const digest = typeof error === 'object' && error !== null && 'digest' in error ? (error as { digest?: unknown }).digest : undefined;
  const { heading, message } = errorNoticeText(digest, lang);
  const t = TEXT[lang];
  return (
    <div className="error-notice stack narrow" role="alert" lang={lang}>
      <h1>{heading}</h1>
      <p>{message}</p>
      <p className="error-notice-actions">
        <button type="button" className="button" onClick={retry}>
          {t.retry}
        </button>{' '}
        <a className="button secondary" href={lang === 'en' ? '/?lang=en' : '/'}>
          {t.home}
        </a>
      </p>
    </div>
  );
}

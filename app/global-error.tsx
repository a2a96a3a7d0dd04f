'use client';

import './globals.css';
import { ErrorNotice } from '@/components/ui/error-notice';

/** A failure in the root layout itself: replaces the whole document, hence its own html and body. */
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="vi">
      <body>
        <title>Hài Lòng — Lỗi</title>
        <main id="noi-dung" className="container">
          <ErrorNotice error={error} retry={retry} />
        </main>
      </body>
    </html>
  );
}

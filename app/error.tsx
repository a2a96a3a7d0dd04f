'use client';

import { ErrorNotice } from '@/components/ui/error-notice';

/** Any page under the root layout that fails to load (home, posters, login, staff pages without their own). */
export default function RootError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <main id="noi-dung" className="container">
      <ErrorNotice error={error} retry={retry} />
    </main>
  );
}

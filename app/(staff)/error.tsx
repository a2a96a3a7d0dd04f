'use client';

import { ErrorNotice } from '@/components/ui/error-notice';

/**
 * Every staff page that fails to load, below the staff layout so the
 * navigation stays usable. One boundary for the group instead of one per
 * page, so every screen says the same thing.
 */
export default function StaffError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorNotice error={error} retry={retry} />;
}

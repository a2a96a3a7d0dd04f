'use client';

import { AdminError } from '@/components/admin/audit/admin-error';

export default function EvaluationError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <AdminError reset={reset} />;
}

'use server';

import { revalidatePath } from 'next/cache';
import { isRootScope } from '@/lib/auth/roles';
import { formatDuration } from '@/lib/scheduler';
import { runJobSchema } from '@/lib/validation/system';
import { authorizedAction, NOT_FOUND_MESSAGE } from '@/server/actions';
import { APP_JOBS, appScheduler } from '@/server/jobs';

/** Runs a job now on this server (administrators of the whole tree), unless a server is running it already. */
export const runJobNow = authorizedAction(
  'users.manage',
  runJobSchema(APP_JOBS.map((j) => j.name)),
  async ({ name }, viewer) => {
    if (!isRootScope(viewer)) return { status: 'error', message: NOT_FOUND_MESSAGE };
    const result = await appScheduler().runNow(name);
    revalidatePath('/quan-tri/he-thong');
    const label = APP_JOBS.find((j) => j.name === name)!.label;
    if (result.status === 'busy') return { status: 'error', message: `“${label}” đang chạy trên một máy chủ; kết quả sẽ hiện ở đây khi xong.` };
    if (result.status !== 'ran') return { status: 'error', message: NOT_FOUND_MESSAGE };
    return result.outcome === 'ok'
      ? { status: 'ok', message: `Đã chạy xong trong ${formatDuration(result.durationMs)}: ${result.message}` }
      : { status: 'error', message: `Chạy không thành công: ${result.message}` };
  },
);

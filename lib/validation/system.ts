import { z } from 'zod';

/** "Chạy ngay" on the administrators' system page: the job's name, one of the app's jobs. */
export function runJobSchema(names: readonly string[]) {
  return z.object({
    name: z.string().refine((v) => names.includes(v), { message: 'Không có việc định kỳ này.' }),
  });
}

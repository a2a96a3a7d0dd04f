import { isNull, sql } from 'drizzle-orm';
import { rubricPreset } from '@/lib/evaluation/rubric';
import { dayKeyOf } from '@/lib/indicators/periods';
import type { Db } from './client';
import { evaluationPeriods, units } from './schema';

/**
 * Demo and test modes: one evaluation period of the current year for the
 * province, on the default rubric, so the evaluation pages show something.
 * Idempotent: nothing happens once any period exists or before the province.
 */
export function seedDemoEvaluationIfNone(db: Db, { now }: { now: Date }): boolean {
  const existing = db.select({ n: sql<number>`count(*)` }).from(evaluationPeriods).get()!.n;
  if (existing > 0) return false;
  const province = db.select({ id: units.id }).from(units).where(isNull(units.parentId)).orderBy(units.id).get();
  if (!province) return false;
  const year = Number(dayKeyOf(now).slice(0, 4));
  db.insert(evaluationPeriods)
    .values({ year, name: `Đánh giá năm ${year} (mẫu)`, unitId: province.id, dueDate: `${year}-12-15`, rubric: JSON.stringify(rubricPreset('mac-dinh')), createdBy: null, createdAt: now, updatedAt: now })
    .onConflictDoNothing()
    .run();
  return true;
}

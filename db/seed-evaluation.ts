import { isNull, sql } from 'drizzle-orm';
import { rubricPreset } from '@/lib/evaluation/rubric';
import { dayKeyOf } from '@/lib/indicators/periods';
import { evaluationPeriods, units } from './schema';
import { withConn } from './store';

/**
 * Demo and test modes: one evaluation period of the current year for the
 * province, on the default rubric, so the evaluation pages show something.
 * Idempotent: nothing happens once any period exists or before the province.
 * Two servers starting at once may both find none: the unique index on
 * (unit, year, name) keeps one period and the other insert does nothing.
 */
export async function seedDemoEvaluationIfNone({ now }: { now: Date }): Promise<boolean> {
  return withConn(async ({ db }) => {
    const [existing] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(evaluationPeriods);
    if (existing!.n > 0) return false;
    const [province] = await db.select({ id: units.id }).from(units).where(isNull(units.parentId)).orderBy(units.id).limit(1);
    if (!province) return false;
    const year = Number(dayKeyOf(now).slice(0, 4));
    const created = await db
      .insert(evaluationPeriods)
      .values({ year, name: `Đánh giá năm ${year} (mẫu)`, unitId: province.id, dueDate: `${year}-12-15`, rubric: JSON.stringify(rubricPreset('mac-dinh')), createdBy: null, createdAt: now, updatedAt: now })
      .onConflictDoNothing()
      .returning({ id: evaluationPeriods.id });
    return created.length > 0;
  });
}

import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { RubricEditor } from '@/components/evaluation/period-forms';
import { RubricView } from '@/components/evaluation/rubric-view';
import { getEvaluationPeriod } from '@/db/queries/evaluation';
import { can } from '@/lib/auth/roles';
import { requireViewer } from '@/server/auth/viewer';
import { saveRubric } from '../../actions';

export const metadata: Metadata = { title: 'Bộ tiêu chí đánh giá' };

type Props = { params: Promise<{ periodId: string }> };

/** A period's rubric, readable by everyone in scope; administrators edit it as validated JSON until an office is finalised. */
export default async function RubricPage({ params }: Props) {
  const viewer = await requireViewer('dashboard.read');
  const { periodId } = await params;
  if (!/^[1-9]\d{0,9}$/.test(periodId)) notFound();
  const period = await getEvaluationPeriod({ viewer, periodId: Number(periodId) });
  if (!period) notFound();
  const mayEdit = can(viewer.role, 'evaluation.manage') && period.unitPath.startsWith(viewer.scopePath);

  return (
    <div className="admin stack">
      <p>
        <Link href={`/danh-gia/${period.id}`}>← {period.name}</Link>
      </p>
      <h1>Bộ tiêu chí: {period.name}</h1>
      <RubricView rubric={period.rubric} />
      {mayEdit ? (
        <section aria-labelledby="sua-tieu-chi" className="admin-section stack">
          <h2 id="sua-tieu-chi">Sửa bộ tiêu chí</h2>
          {period.finalised > 0 ? (
            <p>Đã có {period.finalised} đơn vị được chốt kết quả trong đợt này nên bộ tiêu chí không sửa được nữa.</p>
          ) : (
            <RubricEditor key={period.updatedAt.getTime()} action={saveRubric} periodId={period.id} json={JSON.stringify(period.rubric, null, 2)} />
          )}
        </section>
      ) : null}
    </div>
  );
}

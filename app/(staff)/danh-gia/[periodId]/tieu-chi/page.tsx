import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { RubricEditor } from '@/components/evaluation/period-forms';
import { RubricStructuredEditor } from '@/components/evaluation/rubric-editor';
import { RubricView } from '@/components/evaluation/rubric-view';
import { getEvaluationPeriod } from '@/db/queries/evaluation';
import { can } from '@/lib/auth/roles';
import type { SearchParams } from '@/lib/validation/list-filters';
import { requireViewer } from '@/server/auth/viewer';
import { draftOfRubric } from '@/lib/evaluation/rubric-form';
import { saveRubric, saveRubricFields } from '../../actions';

export const metadata: Metadata = { title: 'Bộ tiêu chí đánh giá' };

type Props = { params: Promise<{ periodId: string }>; searchParams: Promise<SearchParams> };

/**
 * A period's rubric, readable by everyone in scope; administrators edit it
 * in a structured form until an office is finalised, and can still import
 * or export it as JSON.
 */
export default async function RubricPage({ params, searchParams }: Props) {
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
      {(await searchParams)['da-luu'] === '1' ? (
        <div className="notice" role="status">
          <p>Đã lưu bộ tiêu chí; thay đổi được ghi vào nhật ký.</p>
        </div>
      ) : null}
      <RubricView rubric={period.rubric} />
      <p className="report-toolbar">
        <a href={`/danh-gia/${period.id}/tieu-chi.json`} download>
          Tải bộ tiêu chí (JSON)
        </a>
      </p>
      {mayEdit ? (
        <section aria-labelledby="sua-tieu-chi" className="admin-section stack">
          <h2 id="sua-tieu-chi">Sửa bộ tiêu chí</h2>
          {period.finalised > 0 ? (
            <p>Đã có {period.finalised} đơn vị được chốt kết quả trong đợt này nên bộ tiêu chí không sửa được nữa.</p>
          ) : (
            <>
              <RubricStructuredEditor key={period.updatedAt.getTime()} action={saveRubricFields} periodId={period.id} initial={draftOfRubric(period.rubric)} />
              <details className="admin-section">
                <summary>Nhập bộ tiêu chí từ JSON</summary>
                <p className="muted">Dán một bộ tiêu chí đã xuất (ví dụ của tỉnh khác) rồi lưu; nó thay toàn bộ bộ tiêu chí hiện tại, với cùng các bước kiểm tra.</p>
                <RubricEditor key={period.updatedAt.getTime()} action={saveRubric} periodId={period.id} json={JSON.stringify(period.rubric, null, 2)} />
              </details>
            </>
          )}
        </section>
      ) : null}
    </div>
  );
}

import type { Metadata } from 'next';
import Link from 'next/link';
import { CreatePeriodForm } from '@/components/evaluation/period-forms';
import { listEvaluationPeriods } from '@/db/queries/evaluation';
import { can } from '@/lib/auth/roles';
import { formatDay } from '@/lib/evaluation/describe';
import { formatPoints, RUBRIC_PRESET_LABELS, RUBRIC_PRESETS } from '@/lib/evaluation/rubric';
import { formatCount, formatDateTime } from '@/lib/format';
import { dayKeyOf } from '@/lib/indicators/periods';
import { requireViewer } from '@/server/auth/viewer';
import { createPeriod } from './actions';

export const metadata: Metadata = { title: 'Đánh giá hằng năm' };

/** The evaluation periods of the viewer's province; administrators open new ones here. */
export default async function EvaluationPeriodsPage() {
  const viewer = await requireViewer('dashboard.read');
  const periods = await listEvaluationPeriods({ viewer });
  const mayManage = can(viewer.role, 'evaluation.manage');
  const year = Number(dayKeyOf(new Date()).slice(0, 4));
  const previous = periods.find((p) => p.year < year);
  const templates = [
    ...periods.map((p) => ({ value: `copy:${p.id}`, label: `Sao chép bộ tiêu chí của “${p.name}” (${p.year})` })),
    ...RUBRIC_PRESETS.map((p) => ({ value: `preset:${p}`, label: `Mẫu: ${RUBRIC_PRESET_LABELS[p]}` })),
  ];

  return (
    <div className="admin stack">
      <h1>Đánh giá hằng năm</h1>
      <p className="muted">
        Chấm điểm và xếp loại mức độ thực hiện mô hình “Công sở thân thiện vì Nhân dân phục vụ”: đơn vị tự đánh giá, Sở Nội vụ thẩm định và chốt kết quả. Tiêu chí
        về sự hài lòng được tính tự động từ ý kiến người dân trong năm.
      </p>
      <section aria-labelledby="cac-dot" className="admin-section stack">
        <h2 id="cac-dot">Các đợt đánh giá</h2>
        {periods.length === 0 ? (
          <p>Chưa có đợt đánh giá nào{mayManage ? '' : '; quản trị sẽ mở đợt đánh giá của năm'}.</p>
        ) : (
          <div className="table-scroll" role="region" aria-label="Danh sách đợt đánh giá" tabIndex={0}>
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">Đợt</th>
                  <th scope="col">Tỉnh</th>
                  <th scope="col">Hạn tự đánh giá</th>
                  <th scope="col" className="num">
                    Tổng điểm
                  </th>
                  <th scope="col" className="num">
                    Đơn vị đã chốt
                  </th>
                  <th scope="col">Cập nhật</th>
                </tr>
              </thead>
              <tbody>
                {periods.map((p) => (
                  <tr key={p.id}>
                    <th scope="row">
                      <Link href={`/danh-gia/${p.id}`}>{p.name}</Link>
                    </th>
                    <td>{p.unitName}</td>
                    <td>{formatDay(p.dueDate)}</td>
                    <td className="num">{formatPoints(p.rubric.total)}</td>
                    <td className="num">{formatCount(p.finalised)}</td>
                    <td>{formatDateTime(p.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {mayManage ? (
        <section aria-labelledby="dot-moi" className="admin-section stack">
          <h2 id="dot-moi">Mở đợt đánh giá mới</h2>
          <p className="muted">Đợt đánh giá các đơn vị thuộc {viewer.scopeName}.</p>
          <CreatePeriodForm action={createPeriod} templates={templates} year={year} defaultTemplate={previous ? `copy:${previous.id}` : 'preset:mac-dinh'} />
        </section>
      ) : null}
    </div>
  );
}

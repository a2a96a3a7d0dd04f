import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ActionForm } from '@/components/recognition/action-form';
import { VisitList } from '@/components/supervision/visit-list';
import { ORGANISATION_KIND_LABELS } from '@/lib/supervision';
import { MAX_RECOMMENDATIONS } from '@/lib/validation/supervision';
import { requireViewer } from '@/server/auth/viewer';
import { loadSupervisionPage } from '@/server/supervision';
import { answerRecommendationAction, recordVisitAction } from './actions';

export const metadata: Metadata = { title: 'Giám sát' };

/**
 * Supervision (docs/decisions/028): supervisors record visits, findings and
 * recommendations about offices of their subtree, signed with their
 * organisation; office heads answer each recommendation; assessors read.
 */
export default async function SupervisionPage() {
  const viewer = await requireViewer('supervision.read');
  const page = await loadSupervisionPage(viewer);
  if (!page) notFound();
  const open = page.visits.reduce((n, v) => n + v.recommendations.filter((r) => r.status !== 'done').length, 0);
  return (
    <div className="admin stack">
      <h1>Giám sát thực hiện mô hình</h1>
      <p className="muted">
        Kết quả giám sát của Mặt trận Tổ quốc, Ban Tuyên giáo và Dân vận, Thanh tra, HĐND… về các đơn vị trong phạm vi của Ông/Bà, kèm kiến nghị và câu trả lời của đơn vị.
        Người giám sát không xem được thông tin liên hệ của người dân và kết quả của từng cán bộ.
      </p>

      {viewer.role === 'supervisor' && !page.mayRecord ? (
        <p className="notice" role="note">
          Tài khoản của Ông/Bà chưa thuộc tổ chức giám sát nào đang hoạt động, nên chưa ghi được kết quả giám sát. Đề nghị quản trị hệ thống bổ sung tổ chức cho tài khoản.
        </p>
      ) : null}

      {page.mayRecord && page.organisation ? (
        <section aria-labelledby="ghi-giam-sat" className="admin-section stack">
          <h2 id="ghi-giam-sat">Ghi kết quả giám sát</h2>
          <p>
            Ghi với tư cách: <strong>{page.organisation.name}</strong> <span className="muted">({ORGANISATION_KIND_LABELS[page.organisation.kind]})</span>
          </p>
          {page.offices.length === 0 || page.periods.length === 0 ? (
            <p>Chưa có đơn vị hoặc đợt đánh giá nào trong phạm vi để ghi kết quả giám sát.</p>
          ) : (
            <ActionForm
              action={recordVisitAction}
              label="Ghi kết quả giám sát"
              submit="Ghi kết quả giám sát"
              pending="Đang ghi…"
              idPrefix="gs"
              fields={[
                { kind: 'select', name: 'unitId', label: 'Đơn vị được giám sát', options: page.offices.map((o) => ({ value: String(o.id), label: o.name })), placeholder: '— Chọn đơn vị —' },
                { kind: 'select', name: 'periodId', label: 'Đợt đánh giá', options: page.periods.map((p) => ({ value: String(p.id), label: p.name })), defaultValue: String(page.periods[0]!.id) },
                { kind: 'date', name: 'visitedOn', label: 'Ngày giám sát' },
                { kind: 'textarea', name: 'findings', label: 'Kết quả giám sát', rows: 5 },
                { kind: 'textarea', name: 'evidence', label: 'Đường dẫn minh chứng', hint: 'Mỗi dòng một đường dẫn http(s) (biên bản, ảnh, văn bản), tối đa 5.', rows: 2 },
                { kind: 'textarea', name: 'recommendations', label: 'Kiến nghị', hint: `Mỗi dòng một kiến nghị, tối đa ${MAX_RECOMMENDATIONS}; đơn vị trả lời từng kiến nghị.`, rows: 4 },
              ]}
            />
          )}
        </section>
      ) : null}

      <section aria-labelledby="ket-qua-giam-sat" className="stack">
        <h2 id="ket-qua-giam-sat">Kết quả giám sát và kiến nghị</h2>
        {page.visits.length === 0 ? (
          <p>Chưa có kết quả giám sát nào trong phạm vi của Ông/Bà.</p>
        ) : (
          <>
            <p>
              {page.visits.length} lần giám sát; {open} kiến nghị chưa thực hiện xong.
            </p>
            <VisitList visits={page.visits} answerAction={page.mayAnswer ? answerRecommendationAction : undefined} />
          </>
        )}
      </section>
    </div>
  );
}

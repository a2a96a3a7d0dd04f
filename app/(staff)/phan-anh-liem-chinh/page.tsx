import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ActionForm } from '@/components/recognition/action-form';
import type { IntegrityReportRow } from '@/db/queries/integrity';
import { formatDateTime } from '@/lib/format';
import { INTEGRITY_FINDING_LABELS } from '@/lib/supervision';
import type { SearchParams } from '@/lib/validation/list-filters';
import { requireViewer } from '@/server/auth/viewer';
import { loadIntegrityPage } from '@/server/integrity';
import { closeReportAction } from './actions';

export const metadata: Metadata = { title: 'Phản ánh liêm chính' };

const STATUS_TABS = [
  { value: 'open', label: 'Đang chờ kết luận' },
  { value: 'closed', label: 'Đã kết luận' },
  { value: 'all', label: 'Tất cả' },
] as const;
type Status = (typeof STATUS_TABS)[number]['value'];

/** "q9=yes" as the citizen answered it: the default set's question in words, else the raw key. */
function describeSignals(signals: string): string {
  return signals
    .split(',')
    .map((s) => (s === 'q9=yes' ? 'Trả lời “Có” khi được hỏi có bị gây phiền hà, sách nhiễu hoặc yêu cầu giấy tờ, chi phí ngoài quy định không' : `Câu trả lời ${s}`))
    .join('; ');
}

/**
 * Integrity reports (docs/decisions/028): raised by a rating that answers
 * "yes" to the question on harassment or fees beyond the rules, routed to
 * the office head and the inspectorate; the inspectorate concludes.
 */
export default async function IntegrityReportsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requireViewer('integrity.read');
  const sp = await searchParams;
  const status: Status = STATUS_TABS.some((t) => t.value === sp['trang-thai']) ? (sp['trang-thai'] as Status) : 'open';
  const page = await loadIntegrityPage(viewer, status);
  if (!page) notFound();
  return (
    <div className="admin stack">
      <h1>Phản ánh liêm chính</h1>
      <p className="muted">
        Người dân trả lời đã bị gây phiền hà, sách nhiễu hoặc bị yêu cầu giấy tờ, chi phí ngoài quy định. Mỗi phản ánh được gửi thủ trưởng đơn vị và Thanh tra; chỉ Thanh
        tra kết luận phản ánh đúng hay không đúng. Phản ánh được kết luận đúng được tính vào kết quả đánh giá của đơn vị.
      </p>
      <nav aria-label="Lọc theo trạng thái">
        <ul className="row-actions plain-list">
          {STATUS_TABS.map((t) => (
            <li key={t.value}>
              <Link href={`/phan-anh-liem-chinh?trang-thai=${t.value}`} aria-current={t.value === status ? 'page' : undefined} className={t.value === status ? 'button' : 'button secondary'}>
                {t.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {page.reports.length === 0 ? (
        <p>{status === 'open' ? 'Không có phản ánh nào đang chờ kết luận.' : 'Không có phản ánh nào.'}</p>
      ) : (
        <ol className="plain-list stack">
          {page.reports.map((r) => (
            <Report key={r.id} r={r} mayClose={page.mayClose} />
          ))}
        </ol>
      )}
    </div>
  );
}

function Report({ r, mayClose }: { r: IntegrityReportRow; mayClose: boolean }) {
  return (
    <li className="box stack" id={`phan-anh-${r.id}`}>
      <h2>
        Phản ánh #{r.id} — {r.unitName}
        {r.counterName ? `, ${r.counterName}` : ''}
      </h2>
      <p>
        {r.closedAt ? <span className="badge on">Đã kết luận</span> : <span className="badge">Chờ kết luận</span>} <span className="muted">Lúc {formatDateTime(r.submittedAt)}</span>
        {r.receiptCode ? <span className="muted"> · mã tra cứu {r.receiptCode}</span> : null}
      </p>
      <p>{describeSignals(r.signals)}.</p>
      {r.comment ? (
        <div>
          <strong>Góp ý của người dân:</strong>
          <p className="comment-text">{r.comment}</p>
        </div>
      ) : (
        <p className="muted">Người dân không để lại góp ý.</p>
      )}
      {r.closedAt && r.finding ? (
        <p>
          <strong>Kết luận: {INTEGRITY_FINDING_LABELS[r.finding]}</strong> — {r.closedByName}
          {r.closedByOrganisation ? ` (${r.closedByOrganisation})` : ''}, {formatDateTime(r.closedAt)}: <span className="pre-line">{r.note}</span>
        </p>
      ) : null}
      {!r.closedAt && mayClose ? (
        <details>
          <summary>Kết luận phản ánh</summary>
          <ActionForm
            action={closeReportAction}
            label={`Kết luận phản ánh #${r.id}`}
            submit="Kết luận và đóng phản ánh"
            pending="Đang lưu…"
            idPrefix={`pa-${r.id}`}
            fields={[
              { kind: 'hidden', name: 'reportId', value: String(r.id) },
              {
                kind: 'select',
                name: 'finding',
                label: 'Kết luận',
                placeholder: '— Chọn kết luận —',
                options: [
                  { value: 'upheld', label: INTEGRITY_FINDING_LABELS.upheld },
                  { value: 'not_upheld', label: INTEGRITY_FINDING_LABELS.not_upheld },
                ],
              },
              { kind: 'textarea', name: 'note', label: 'Nội dung kết luận', hint: 'Căn cứ xác minh, biện pháp xử lý.', rows: 3 },
            ]}
          />
        </details>
      ) : null}
      {!r.closedAt && !mayClose ? <p className="muted">Thanh tra tỉnh sẽ xác minh và kết luận phản ánh này.</p> : null}
    </li>
  );
}

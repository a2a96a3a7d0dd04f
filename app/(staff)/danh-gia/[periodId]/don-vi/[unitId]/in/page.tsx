import type { Metadata } from 'next';
import Link from 'next/link';
import { documentDateLine, OfficialHeading } from '@/components/print/official-heading';
import { notFound } from 'next/navigation';
import { PrintButton } from '@/components/poster/print-button';
import { formatDay } from '@/lib/evaluation/describe';
import { formatPoints } from '@/lib/evaluation/rubric';
import { fromX100 } from '@/lib/evaluation/scoring';
import { STATUS_LABELS } from '@/lib/validation/evaluation';
import { requireViewer } from '@/server/auth/viewer';
import { loadSheetPage } from '@/server/evaluation';
import { SheetScoreTable } from '../score-table';

export const metadata: Metadata = { title: 'Phiếu chấm điểm (bản in)', robots: { index: false } };

type Props = { params: Promise<{ periodId: string; unitId: string }> };

const ID = /^[1-9]\d{0,9}$/;

/** The score sheet in the layout of an official document (A4, national motto, signatures); a draft says so until finalised. */
export default async function PrintableSheetPage({ params }: Props) {
  const viewer = await requireViewer('dashboard.read');
  const { periodId, unitId } = await params;
  if (!ID.test(periodId) || !ID.test(unitId)) notFound();
  const page = await loadSheetPage(viewer, { periodId: Number(periodId), unitId: Number(unitId), now: new Date() });
  if (!page) notFound();
  const { period, unit, sheet } = page;
  const status = sheet?.status ?? 'not_started';
  const finalised = status === 'finalised';

  return (
    <div className="report eval-print stack">
      <div className="report-toolbar">
        <Link href={`/danh-gia/${period.id}/don-vi/${unit.id}`}>← Về phiếu chấm điểm</Link>
        <PrintButton label="In phiếu" />
      </div>
      <OfficialHeading superior={period.unitName} body="SỞ NỘI VỤ" dateLine={documentDateLine(null)} />
      <div className="report-head">
        <h1>PHIẾU CHẤM ĐIỂM</h1>
        <p>
          <strong>Mức độ thực hiện mô hình “Công sở thân thiện vì Nhân dân phục vụ” năm {period.year}</strong>
        </p>
        <p>Đơn vị được đánh giá: {unit.name}</p>
        {finalised ? null : <p className="eval-draft">BẢN DỰ THẢO — {STATUS_LABELS[status].toUpperCase()}, CHƯA CHỐT KẾT QUẢ</p>}
      </div>
      <dl className="report-facts">
        <div>
          <dt>Đợt đánh giá</dt>
          <dd>
            {period.name}; hạn tự đánh giá {formatDay(period.dueDate)}
          </dd>
        </div>
        <div>
          <dt>Kết quả</dt>
          <dd>
            {finalised && sheet ? (
              <strong>
                {formatPoints(fromX100(sheet.finalTotal))}/{formatPoints(period.rubric.total)} điểm — xếp loại {sheet.finalClass}
              </strong>
            ) : (
              'Chưa chốt'
            )}
          </dd>
        </div>
      </dl>
      <SheetScoreTable page={page} print />
      <div className="report-signatures">
        <div>
          <p>
            <strong>THỦ TRƯỞNG ĐƠN VỊ</strong>
          </p>
          <p>
            <em>(Ký, ghi rõ họ tên, đóng dấu)</em>
          </p>
          <div className="sign-space" />
        </div>
        <div>
          <p>
            <strong>CÁN BỘ THẨM ĐỊNH</strong>
          </p>
          <p>
            <em>(Ký, ghi rõ họ tên)</em>
          </p>
          <div className="sign-space" />
        </div>
      </div>
      <div className="report-signatures eval-sign-single">
        <div />
        <div>
          <p>
            <strong>GIÁM ĐỐC SỞ NỘI VỤ</strong>
          </p>
          <p>
            <em>(Ký, ghi rõ họ tên, đóng dấu)</em>
          </p>
          <div className="sign-space" />
        </div>
      </div>
    </div>
  );
}

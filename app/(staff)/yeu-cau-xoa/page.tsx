import type { Metadata } from 'next';
import { ScrollRegion } from '@/components/dashboard/scroll-region';
import { ErasureForm } from '@/components/privacy/erasure-form';
import { listErasures } from '@/db/queries/erasures';
import { formatDateTime } from '@/lib/format';
import { ERASURE_CHANNEL_LABELS } from '@/lib/validation/erasure';
import { requireViewer } from '@/server/auth/viewer';
import { recordErasure } from './actions';

export const metadata: Metadata = { title: 'Yêu cầu xoá số điện thoại' };

/**
 * Requests to erase citizens' phone numbers (PDPL 2025): staff record one
 * received by phone or in person (erased at once), and see every erasure in
 * their subtree, those the citizens asked for themselves included.
 */
export default async function ErasureRequestsPage() {
  const viewer = await requireViewer('contacts.erase');
  const rows = await listErasures({ viewer });
  return (
    <div className="admin stack">
      <h1>Yêu cầu xoá số điện thoại</h1>
      <p>
        Người dân có thể yêu cầu xoá số điện thoại đã để lại bất cứ lúc nào; cơ quan phải xử lý trong 2 ngày làm việc. Người dân có mã tra cứu tự xoá được tại trang{' '}
        <strong>/xoa-so-dien-thoai</strong>. Khi người dân gọi điện hoặc đến trực tiếp, ghi nhận yêu cầu tại đây: số điện thoại được xoá ngay, việc xoá được ghi vào
        nhật ký, và người dân xem được kết quả bằng mã tra cứu.
      </p>
      <section className="stack narrow" aria-labelledby="ghi-nhan-title">
        <h2 id="ghi-nhan-title">Ghi nhận yêu cầu xoá</h2>
        <ErasureForm action={recordErasure} />
      </section>
      <section className="stack" aria-labelledby="da-xoa-title">
        <h2 id="da-xoa-title">Đã xoá gần đây</h2>
        {rows.length === 0 ? (
          <p>Chưa có số điện thoại nào được xoá theo yêu cầu trong phạm vi {viewer.scopeName}.</p>
        ) : (
          <ScrollRegion label="Bảng số điện thoại đã xoá">
            <table className="data">
              <caption className="visually-hidden">Số điện thoại đã xoá theo yêu cầu, mới nhất trước</caption>
              <thead>
                <tr>
                  <th scope="col">Thời điểm xoá</th>
                  <th scope="col">Đơn vị</th>
                  <th scope="col">Mã tra cứu</th>
                  <th scope="col">Cách yêu cầu</th>
                  <th scope="col">Người ghi nhận</th>
                  <th scope="col">Ghi chú</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id}>
                    <td>{formatDateTime(r.erasedAt)}</td>
                    <td>{r.officeName}</td>
                    <td>{r.receiptCode ?? '—'}</td>
                    <td>{ERASURE_CHANNEL_LABELS[r.channel] ?? r.channel}</td>
                    <td>{r.recordedByName ?? 'Người dân'}</td>
                    <td>{r.note ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </section>
    </div>
  );
}

import type { Metadata } from 'next';
import { DateInput } from '@/components/ui/date-input';
import { DossierImportForm } from '@/components/dossiers/import-form';
import { unitTreeOptionLabel } from '@/components/ui/unit-tree';
import { listDossiers } from '@/db/queries/dossiers';
import { listUnitsInScope } from '@/db/queries/unit-tree';
import { formatDateTime } from '@/lib/format';
import { dayKeyOf } from '@/lib/indicators/periods';
import { unitTreeRows } from '@/lib/unit-tree';
import { DOSSIER_FIELD_LABELS } from '@/lib/validation/dossier';
import { requireViewer } from '@/server/auth/viewer';

export const metadata: Metadata = { title: 'Hồ sơ và tem QR' };

const RECENT = 50;

/**
 * Dossiers of the head's offices (issue 17 point 2): for offices whose
 * dossier system cannot call the API, a CSV of the day's dossiers is
 * uploaded here and a sheet of receipt-sized QR stickers printed; each
 * sticker opens that dossier's own rating page.
 */
export default async function DossiersPage() {
  const viewer = await requireViewer('dossiers.manage');
  const [units, recent] = await Promise.all([listUnitsInScope({ viewer }), listDossiers({ viewer, limit: RECENT })]);
  const offices = unitTreeRows(units, (u) => u.code !== null && u.active);
  return (
    <div className="admin stack">
      <h1>Hồ sơ và tem QR đánh giá</h1>
      <p>
        Mỗi hồ sơ tiếp nhận tại bộ phận một cửa có một đường dẫn đánh giá riêng. Đơn vị có hệ thống một cửa điện tử kết nối API thì hồ sơ được đăng ký tự động;
        nếu chưa, hãy tải lên danh sách hồ sơ bằng tệp CSV rồi in tem mã QR dán lên giấy tiếp nhận hồ sơ và hẹn trả kết quả.
      </p>

      <section className="stack narrow" aria-labelledby="import-title">
        <h2 id="import-title">Nhập hồ sơ từ tệp CSV</h2>
        <p>
          Dòng đầu là tiêu đề với các cột: {Object.values(DOSSIER_FIELD_LABELS).join(', ')} (ba cột đầu và ngày tiếp nhận là bắt buộc). Mã đơn vị là mã trên
          áp phích QR của đơn vị hoặc quầy; ngày viết dạng ngày/tháng/năm, có thể kèm giờ (05/12/2026 08:30). Một mã hồ sơ đã có sẽ được cập nhật thời gian,
          đường dẫn đánh giá giữ nguyên. <a href="/ho-so/mau.csv">Tải tệp mẫu (CSV)</a>
        </p>
        <DossierImportForm />
      </section>

      <section className="stack narrow" aria-labelledby="stickers-title">
        <h2 id="stickers-title">In tem QR theo ngày tiếp nhận</h2>
        <form method="get" action="/ho-so/in-tem" className="stack">
          <DateInput id="sticker-day" name="ngay" label="Ngày tiếp nhận" defaultValue={dayKeyOf(new Date())} required />
          <div className="field">
            <label htmlFor="sticker-unit">Đơn vị</label>
            <select id="sticker-unit" name="don-vi" defaultValue="">
              <option value="">Tất cả đơn vị trong phạm vi</option>
              {offices.map((o) => (
                <option key={o.id} value={o.id} disabled={!o.pickable}>
                  {unitTreeOptionLabel(o)}
                </option>
              ))}
            </select>
          </div>
          <div className="row-actions">
            <button type="submit" className="button secondary">
              Xem tem để in
            </button>
          </div>
        </form>
      </section>

      <section className="stack" aria-labelledby="recent-title">
        <h2 id="recent-title">Hồ sơ đăng ký gần đây</h2>
        {recent.length === 0 ? (
          <p>Chưa có hồ sơ nào được đăng ký trong phạm vi của Ông/Bà.</p>
        ) : (
          <div className="table-scroll" role="region" aria-labelledby="recent-title" tabIndex={0}>
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">Mã hồ sơ</th>
                  <th scope="col">Đơn vị</th>
                  <th scope="col">Thủ tục</th>
                  <th scope="col">Tiếp nhận</th>
                  <th scope="col">Hẹn trả</th>
                  <th scope="col">Trả kết quả</th>
                  <th scope="col">Nguồn</th>
                </tr>
              </thead>
              <tbody>
                {recent.map((d) => (
                  <tr key={d.id}>
                    <th scope="row">
                      <code translate="no">{d.code}</code>
                    </th>
                    <td>
                      {d.officeName}
                      {d.counterName ? ` — ${d.counterName}` : ''}
                    </td>
                    <td>{d.procedure || '—'}</td>
                    <td>{formatDateTime(d.receivedAt)}</td>
                    <td>{formatDateTime(d.dueAt)}</td>
                    <td>{formatDateTime(d.returnedAt)}</td>
                    <td>{d.source === 'api' ? 'Hệ thống một cửa (API)' : 'Tệp CSV'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

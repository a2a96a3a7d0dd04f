import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ButtonForm, EditOfficialForm, OfficialAccountForm, PinForm } from '@/components/officials/official-forms';
import { getOfficial } from '@/db/queries/officials';
import { can } from '@/lib/auth/roles';
import { formatDateTime } from '@/lib/format';
import { isPhotoOutcome, officialPhotoUrl, PHOTO_MAX_BYTES, PHOTO_OUTCOMES } from '@/lib/officials/photo';
import type { SearchParams } from '@/lib/validation/list-filters';
import { requireViewer } from '@/server/auth/viewer';
import {
  clearOfficialPinAction,
  createOfficialAccountAction,
  deleteOfficialPhotoAction,
  setManagesDutyAction,
  setOfficialPinAction,
  unlinkOfficialAccountAction,
  updateOfficialAction,
} from '../actions';

export const metadata: Metadata = { title: 'Cán bộ' };

/** One official of the viewer's offices: details, photo, kiosk PIN, duty delegation, own account. Another office's official is a 404. */
export default async function OfficialPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  const viewer = await requireViewer('officials.manage');
  const { id } = await params;
  if (!/^[1-9]\d{0,9}$/.test(id)) notFound();
  const official = await getOfficial({ viewer, officialId: Number(id) });
  if (!official) notFound();
  const query = await searchParams;
  const outcome = isPhotoOutcome(query.anh) ? query.anh : null;
  const photoOk = outcome === 'da-luu' || outcome === 'da-xoa';
  return (
    <div className="admin stack">
      <p>
        <Link href="/can-bo">← Cán bộ</Link>
      </p>
      <h1>{official.fullName}</h1>
      <p>
        {official.position ? `${official.position} · ` : ''}
        {official.officeName} ·{' '}
        {official.active ? <span className="badge on">Đang làm việc</span> : <span className="badge off">Đã nghỉ</span>}{' '}
        <span className="muted">Cập nhật lần cuối: {formatDateTime(official.updatedAt)}</span>
      </p>
      {query.moi === '1' ? (
        <p className="form-ok" role="status">
          Đã thêm cán bộ {official.fullName}. Có thể thêm ảnh, mã PIN và tài khoản riêng ngay dưới đây.
        </p>
      ) : null}
      {can(viewer.role, 'officials.figures') ? (
        <p>
          <Link href={`/can-bo/${official.id}/ket-qua`}>Xem kết quả đánh giá của cán bộ (tham khảo)</Link>
        </p>
      ) : null}

      <div className="admin-columns">
        <section aria-labelledby="muc-thong-tin" className="narrow">
          <h2 id="muc-thong-tin">Thông tin cán bộ</h2>
          <EditOfficialForm action={updateOfficialAction} official={official} />
        </section>

        <section aria-labelledby="muc-anh" className="narrow stack">
          <h2 id="muc-anh">Ảnh</h2>
          {outcome ? (
            <p className={photoOk ? 'form-ok' : 'form-error'} role={photoOk ? 'status' : 'alert'}>
              {PHOTO_OUTCOMES[outcome]}
            </p>
          ) : null}
          {official.photoVersion > 0 ? (
            // eslint-disable-next-line @next/next/no-img-element -- served by our own route, already resized; next/image would resize again
            <img src={officialPhotoUrl(official.id, official.photoVersion)} alt={`Ảnh của ${official.fullName}`} width={160} className="official-photo" />
          ) : (
            <p className="muted">Chưa có ảnh.</p>
          )}
          <p className="muted">
            Người dân thấy ảnh này trên trang đánh giá và kiosk khi cán bộ đang trực. Ảnh JPEG, PNG hoặc WebP, tối đa {PHOTO_MAX_BYTES / 1024 / 1024} MB; hệ thống thu nhỏ
            ảnh và xoá mọi thông tin đi kèm (vị trí, máy chụp, ngày chụp).
          </p>
          <form method="post" action={`/api/can-bo/${official.id}/anh`} encType="multipart/form-data" className="stack">
            <div className="field">
              <label htmlFor="anh-tep">{official.photoVersion > 0 ? 'Ảnh mới' : 'Chọn ảnh'}</label>
              <input id="anh-tep" name="anh" type="file" accept="image/jpeg,image/png,image/webp" required />
            </div>
            <div>
              <button type="submit" className="button">
                Tải ảnh lên
              </button>
            </div>
          </form>
          {official.photoVersion > 0 ? <ButtonForm action={deleteOfficialPhotoAction} officialId={official.id} label="Xoá ảnh" /> : null}
        </section>

        <section aria-labelledby="muc-pin" className="narrow stack">
          <h2 id="muc-pin">Mã PIN kiosk</h2>
          <p>{official.hasPin ? 'Cán bộ đã có mã PIN.' : 'Cán bộ chưa có mã PIN.'}</p>
          <PinForm action={setOfficialPinAction} officialId={official.id} hasPin={official.hasPin} />
          {official.hasPin ? <ButtonForm action={clearOfficialPinAction} officialId={official.id} label="Xoá mã PIN" /> : null}
        </section>

        <section aria-labelledby="muc-tai-khoan" className="narrow stack">
          <h2 id="muc-tai-khoan">Tài khoản riêng của cán bộ</h2>
          {query['tai-khoan'] === 'da-go' ? (
            <p className="form-ok" role="status">
              Đã gỡ tài khoản khỏi cán bộ; tài khoản đó đã bị vô hiệu hoá.
            </p>
          ) : null}
          {official.userId ? (
            <>
              <p>
                Tên đăng nhập: <code>{official.username}</code> {official.accountActive ? null : <span className="badge off">Đã vô hiệu hoá</span>}
              </p>
              <p className="muted">Với tài khoản này, cán bộ chỉ xem được kết quả của chính mình.</p>
              <ButtonForm action={unlinkOfficialAccountAction} officialId={official.id} label="Gỡ và vô hiệu hoá tài khoản" />
              <h3>Lập lịch trực</h3>
              <p>{official.managesDuty ? 'Cán bộ này đang được giao lập lịch trực của đơn vị.' : 'Cán bộ này không lập lịch trực.'}</p>
              <ButtonForm
                action={setManagesDutyAction}
                officialId={official.id}
                fields={{ managesDuty: official.managesDuty ? 'false' : 'true' }}
                label={official.managesDuty ? 'Thôi giao lập lịch trực' : 'Giao lập lịch trực cho cán bộ này'}
              />
            </>
          ) : (
            <>
              <p className="muted">
                Tài khoản riêng cho phép cán bộ xem kết quả đánh giá của chính mình (và lập lịch trực nếu được giao). Hệ thống tạo mật khẩu dùng một lần; cán bộ
                phải đổi mật khẩu khi đăng nhập lần đầu.
              </p>
              <OfficialAccountForm action={createOfficialAccountAction} officialId={official.id} />
            </>
          )}
        </section>
      </div>
    </div>
  );
}

import type { Metadata } from 'next';
import { ActionForm } from '@/components/recognition/action-form';
import { formatDateTime } from '@/lib/format';
import { dayKeyOf } from '@/lib/indicators/periods';
import { PHOTO_MAX_BYTES } from '@/lib/officials/photo';
import { EXAMPLE_PHOTO_OUTCOMES, GOOD_EXAMPLE_LIMITS, isExamplePhotoOutcome } from '@/lib/validation/publishing';
import { requireViewer } from '@/server/auth/viewer';
import { loadPublishingPage } from '@/server/publishing';
import {
  createGoodExampleAction,
  deleteGoodExampleAction,
  publishGoodExampleAction,
  publishQuarterAction,
  publishYearAction,
  updateGoodExampleAction,
  withdrawPublicationAction,
} from './actions';

export const metadata: Metadata = { title: 'Công bố kết quả' };

const QUARTERS = [
  { value: '1', label: 'Quý I' },
  { value: '2', label: 'Quý II' },
  { value: '3', label: 'Quý III' },
  { value: '4', label: 'Quý IV' },
];

/**
 * The assessor's publishing page (docs/decisions/028): publish a quarter or a
 * year on the public page /cong-khai, withdraw a publication, curate the
 * good examples. Publishing and withdrawing need the whole province in scope;
 * good examples are about offices in one's own scope.
 */
export default async function PublishingPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireViewer('publishing.manage');
  const query = await searchParams;
  const data = await loadPublishingPage(viewer);
  const photoOutcome = isExamplePhotoOutcome(query.anh) ? query.anh : null;
  const photoFor = typeof query['vi-du'] === 'string' ? Number(query['vi-du']) : null;
  const latest = data.quarters[0];
  const thisYear = Number(dayKeyOf(new Date()).slice(0, 4));
  const years = [thisYear, thisYear - 1, thisYear - 2];
  const officeOptions = data.offices.map((o) => ({ value: String(o.id), label: o.name }));

  return (
    <div className="admin stack">
      <h1>Công bố kết quả</h1>
      <p className="muted">
        Kết quả được công bố hiển thị trên trang công khai{' '}
        {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- a plain link: the public pages have no client runtime (docs/decisions/002) */}
        <a href="/cong-khai">/cong-khai</a> (không cần đăng nhập), kèm dữ liệu mở CSV, JSON và huy hiệu của từng
        đơn vị. Số liệu được chốt tại thời điểm công bố và không thay đổi theo các đánh giá đến sau. Không có ý kiến góp ý, thông tin liên hệ hay kết quả cá nhân nào
        được công bố.
      </p>

      {data.province ? (
        <>
          <div className="admin-columns">
            <section aria-labelledby="cong-bo-quy" className="admin-section narrow stack">
              <h2 id="cong-bo-quy">Công bố kết quả một quý</h2>
              <p className="muted">Chỉ công bố được quý đã kết thúc. Tỷ lệ hài lòng, khoảng tin cậy và thứ hạng của mọi đơn vị được tính từ các phiếu hợp lệ của quý.</p>
              <ActionForm
                action={publishQuarterAction}
                label="Công bố kết quả quý"
                submit="Công bố quý"
                pending="Đang công bố…"
                idPrefix="quy"
                fields={[
                  { kind: 'select', name: 'year', label: 'Năm', options: years.map((y) => ({ value: String(y), label: String(y) })), defaultValue: latest ? String(latest.year) : undefined },
                  { kind: 'select', name: 'quarter', label: 'Quý', options: QUARTERS, defaultValue: latest ? String(latest.quarter) : undefined },
                ]}
              />
            </section>
            <section aria-labelledby="cong-bo-nam" className="admin-section narrow stack">
              <h2 id="cong-bo-nam">Công bố kết quả năm và xếp loại</h2>
              <p className="muted">Chỉ công bố được khi năm đã kết thúc và kết quả đánh giá của mọi đơn vị trong tỉnh đã được chốt; xếp loại được công bố cùng tỷ lệ hài lòng của năm.</p>
              {data.periods.length ? (
                <ActionForm
                  action={publishYearAction}
                  label="Công bố kết quả năm"
                  submit="Công bố năm"
                  pending="Đang công bố…"
                  idPrefix="nam"
                  fields={[{ kind: 'select', name: 'periodId', label: 'Đợt đánh giá', options: data.periods.map((p) => ({ value: String(p.id), label: p.name })) }]}
                />
              ) : (
                <p>Chưa có đợt đánh giá nào của tỉnh.</p>
              )}
            </section>
          </div>

          <section aria-labelledby="da-cong-bo" className="admin-section stack">
            <h2 id="da-cong-bo">Các kỳ đã công bố</h2>
            {query['da-thu-hoi'] === '1' ? (
              <p className="form-ok" role="status">
                Đã thu hồi: kỳ này không còn hiển thị trên trang công khai.
              </p>
            ) : null}
            {data.publications.length === 0 ? (
              <p>Chưa công bố kỳ nào.</p>
            ) : (
              <div className="table-scroll" role="region" aria-label="Danh sách các kỳ đã công bố" tabIndex={0}>
                <table className="data">
                  <thead>
                    <tr>
                      <th scope="col">Kỳ</th>
                      <th scope="col">Công bố lúc</th>
                      <th scope="col">Người công bố</th>
                      <th scope="col">Trạng thái</th>
                      <th scope="col">Thao tác</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.publications.map((p) => (
                      <tr key={p.id}>
                        <th scope="row">{p.label}</th>
                        <td>{formatDateTime(p.publishedAt)}</td>
                        <td>{p.publishedByName ?? '—'}</td>
                        <td>{p.withdrawnAt ? `Đã thu hồi lúc ${formatDateTime(p.withdrawnAt)}` : 'Đang công khai'}</td>
                        <td>
                          {p.withdrawnAt ? null : (
                            <div className="stack">
                              <a href={`/cong-khai/${p.periodKey}`}>
                                Xem trang công khai<span className="visually-hidden"> — {p.label}</span>
                              </a>
                              <ActionForm
                                action={withdrawPublicationAction}
                                label={`Thu hồi ${p.label}`}
                                submit="Thu hồi"
                                pending="Đang thu hồi…"
                                idPrefix={`thu-hoi-${p.id}`}
                                secondary
                                fields={[{ kind: 'hidden', name: 'publicationId', value: String(p.id) }]}
                              />
                            </div>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </>
      ) : (
        <p className="notice">Công bố và thu hồi kết quả là việc của người thẩm định phụ trách toàn tỉnh. Ông/Bà có thể giới thiệu gương điển hình của các đơn vị thuộc phạm vi mình.</p>
      )}

      <section aria-labelledby="guong-dien-hinh" className="admin-section stack">
        <h2 id="guong-dien-hinh">Gương điển hình</h2>
        {query['da-xoa-vi-du'] === '1' ? (
          <p className="form-ok" role="status">
            Đã xoá gương điển hình.
          </p>
        ) : null}
        <p className="muted">
          Giới thiệu đơn vị, cách làm tốt trong phục vụ người dân trên trang công khai. Không ghi tên, số điện thoại của người dân; ảnh được thu nhỏ và xoá mọi thông tin đi
          kèm (vị trí, máy chụp, ngày chụp).
        </p>
        <ActionForm
          action={createGoodExampleAction}
          label="Thêm gương điển hình"
          submit="Lưu gương điển hình"
          idPrefix="vi-du-moi"
          fields={[
            { kind: 'select', name: 'unitId', label: 'Đơn vị', options: officeOptions, placeholder: 'Chọn đơn vị' },
            { kind: 'text', name: 'title', label: 'Tiêu đề', maxLength: GOOD_EXAMPLE_LIMITS.title },
            { kind: 'textarea', name: 'body', label: 'Nội dung', rows: 5, hint: `Việc làm tốt, kết quả, cách làm; tối đa ${GOOD_EXAMPLE_LIMITS.body} ký tự.` },
            { kind: 'text', name: 'periodLabel', label: 'Kỳ', hint: 'Ví dụ: Quý III/2026, Năm 2026', maxLength: GOOD_EXAMPLE_LIMITS.periodLabel },
            { kind: 'checkbox', name: 'published', label: 'Hiển thị trên trang công khai' },
          ]}
        />
        {data.examples.length === 0 ? <p>Chưa có gương điển hình nào.</p> : null}
        {data.examples.map((e) => (
          <article key={e.id} id={`vi-du-${e.id}`} className="admin-section stack" aria-labelledby={`vi-du-${e.id}-tieu-de`}>
            <h3 id={`vi-du-${e.id}-tieu-de`}>{e.title}</h3>
            <p>
              {e.unitName} · {e.periodLabel} · <strong>{e.published ? 'Đang hiển thị trên trang công khai' : 'Chưa hiển thị'}</strong> · sửa lúc {formatDateTime(e.updatedAt)}
            </p>
            {photoOutcome && photoFor === e.id ? (
              <p className={photoOutcome === 'da-luu' ? 'form-ok' : 'form-error'} role={photoOutcome === 'da-luu' ? 'status' : 'alert'}>
                {EXAMPLE_PHOTO_OUTCOMES[photoOutcome]}
              </p>
            ) : null}
            <ActionForm
              action={publishGoodExampleAction}
              label={`${e.published ? 'Gỡ khỏi' : 'Đưa lên'} trang công khai: ${e.title}`}
              submit={e.published ? 'Gỡ khỏi trang công khai' : 'Đưa lên trang công khai'}
              idPrefix={`hien-${e.id}`}
              secondary
              fields={[
                { kind: 'hidden', name: 'exampleId', value: String(e.id) },
                { kind: 'hidden', name: 'published', value: e.published ? '0' : '1' },
              ]}
            />
            <details>
              <summary>Sửa nội dung</summary>
              <ActionForm
                action={updateGoodExampleAction}
                label={`Sửa gương điển hình: ${e.title}`}
                submit="Lưu thay đổi"
                idPrefix={`sua-${e.id}`}
                fields={[
                  { kind: 'hidden', name: 'exampleId', value: String(e.id) },
                  { kind: 'select', name: 'unitId', label: 'Đơn vị', options: officeOptions, defaultValue: String(e.unitId) },
                  { kind: 'text', name: 'title', label: 'Tiêu đề', defaultValue: e.title, maxLength: GOOD_EXAMPLE_LIMITS.title },
                  { kind: 'textarea', name: 'body', label: 'Nội dung', rows: 5, defaultValue: e.body },
                  { kind: 'text', name: 'periodLabel', label: 'Kỳ', defaultValue: e.periodLabel, maxLength: GOOD_EXAMPLE_LIMITS.periodLabel },
                  { kind: 'checkbox', name: 'published', label: 'Hiển thị trên trang công khai', defaultChecked: e.published },
                ]}
              />
            </details>
            <form method="post" action={`/api/cong-bo/vi-du/${e.id}/anh`} encType="multipart/form-data" className="stack" aria-label={`Ảnh của gương điển hình: ${e.title}`}>
              <div className="field">
                <label htmlFor={`anh-${e.id}`}>{e.hasPhoto ? 'Thay ảnh' : 'Thêm ảnh (không bắt buộc)'}</label>
                <input id={`anh-${e.id}`} name="anh" type="file" accept="image/jpeg,image/png,image/webp" required aria-describedby={`anh-${e.id}-hint`} />
                <p className="hint" id={`anh-${e.id}-hint`}>
                  JPEG, PNG hoặc WebP, tối đa {PHOTO_MAX_BYTES / 1024 / 1024} MB.
                </p>
              </div>
              <div>
                <button type="submit" className="button secondary">
                  Tải ảnh lên
                </button>
              </div>
            </form>
            <ActionForm
              action={deleteGoodExampleAction}
              label={`Xoá gương điển hình: ${e.title}`}
              submit="Xoá gương điển hình"
              pending="Đang xoá…"
              idPrefix={`xoa-${e.id}`}
              secondary
              fields={[{ kind: 'hidden', name: 'exampleId', value: String(e.id) }]}
            />
          </article>
        ))}
      </section>
    </div>
  );
}

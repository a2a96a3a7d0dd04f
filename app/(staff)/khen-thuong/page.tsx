import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ActionForm } from '@/components/recognition/action-form';
import { can } from '@/lib/auth/roles';
import { formatCount } from '@/lib/format';
import { RECOGNITION_KIND_LABELS, ROUND_STATUS_LABELS } from '@/lib/validation/recognition';
import { requireViewer } from '@/server/auth/viewer';
import { loadRecognitionHome, mayRecognition } from '@/server/recognition';
import { addFormAction, editFormAction, openRoundAction } from './actions';

export const metadata: Metadata = { title: 'Khen thưởng' };

const KIND_OPTIONS = [
  { value: 'collective', label: RECOGNITION_KIND_LABELS.collective },
  { value: 'individual', label: RECOGNITION_KIND_LABELS.individual },
];

/** The recognition rounds, one per evaluation period; assessors open them and keep the province's forms of recognition. */
export default async function RecognitionPage() {
  const viewer = await requireViewer();
  if (!mayRecognition(viewer)) notFound();
  const { lines, forms } = await loadRecognitionHome(viewer);
  const mayManage = can(viewer.role, 'recognition.manage');

  return (
    <div className="admin stack">
      <h1>Khen thưởng</h1>
      <p className="muted">
        Sau khi kết quả đánh giá năm được chốt, thủ trưởng đơn vị đề nghị khen thưởng cá nhân của đơn vị mình, Sở Nội vụ đề nghị khen thưởng các đơn vị xếp loại “Xuất sắc”,
        xem xét, lập tờ trình và ghi quyết định khen thưởng. Số liệu hài lòng của từng cá nhân chỉ để tham khảo.
      </p>
      <section aria-labelledby="cac-dot" className="admin-section stack">
        <h2 id="cac-dot">Các đợt khen thưởng</h2>
        {lines.length === 0 ? (
          <p>Chưa có đợt đánh giá nào.</p>
        ) : (
          <div className="table-scroll" role="region" aria-label="Danh sách đợt khen thưởng" tabIndex={0}>
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">Đợt đánh giá</th>
                  <th scope="col" className="num">
                    Đơn vị đã chốt
                  </th>
                  <th scope="col">Khen thưởng</th>
                </tr>
              </thead>
              <tbody>
                {lines.map(({ period, round }) => (
                  <tr key={period.id}>
                    <th scope="row">{period.name}</th>
                    <td className="num">{formatCount(period.finalised)}</td>
                    <td>
                      {round ? (
                        <Link href={`/khen-thuong/${round.id}`}>
                          {ROUND_STATUS_LABELS[round.status]}
                          <span className="visually-hidden"> — {period.name}</span>
                        </Link>
                      ) : mayManage && period.unitPath.startsWith(viewer.scopePath) ? (
                        <ActionForm
                          action={openRoundAction}
                          label={`Mở đợt khen thưởng của ${period.name}`}
                          submit="Mở đợt khen thưởng"
                          pending="Đang mở…"
                          idPrefix={`mo-${period.id}`}
                          fields={[{ kind: 'hidden', name: 'periodId', value: String(period.id) }]}
                        />
                      ) : (
                        'Chưa mở'
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {mayManage ? (
        <section aria-labelledby="hinh-thuc" className="admin-section stack">
          <h2 id="hinh-thuc">Hình thức khen thưởng</h2>
          <p className="muted">Các hình thức dùng trong đề nghị và quyết định khen thưởng của tỉnh. Hình thức đã dùng không xoá được, chỉ ngừng dùng.</p>
          {forms.length === 0 ? <p>Chưa có hình thức nào; các hình thức mặc định được tạo khi mở đợt khen thưởng đầu tiên.</p> : null}
          <ul className="stack plain-list">
            {forms.map((f) => (
              <li key={f.id}>
                <ActionForm
                  action={editFormAction}
                  label={`Sửa hình thức ${f.name} (${RECOGNITION_KIND_LABELS[f.kind].toLowerCase()})`}
                  submit="Lưu"
                  idPrefix={`ht-${f.id}`}
                  secondary
                  fields={[
                    { kind: 'hidden', name: 'formId', value: String(f.id) },
                    { kind: 'text', name: 'name', label: 'Tên hình thức', defaultValue: f.name, maxLength: 200 },
                    { kind: 'select', name: 'kind', label: 'Khen cho', options: KIND_OPTIONS, defaultValue: f.kind },
                    { kind: 'checkbox', name: 'active', label: 'Đang dùng', defaultChecked: f.active },
                  ]}
                />
              </li>
            ))}
          </ul>
          <h3>Thêm hình thức</h3>
          <ActionForm
            action={addFormAction}
            label="Thêm hình thức khen thưởng"
            submit="Thêm hình thức"
            idPrefix="ht-moi"
            fields={[
              { kind: 'text', name: 'name', label: 'Tên hình thức', maxLength: 200 },
              { kind: 'select', name: 'kind', label: 'Khen cho', options: KIND_OPTIONS, defaultValue: 'individual' },
            ]}
          />
        </section>
      ) : null}
    </div>
  );
}

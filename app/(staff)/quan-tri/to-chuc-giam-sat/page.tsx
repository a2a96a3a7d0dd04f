import type { Metadata } from 'next';
import { ActionForm } from '@/components/recognition/action-form';
import { listOrganisations } from '@/db/queries/supervision';
import { isRootScope } from '@/lib/auth/roles';
import { ORGANISATION_KIND_LABELS, ORGANISATION_KINDS } from '@/lib/supervision';
import { requireViewer } from '@/server/auth/viewer';
import { saveOrganisationAction } from './actions';

export const metadata: Metadata = { title: 'Tổ chức giám sát' };

const KIND_OPTIONS = ORGANISATION_KINDS.map((k) => ({ value: k, label: ORGANISATION_KIND_LABELS[k] }));

/**
 * The organisations supervisors belong to (docs/decisions/028). Province
 * administrators keep the list; a supervisor account must name one, shown
 * on everything it writes. Only an inspectorate's supervisors conclude
 * integrity reports.
 */
export default async function OrganisationsPage() {
  const viewer = await requireViewer('organisations.manage');
  const organisations = await listOrganisations();
  const editable = isRootScope(viewer);
  return (
    <div className="admin stack">
      <h1>Tổ chức giám sát</h1>
      <p className="muted">
        Mỗi tài khoản giám sát thuộc một tổ chức trong danh sách này; tên tổ chức hiện trên mọi kết quả giám sát, kiến nghị và kết luận họ ghi. Chỉ cán bộ của tổ chức loại
        “Thanh tra” mới kết luận phản ánh liêm chính. Tổ chức ngừng hoạt động không chọn được cho tài khoản mới; những gì đã ghi vẫn giữ nguyên.
      </p>
      {!editable ? (
        <p className="notice" role="note">
          Danh sách dùng chung cho cả tỉnh: chỉ quản trị cấp tỉnh sửa được.
        </p>
      ) : null}
      <div className="table-scroll" role="region" aria-label="Danh sách tổ chức giám sát" tabIndex={0}>
        <table className="data">
          <caption className="visually-hidden">Tổ chức giám sát</caption>
          <thead>
            <tr>
              <th scope="col">Tên tổ chức</th>
              <th scope="col">Loại</th>
              <th scope="col">Trạng thái</th>
              {editable ? <th scope="col">Sửa</th> : null}
            </tr>
          </thead>
          <tbody>
            {organisations.map((o) => (
              <tr key={o.id}>
                <th scope="row">{o.name}</th>
                <td>{ORGANISATION_KIND_LABELS[o.kind]}</td>
                <td>{o.active ? <span className="badge on">Đang hoạt động</span> : <span className="badge off">Ngừng hoạt động</span>}</td>
                {editable ? (
                  <td>
                    <details>
                      <summary>Sửa {o.name}</summary>
                      <ActionForm
                        action={saveOrganisationAction}
                        label={`Sửa tổ chức ${o.name}`}
                        submit="Lưu"
                        idPrefix={`tc-${o.id}`}
                        fields={[
                          { kind: 'hidden', name: 'organisationId', value: String(o.id) },
                          { kind: 'text', name: 'name', label: 'Tên tổ chức', defaultValue: o.name, maxLength: 200 },
                          { kind: 'select', name: 'kind', label: 'Loại tổ chức', options: KIND_OPTIONS, defaultValue: o.kind },
                          { kind: 'checkbox', name: 'active', label: 'Đang hoạt động', defaultChecked: o.active },
                        ]}
                      />
                    </details>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {editable ? (
        <section aria-labelledby="them-to-chuc" className="admin-section stack narrow">
          <h2 id="them-to-chuc">Thêm tổ chức</h2>
          <ActionForm
            action={saveOrganisationAction}
            label="Thêm tổ chức giám sát"
            submit="Thêm tổ chức"
            idPrefix="tc-moi"
            fields={[
              { kind: 'text', name: 'name', label: 'Tên tổ chức', maxLength: 200, hint: 'Ví dụ: Hội Liên hiệp Phụ nữ tỉnh.' },
              { kind: 'select', name: 'kind', label: 'Loại tổ chức', options: KIND_OPTIONS, placeholder: '— Chọn loại —' },
              { kind: 'hidden', name: 'active', value: 'on' },
            ]}
          />
        </section>
      ) : null}
    </div>
  );
}

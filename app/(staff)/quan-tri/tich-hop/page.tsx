import type { Metadata } from 'next';
import { CreateIntegrationPanel, RevokeIntegrationForm } from '@/components/integrations/create-integration-form';
import { listIntegrations } from '@/db/queries/integrations';
import { listUnitsInScope } from '@/db/queries/unit-tree';
import { formatDateTime } from '@/lib/format';
import { unitTreeRows } from '@/lib/unit-tree';
import { requireViewer } from '@/server/auth/viewer';
import { createIntegrationAction, revokeIntegrationAction } from './actions';

export const metadata: Metadata = { title: 'Tích hợp hệ thống hồ sơ' };

/**
 * Keys of dossier systems (issue 17, docs/decisions/027): administrators make
 * one for a unit of their subtree (shown once), see when each was last used,
 * and revoke them.
 */
export default async function IntegrationsPage() {
  const viewer = await requireViewer('integrations.manage');
  const [rows, units] = await Promise.all([listIntegrations({ viewer }), listUnitsInScope({ viewer })]);
  const active = rows.filter((r) => !r.revokedAt).length;
  return (
    <div className="admin stack">
      <h1>Tích hợp hệ thống hồ sơ</h1>
      <p>
        Hệ thống một cửa điện tử đăng ký từng hồ sơ qua API và nhận lại đường dẫn đánh giá riêng của hồ sơ (in thành mã QR trên giấy tiếp nhận). Mỗi khóa API
        thuộc một đơn vị trong phạm vi <strong>{viewer.scopeName}</strong> và chỉ đăng ký được hồ sơ của đơn vị đó cùng các đơn vị trực thuộc.
      </p>
      <section className="stack" aria-labelledby="integration-list-title">
        <h2 id="integration-list-title">Các khóa API ({active.toLocaleString('vi-VN')} đang dùng)</h2>
        {rows.length === 0 ? (
          <p>Chưa có khóa nào.</p>
        ) : (
          <div className="table-scroll" role="region" aria-labelledby="integration-list-title" tabIndex={0}>
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">Tên khóa</th>
                  <th scope="col">Tiền tố</th>
                  <th scope="col">Đơn vị</th>
                  <th scope="col">Tạo lúc</th>
                  <th scope="col">Dùng gần nhất</th>
                  <th scope="col">Trạng thái</th>
                  <th scope="col">Thao tác</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">{r.name}</th>
                    <td>
                      <code translate="no">hl_{r.keyPrefix}_…</code>
                    </td>
                    <td>{r.unitName}</td>
                    <td>
                      {formatDateTime(r.createdAt)}
                      {r.createdByName ? ` (${r.createdByName})` : ''}
                    </td>
                    <td>{r.lastUsedAt ? formatDateTime(r.lastUsedAt) : 'Chưa dùng'}</td>
                    <td>{r.revokedAt ? `Đã thu hồi lúc ${formatDateTime(r.revokedAt)}` : 'Đang dùng'}</td>
                    <td>{r.revokedAt ? '—' : <RevokeIntegrationForm action={revokeIntegrationAction} integrationId={r.id} name={r.name} />}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="stack narrow" aria-labelledby="integration-create-title">
        <h2 id="integration-create-title">Tạo khóa API mới</h2>
        <CreateIntegrationPanel action={createIntegrationAction} units={unitTreeRows(units, (u) => u.active)} />
      </section>
    </div>
  );
}

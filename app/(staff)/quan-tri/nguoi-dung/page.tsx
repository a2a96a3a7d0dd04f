import type { Metadata } from 'next';
import Link from 'next/link';
import { UsersTable } from '@/components/admin/users/users-table';
import { listUsers } from '@/db/queries/users';
import { requireViewer } from '@/server/auth/viewer';

export const metadata: Metadata = { title: 'Người dùng' };

export default async function UsersPage() {
  const viewer = await requireViewer('users.manage');
  const rows = await listUsers({ viewer });
  const active = rows.filter((r) => r.active).length;
  return (
    <div className="admin stack">
      <h1>Người dùng</h1>
      <p>
        Tài khoản thuộc <strong>{viewer.scopeName}</strong> và các đơn vị trực thuộc: {rows.length} tài khoản, {active} đang hoạt động. Tài khoản không
        bao giờ bị xoá, chỉ vô hiệu hoá, để lịch sử thao tác luôn rõ người thực hiện.
      </p>
      <div className="row-actions">
        <Link className="button" href="/quan-tri/nguoi-dung/moi">
          Tạo tài khoản
        </Link>
      </div>
      <UsersTable rows={rows} viewerId={viewer.userId} />
    </div>
  );
}

import type { Metadata } from 'next';
import Link from 'next/link';
import { CreateUserPanel } from '@/components/admin/users/create-user-form';
import { ROLE_OPTIONS } from '@/components/admin/users/options';
import { unitPickerOptions } from '@/components/ui/unit-tree';
import { listOrganisations } from '@/db/queries/supervision';
import { listUnitsInScope } from '@/db/queries/unit-tree';
import { requireViewer } from '@/server/auth/viewer';
import { createAccount } from '../actions';

export const metadata: Metadata = { title: 'Tạo tài khoản' };

export default async function NewUserPage() {
  const viewer = await requireViewer('users.manage');
  const units = unitPickerOptions(await listUnitsInScope({ viewer }));
  const organisations = (await listOrganisations({ activeOnly: true })).map((o) => ({ value: String(o.id), label: o.name }));
  return (
    <div className="admin narrow stack">
      <p>
        <Link href="/quan-tri/nguoi-dung">← Người dùng</Link>
      </p>
      <h1>Tạo tài khoản</h1>
      <p className="muted">Hệ thống tạo một mật khẩu dùng một lần; người dùng phải đổi mật khẩu khi đăng nhập lần đầu.</p>
      <CreateUserPanel action={createAccount} roles={ROLE_OPTIONS} units={units} organisations={organisations} />
    </div>
  );
}

import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { AccountStatusForm } from '@/components/admin/users/account-status-form';
import { EditUserForm } from '@/components/admin/users/edit-user-form';
import { ROLE_OPTIONS } from '@/components/admin/users/options';
import { unitPickerOptions } from '@/components/ui/unit-tree';
import { ResetPasswordForm } from '@/components/admin/users/reset-password-form';
import { listOrganisations } from '@/db/queries/supervision';
import { listUnitsInScope } from '@/db/queries/unit-tree';
import { getUser } from '@/db/queries/users';
import { ROLE_LABELS } from '@/lib/auth/roles';
import { formatDateTime } from '@/lib/format';
import { requireViewer } from '@/server/auth/viewer';
import { resetAccountPassword, setAccountActive, updateAccount } from '../actions';

export const metadata: Metadata = { title: 'Tài khoản' };

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireViewer('users.manage');
  const { id } = await params;
  if (!/^[1-9]\d{0,9}$/.test(id)) notFound();
  const user = await getUser({ viewer, userId: Number(id) });
  if (!user) notFound();
  const isSelf = user.id === viewer.userId;
  const units = unitPickerOptions(await listUnitsInScope({ viewer }));
  // Active organisations, and the account's own even if it has since stopped.
  const organisations = (await listOrganisations())
    .filter((o) => o.active || o.id === user.organisationId)
    .map((o) => ({ value: String(o.id), label: o.active ? o.name : `${o.name} (ngừng hoạt động)` }));
  return (
    <div className="admin stack">
      <p>
        <Link href="/quan-tri/nguoi-dung">← Người dùng</Link>
      </p>
      <h1>
        {user.displayName} <span className="muted">({user.username})</span>
      </h1>
      <p>
        {user.active ? <span className="badge on">Đang hoạt động</span> : <span className="badge off">Đã vô hiệu hoá</span>}{' '}
        {user.mustChangePassword ? <span className="badge">Chờ đổi mật khẩu</span> : null}{' '}
        <span className="muted">Đăng nhập gần nhất: {user.lastSignInAt ? formatDateTime(user.lastSignInAt) : 'chưa đăng nhập'}</span>
      </p>
      <p>
        <Link href={`/quan-tri/nhat-ky?actor=${user.id}`}>Xem nhật ký thao tác của tài khoản này</Link>
      </p>

      <div className="admin-columns">
        <section aria-labelledby="sua" className="narrow">
          <h2 id="sua">Thông tin tài khoản</h2>
          <EditUserForm
            action={updateAccount}
            isSelf={isSelf}
            roles={ROLE_OPTIONS}
            units={units}
            organisations={organisations}
            account={{
              id: user.id,
              displayName: user.displayName,
              email: user.email,
              role: user.role,
              roleLabel: ROLE_LABELS[user.role].vi,
              scopeUnitId: user.scopeUnitId,
              scopeName: user.scopeName,
              organisationId: user.organisationId,
            }}
          />
        </section>

        <div className="stack narrow">
          <section aria-labelledby="trang-thai">
            <h2 id="trang-thai">Trạng thái</h2>
            {isSelf ? (
              <p className="muted">Đây là tài khoản của Ông/Bà: không thể tự vô hiệu hoá.</p>
            ) : (
              <AccountStatusForm action={setAccountActive} userId={user.id} active={user.active} />
            )}
          </section>

          <section aria-labelledby="mat-khau">
            <h2 id="mat-khau">Đặt lại mật khẩu</h2>
            {isSelf ? (
              <p>
                Để đổi mật khẩu của chính mình, hãy dùng trang <Link href="/tai-khoan/mat-khau">Đổi mật khẩu</Link>.
              </p>
            ) : (
              <>
                <p className="muted">Tạo một mật khẩu dùng một lần mới. Người dùng phải đổi mật khẩu khi đăng nhập lại.</p>
                <ResetPasswordForm action={resetAccountPassword} userId={user.id} username={user.username} />
              </>
            )}
          </section>
        </div>
      </div>
    </div>
  );
}

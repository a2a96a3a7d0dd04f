import type { Metadata } from 'next';
import { ChangePasswordForm } from '@/components/auth/change-password-form';
import { requireViewer } from '@/server/auth/viewer';
import { changePassword } from './actions';

export const metadata: Metadata = { title: 'Đổi mật khẩu' };

export default async function ChangePasswordPage() {
  const viewer = await requireViewer(undefined, { allowPasswordChange: true });
  return (
    <div className="narrow">
      <h1>Đổi mật khẩu</h1>
      {viewer.mustChangePassword ? (
        <p role="alert">Ông/Bà đang dùng mật khẩu tạm thời. Vui lòng đặt mật khẩu mới trước khi tiếp tục.</p>
      ) : null}
      <ChangePasswordForm action={changePassword} />
    </div>
  );
}

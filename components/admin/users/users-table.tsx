import Link from 'next/link';
import { ROLE_LABELS, type Role } from '@/lib/auth/roles';
import { formatDateTime } from '@/lib/format';

export type UserListRow = {
  id: number;
  username: string;
  displayName: string;
  email: string | null;
  role: Role;
  scopeName: string;
  active: boolean;
  mustChangePassword: boolean;
  lastSignInAt: Date | null;
};

export function UsersTable({ rows, viewerId }: { rows: UserListRow[]; viewerId: number }) {
  if (rows.length === 0) return <p>Chưa có tài khoản nào trong phạm vi của Ông/Bà.</p>;
  return (
    <div className="table-scroll">
      <table className="data">
        <caption className="visually-hidden">Tài khoản trong phạm vi, theo tên đăng nhập</caption>
        <thead>
          <tr>
            <th scope="col">Tên đăng nhập</th>
            <th scope="col">Họ và tên</th>
            <th scope="col">E-mail</th>
            <th scope="col">Vai trò</th>
            <th scope="col">Đơn vị phạm vi</th>
            <th scope="col">Trạng thái</th>
            <th scope="col">Đăng nhập gần nhất</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((u) => (
            <tr key={u.id}>
              <td>
                <Link href={`/quan-tri/nguoi-dung/${u.id}`}>{u.username}</Link>
                {u.id === viewerId ? <span className="muted"> (Ông/Bà)</span> : null}
              </td>
              <td>{u.displayName}</td>
              <td>{u.email ?? '—'}</td>
              <td>{ROLE_LABELS[u.role].vi}</td>
              <td>{u.scopeName}</td>
              <td>
                {u.active ? <span className="badge on">Đang hoạt động</span> : <span className="badge off">Đã vô hiệu hoá</span>}
                {u.active && u.mustChangePassword ? (
                  <>
                    {' '}
                    <span className="badge">Chờ đổi mật khẩu</span>
                  </>
                ) : null}
              </td>
              <td>{u.lastSignInAt ? formatDateTime(u.lastSignInAt) : 'Chưa đăng nhập'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

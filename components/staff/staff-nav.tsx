import Link from 'next/link';
import { can, ROLE_LABELS, type Role } from '@/lib/auth/roles';
import { NavBadge } from '@/components/alerts/nav-badge';
import { SignOutButton } from './sign-out-button';

type Item = { href: string; label: string; show: (role: Role) => boolean };

/** The staff navigation; each role sees only what it may open (the pages check again). */
export const NAV_ITEMS: Item[] = [
  { href: '/tong-quan', label: 'Tổng quan', show: () => true },
  { href: '/thong-ke', label: 'Thống kê', show: (r) => can(r, 'dashboard.read') },
  { href: '/gop-y', label: 'Góp ý', show: (r) => can(r, 'dashboard.read') },
  { href: '/canh-bao', label: 'Cảnh báo', show: (r) => can(r, 'dashboard.read') },
  { href: '/danh-gia', label: 'Đánh giá', show: (r) => can(r, 'dashboard.read') },
  { href: '/khen-thuong', label: 'Khen thưởng', show: (r) => can(r, 'recognition.nominate') || can(r, 'recognition.manage') },
  { href: '/ap-phich', label: 'Áp phích QR', show: (r) => can(r, 'posters.print') },
  { href: '/quan-tri/kiosk', label: 'Kiosk', show: (r) => can(r, 'kiosks.manage') },
  { href: '/quan-tri/don-vi', label: 'Đơn vị', show: (r) => can(r, 'units.manage') },
  { href: '/quan-tri/nguoi-dung', label: 'Người dùng', show: (r) => can(r, 'users.manage') },
  { href: '/quan-tri/bo-cau-hoi', label: 'Bộ câu hỏi', show: (r) => can(r, 'questionSets.manage') },
  { href: '/quan-tri/nhat-ky', label: 'Nhật ký', show: (r) => can(r, 'audit.read') },
  { href: '/yeu-cau-xoa', label: 'Yêu cầu xoá SĐT', show: (r) => can(r, 'contacts.erase') },
  { href: '/quan-tri/he-thong', label: 'Hệ thống', show: (r) => can(r, 'users.manage') },
];

/** `badges`: a count of new items to show beside an item, by its href (the alerts page's badge). */
export function StaffNav({
  role,
  displayName,
  scopeName,
  badges = {},
}: {
  role: Role;
  displayName: string;
  scopeName: string;
  badges?: Partial<Record<string, number>>;
}) {
  return (
    <header className="staff-header">
      <div className="container staff-header-inner">
        <Link className="site-title" href="/tong-quan">
          Hài Lòng
        </Link>
        <nav aria-label="Chức năng">
          <ul className="staff-nav">
            {NAV_ITEMS.filter((i) => i.show(role)).map((i) => (
              <li key={i.href}>
                <Link href={i.href}>
                  {i.label}
                  {badges[i.href] !== undefined ? <NavBadge key={badges[i.href]} count={badges[i.href]!} /> : null}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="staff-user">
          <span>
            {displayName} · {ROLE_LABELS[role].vi} · {scopeName}
          </span>
          <Link href="/tai-khoan/mat-khau">Đổi mật khẩu</Link>
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}

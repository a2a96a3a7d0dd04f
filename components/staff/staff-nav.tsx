import Link from 'next/link';
import { can, ROLE_LABELS, type Role } from '@/lib/auth/roles';
import { NavBadge } from '@/components/alerts/nav-badge';
import { SignOutButton } from './sign-out-button';

type Item = { href: string; label: string; show: (role: Role) => boolean };

/** The staff navigation; each role sees only what it may open (the pages check again). */
export const NAV_ITEMS: Item[] = [
  // An official's own account has one page, its own figures (issue 14): that is its home.
  { href: '/tong-quan', label: 'Tổng quan', show: (r) => !can(r, 'officials.ownFigures') },
  { href: '/ca-nhan', label: 'Kết quả của tôi', show: (r) => can(r, 'officials.ownFigures') },
  { href: '/thong-ke', label: 'Thống kê', show: (r) => can(r, 'dashboard.read') },
  { href: '/gop-y', label: 'Góp ý', show: (r) => can(r, 'dashboard.read') },
  { href: '/canh-bao', label: 'Cảnh báo', show: (r) => can(r, 'dashboard.read') },
  { href: '/danh-gia', label: 'Đánh giá', show: (r) => can(r, 'dashboard.read') },
  { href: '/khen-thuong', label: 'Khen thưởng', show: (r) => can(r, 'recognition.nominate') || can(r, 'recognition.manage') },
  { href: '/giam-sat', label: 'Giám sát', show: (r) => can(r, 'supervision.read') },
  // Supervisors outside the inspectorate have it hidden by the layout (docs/decisions/028).
  { href: '/phan-anh-liem-chinh', label: 'Phản ánh liêm chính', show: (r) => can(r, 'integrity.read') },
  // Officials' accounts too: the page says so when the head has not delegated the schedule to them.
  { href: '/lich-truc', label: 'Lịch trực', show: (r) => can(r, 'duty.manage') || r === 'official' },
  { href: '/cong-bo', label: 'Công bố', show: (r) => can(r, 'publishing.manage') },
  { href: '/ap-phich', label: 'Áp phích QR', show: (r) => can(r, 'posters.print') },
  { href: '/can-bo', label: 'Cán bộ', show: (r) => can(r, 'officials.manage') || can(r, 'officials.figures') },
  { href: '/quan-tri/kiosk', label: 'Kiosk', show: (r) => can(r, 'kiosks.manage') },
  { href: '/ho-so', label: 'Hồ sơ', show: (r) => can(r, 'dossiers.manage') },
  { href: '/quan-tri/tich-hop', label: 'Tích hợp', show: (r) => can(r, 'integrations.manage') },
  { href: '/quan-tri/don-vi', label: 'Đơn vị', show: (r) => can(r, 'units.manage') },
  { href: '/quan-tri/nguoi-dung', label: 'Người dùng', show: (r) => can(r, 'users.manage') },
  { href: '/quan-tri/to-chuc-giam-sat', label: 'Tổ chức giám sát', show: (r) => can(r, 'organisations.manage') },
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
  hidden = [],
}: {
  role: Role;
  displayName: string;
  scopeName: string;
  badges?: Partial<Record<string, number>>;
  /** Items the role may have but this account may not open (an official's duty schedule without the head's delegation). */
  hidden?: readonly string[];
}) {
  return (
    <header className="staff-header">
      <div className="container staff-header-inner">
        <Link className="site-title" href={can(role, 'officials.ownFigures') ? '/ca-nhan' : '/tong-quan'}>
          Hài Lòng
        </Link>
        <nav aria-label="Chức năng">
          <ul className="staff-nav">
            {NAV_ITEMS.filter((i) => i.show(role) && !hidden.includes(i.href)).map((i) => (
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

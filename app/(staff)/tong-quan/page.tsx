import type { Metadata } from 'next';
import Link from 'next/link';
import { NAV_ITEMS } from '@/components/staff/staff-nav';
import { ROLE_LABELS } from '@/lib/auth/roles';
import { requireViewer } from '@/server/auth/viewer';

export const metadata: Metadata = { title: 'Tổng quan' };

export default async function OverviewPage() {
  const viewer = await requireViewer();
  const links = NAV_ITEMS.filter((i) => i.href !== '/tong-quan' && i.show(viewer.role));
  return (
    <>
      <h1>Xin chào, {viewer.displayName}</h1>
      <p>
        Vai trò: <strong>{ROLE_LABELS[viewer.role].vi}</strong> · Phạm vi: <strong>{viewer.scopeName}</strong> và các đơn vị trực thuộc.
      </p>
      <p className="muted">Bảng điều khiển mức độ hài lòng đang được xây dựng.</p>
      {links.length ? (
        <ul>
          {links.map((l) => (
            <li key={l.href}>
              <Link href={l.href}>{l.label}</Link>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

import type { Metadata } from 'next';
import Link from 'next/link';
import { NAV_ITEMS } from '@/components/staff/staff-nav';
import { can, ROLE_LABELS } from '@/lib/auth/roles';
import { formatCount, formatPercent } from '@/lib/format';
import { NOT_ENOUGH_DATA } from '@/lib/indicators/indicator';
import { presetPeriod } from '@/lib/indicators/periods';
import { requireViewer } from '@/server/auth/viewer';
import { loadOfficeTable } from '@/server/dashboard';

export const metadata: Metadata = { title: 'Tổng quan' };

export default async function OverviewPage() {
  const viewer = await requireViewer();
  const links = NAV_ITEMS.filter((i) => i.href !== '/tong-quan' && i.show(viewer.role));
  // The last 30 days of the viewer's whole scope: the one number to see first.
  const table = can(viewer.role, 'dashboard.read') ? await loadOfficeTable(viewer, { period: presetPeriod('30-ngay', new Date()) }) : null;
  const headline = table?.total.headline;
  return (
    <>
      <h1>Xin chào, {viewer.displayName}</h1>
      <p>
        Vai trò: <strong>{ROLE_LABELS[viewer.role].vi}</strong> · Phạm vi: <strong>{viewer.scopeName}</strong> và các đơn vị trực thuộc.
      </p>
      {table ? (
        <p className="notice" role="status">
          30 ngày qua: <strong>{formatCount(table.total.responses)}</strong> phiếu hợp lệ từ {formatCount(table.lines.length)} đơn vị; tỷ lệ hài lòng chung{' '}
          <strong>{headline?.enoughData ? formatPercent(headline.rate) : NOT_ENOUGH_DATA}</strong>.{' '}
          <Link href="/thong-ke?ky=30-ngay">Xem thống kê</Link>
        </p>
      ) : null}
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

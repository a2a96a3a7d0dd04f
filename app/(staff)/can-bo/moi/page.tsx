import type { Metadata } from 'next';
import Link from 'next/link';
import { CreateOfficialForm } from '@/components/officials/official-forms';
import { listOfficialOffices } from '@/db/queries/officials';
import { parseOfficialFilters } from '@/lib/validation/officials';
import type { SearchParams } from '@/lib/validation/list-filters';
import { requireViewer } from '@/server/auth/viewer';
import { createOfficialAction } from '../actions';

export const metadata: Metadata = { title: 'Thêm cán bộ' };

export default async function NewOfficialPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requireViewer('officials.manage');
  const { unitId } = parseOfficialFilters(await searchParams);
  const offices = await listOfficialOffices({ viewer });
  const only = offices.length === 1 ? String(offices[0]!.id) : undefined;
  return (
    <div className="admin narrow stack">
      <p>
        <Link href="/can-bo">← Cán bộ</Link>
      </p>
      <h1>Thêm cán bộ</h1>
      <p className="muted">Chỉ cần họ tên và chức danh. Ảnh, mã PIN kiosk và tài khoản riêng có thể thêm sau, ở trang của cán bộ.</p>
      <CreateOfficialForm
        action={createOfficialAction}
        offices={offices.map((o) => ({ value: String(o.id), label: o.name }))}
        defaultUnitId={unitId && offices.some((o) => o.id === unitId) ? String(unitId) : only}
      />
    </div>
  );
}

import type { Metadata } from 'next';
import Link from 'next/link';
import { CreateUnitForm } from '@/components/admin/units/create-unit-form';
import { unitPickerOptions, UnitTreeName } from '@/components/ui/unit-tree';
import { listUnitsForAdmin } from '@/db/queries/unit-admin';
import { unitTreeRows } from '@/lib/unit-tree';
import { UNIT_KINDS, unitKindLabel } from '@/lib/units';
import { requireViewer } from '@/server/auth/viewer';
import { createUnitAction } from './actions';

export const metadata: Metadata = { title: 'Quản trị đơn vị' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function UnitsAdminPage({ searchParams }: Props) {
  const viewer = await requireViewer('units.manage');
  const rows = await listUnitsForAdmin({ viewer });
  // "Thêm đơn vị cấp dưới" on a unit page links here with ?cap-tren=<id>; anything else falls back to the scope root.
  const asked = (await searchParams)['cap-tren'];
  const defaultParent = rows.find((u) => String(u.id) === asked) ?? rows[0];
  const tree = new Map(unitTreeRows(rows).map((r) => [r.id, r]));

  return (
    <div className="units-admin">
      <h1>Đơn vị</h1>
      <p className="muted">
        Cây đơn vị trong phạm vi của Ông/Bà: {viewer.scopeName} và các đơn vị trực thuộc. Đơn vị không bao giờ bị xoá: khi ngừng hoạt động, hãy tắt đơn vị.
      </p>

      <table className="data row-headed">
        <caption className="visually-hidden">Cây đơn vị, mỗi dòng một đơn vị, đơn vị cấp dưới thụt vào</caption>
        <thead>
          <tr>
            <th scope="col">Tên đơn vị</th>
            <th scope="col">Loại</th>
            <th scope="col">Mã QR</th>
            <th scope="col">Số quầy</th>
            <th scope="col">Trạng thái</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((u) => (
            <tr key={u.id}>
              <th scope="row">
                <UnitTreeName row={tree.get(u.id) ?? { ...u, parentName: null }}>
                  <Link href={`/quan-tri/don-vi/${u.id}`}>{u.name}</Link>
                </UnitTreeName>
              </th>
              <td>{unitKindLabel(u.kind)}</td>
              <td>{u.code ? <code>{u.code}</code> : <span className="muted">Không nhận đánh giá</span>}</td>
              <td>{u.counterCount}</td>
              <td>{u.active ? <span className="badge">Đang hoạt động</span> : <span className="badge off">Đã tắt</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <section className="admin-section" aria-labelledby="them-don-vi">
        <h2 id="them-don-vi">Thêm đơn vị</h2>
        <fieldset className="box narrow">
          <legend>Đơn vị mới</legend>
          <CreateUnitForm
            action={createUnitAction}
            parents={unitPickerOptions(rows)}
            kinds={UNIT_KINDS.map((k) => ({ value: k, label: unitKindLabel(k) }))}
            defaultParentId={defaultParent ? String(defaultParent.id) : undefined}
          />
        </fieldset>
      </section>
    </div>
  );
}

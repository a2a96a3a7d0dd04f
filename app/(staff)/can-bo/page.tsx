import type { Metadata } from 'next';
import Link from 'next/link';
import { listOfficialOffices, listOfficials } from '@/db/queries/officials';
import { can } from '@/lib/auth/roles';
import { formatCount } from '@/lib/format';
import { parseOfficialFilters } from '@/lib/validation/officials';
import type { SearchParams } from '@/lib/validation/list-filters';
import { requireViewer } from '@/server/auth/viewer';
import { notFound } from 'next/navigation';

export const metadata: Metadata = { title: 'Cán bộ' };

/**
 * The officials of the viewer's offices (issue 14): by office, active first.
 * Office heads and administrators manage them; assessors open each one's
 * advisory figures. Supervisors never reach this page (no individual data).
 */
export default async function OfficialsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requireViewer();
  const manages = can(viewer.role, 'officials.manage');
  const figures = can(viewer.role, 'officials.figures');
  if (!manages && !figures) notFound();
  const filters = parseOfficialFilters(await searchParams);
  const [offices, rows] = await Promise.all([listOfficialOffices({ viewer }), listOfficials({ viewer, unitId: filters.unitId, search: filters.search })]);
  const byOffice = new Map<number, { name: string; rows: typeof rows }>();
  for (const r of rows) {
    const group = byOffice.get(r.unitId) ?? { name: r.officeName, rows: [] };
    group.rows.push(r);
    byOffice.set(r.unitId, group);
  }
  const filtered = filters.unitId !== null || filters.search !== '';
  return (
    <div className="admin stack">
      <h1>Cán bộ tiếp dân</h1>
      <p>
        Cán bộ, công chức trực tiếp tiếp nhận hồ sơ tại các quầy của <strong>{viewer.scopeName}</strong>
        {offices.length > 1 ? ' và các đơn vị trực thuộc' : ''}. Kết quả của từng cán bộ chỉ để tham khảo, không dùng để xử lý kỷ luật, và chỉ thủ trưởng đơn
        vị, tổ thẩm định và chính cán bộ đó xem được.
      </p>
      {manages ? (
        <p>
          <Link className="button" href={filters.unitId ? `/can-bo/moi?don-vi=${filters.unitId}` : '/can-bo/moi'}>
            Thêm cán bộ
          </Link>
        </p>
      ) : null}
      <form method="get" action="/can-bo" className="row-actions" role="search" aria-label="Lọc danh sách cán bộ">
        {offices.length > 1 ? (
          <div className="field">
            <label htmlFor="loc-don-vi">Đơn vị</label>
            <select id="loc-don-vi" name="don-vi" defaultValue={filters.unitId ? String(filters.unitId) : ''}>
              <option value="">Mọi đơn vị</option>
              {offices.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="field">
          <label htmlFor="loc-ten">Tìm theo tên</label>
          <input id="loc-ten" name="q" type="search" defaultValue={filters.search} autoComplete="off" />
        </div>
        <div className="field">
          <button type="submit" className="button secondary">
            Lọc
          </button>
        </div>
      </form>
      <p role="status">
        {formatCount(rows.length)} cán bộ{filtered ? ' khớp bộ lọc' : ''}.{' '}
        {filtered ? <Link href="/can-bo">Bỏ bộ lọc</Link> : null}
      </p>
      {[...byOffice].map(([unitId, group]) => (
        <section key={unitId} aria-labelledby={`don-vi-${unitId}`} className="stack">
          <h2 id={`don-vi-${unitId}`}>{group.name}</h2>
          <table className="data">
            <thead>
              <tr>
                <th scope="col">Họ và tên</th>
                <th scope="col">Chức danh</th>
                <th scope="col">Trạng thái</th>
                <th scope="col">Ảnh</th>
                <th scope="col">Tài khoản</th>
                {figures ? <th scope="col">Kết quả</th> : null}
              </tr>
            </thead>
            <tbody>
              {group.rows.map((o) => (
                <tr key={o.id}>
                  <th scope="row">{manages ? <Link href={`/can-bo/${o.id}`}>{o.fullName}</Link> : o.fullName}</th>
                  <td>{o.position || '—'}</td>
                  <td>{o.active ? <span className="badge on">Đang làm việc</span> : <span className="badge off">Đã nghỉ</span>}</td>
                  <td>{o.photoVersion > 0 ? 'Có' : 'Chưa có'}</td>
                  <td>{o.username ?? 'Chưa có'}</td>
                  {figures ? (
                    <td>
                      <Link href={`/can-bo/${o.id}/ket-qua`} aria-label={`Kết quả của ${o.fullName}`}>
                        Xem kết quả
                      </Link>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </div>
  );
}

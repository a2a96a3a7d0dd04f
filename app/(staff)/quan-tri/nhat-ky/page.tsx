import type { Metadata } from 'next';
import { FilterNotes } from '@/components/ui/filter-notes';
import Link from 'next/link';
import { AuditFilters } from '@/components/admin/audit/audit-filters';
import { AuditTable } from '@/components/admin/audit/audit-table';
import { Pagination } from '@/components/admin/audit/pagination';
import { listAuditActions, listAuditActors, listAuditEntries, listAuditNames } from '@/db/queries/audit';
import { auditNameRefs } from '@/lib/audit-names';
import { AUDIT_ACTION_LABELS, auditActionLabel } from '@/lib/audit';
import { AUDIT_PAGE_SIZE, auditQueryString, pageCount, parseAuditQuery, type SearchParams } from '@/lib/validation/audit';
import { requireViewer } from '@/server/auth/viewer';

export const metadata: Metadata = { title: 'Nhật ký thao tác' };

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requireViewer('audit.read');
  const { query, notes } = parseAuditQuery(await searchParams);
  const { rows, total } = await listAuditEntries({
    viewer,
    action: query.action,
    actorId: query.actorId,
    from: query.from,
    to: query.to,
    limit: AUDIT_PAGE_SIZE,
    offset: (query.page - 1) * AUDIT_PAGE_SIZE,
  });
  const pages = pageCount(total);
  const names = await listAuditNames(auditNameRefs(rows));
  const actionValues = [...new Set([...(await listAuditActions({ viewer })), ...(query.action ? [query.action] : [])])];
  const actions = actionValues
    .map((a) => ({ value: a, label: auditActionLabel(a) }))
    .sort((a, b) => Number(b.value in AUDIT_ACTION_LABELS) - Number(a.value in AUDIT_ACTION_LABELS) || a.label.localeCompare(b.label, 'vi'));
  const actors = (await listAuditActors({ viewer })).map((u) => ({ value: String(u.id), label: u.username ? `${u.displayName} (${u.username})` : u.displayName }));
  // An account with no entry yet (linked from its page) still shows as the chosen filter.
  if (query.actorId && !actors.some((a) => a.value === String(query.actorId))) actors.push({ value: String(query.actorId), label: `Tài khoản #${query.actorId}` });
  const filtered = Boolean(query.action || query.actorId || query.from || query.to);
  const first = (query.page - 1) * AUDIT_PAGE_SIZE + 1;

  return (
    <div className="admin stack">
      <h1>Nhật ký thao tác</h1>
      <p className="muted">
        Mọi thay đổi và mọi lần đăng nhập liên quan đến các đơn vị trong phạm vi {viewer.scopeName}, mới nhất trước. Giờ theo giờ Việt Nam (UTC+7). Nhật ký không
        sửa, không xoá được.
      </p>
      <AuditFilters
        actions={actions}
        actors={actors}
        current={{ action: query.action, actor: query.actorId ? String(query.actorId) : undefined, tu: query.fromDay, den: query.toDay }}
      />
      <FilterNotes notes={notes} />
      {total === 0 ? (
        <p>{filtered ? 'Không có mục nào khớp bộ lọc.' : 'Nhật ký chưa có mục nào.'}</p>
      ) : rows.length === 0 ? (
        <p>
          Trang {query.page} không có mục nào (chỉ có {pages} trang). <Link href={`/quan-tri/nhat-ky${auditQueryString(query, 1)}`}>Về trang 1</Link>
        </p>
      ) : (
        <>
          <p role="status">
            Mục {first.toLocaleString('vi-VN')}–{(first + rows.length - 1).toLocaleString('vi-VN')} trong {total.toLocaleString('vi-VN')} mục
            {filtered ? ' khớp bộ lọc' : ''}.
          </p>
          <AuditTable rows={rows} names={names} />
          <Pagination page={query.page} pages={pages} hrefFor={(p) => `/quan-tri/nhat-ky${auditQueryString(query, p)}`} />
        </>
      )}
    </div>
  );
}

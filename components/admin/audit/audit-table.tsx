import Link from 'next/link';
import { auditActionLabel, auditRepeatNote, describeAuditEntity, diffAuditValues } from '@/lib/audit';
import type { AuditNames } from '@/lib/audit-names';
import { formatDateTime } from '@/lib/format';

export type AuditRow = {
  id: number;
  at: Date;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  /** Repeated anonymous failures from one network are one row: how many, and the last one. */
  count: number;
  lastAt: Date | null;
  actorId: number | null;
  actorName: string | null;
  /** Null when the actor is scoped outside the viewer's subtree: their name only. */
  actorUsername: string | null;
  /** The unit the entry concerns, when it concerns one. */
  unitName: string | null;
  /** The dossier system's key that made the call, when no person did (issue 17). */
  integrationName?: string | null;
};

/**
 * Entries newest first: time in Vietnam, who, what, on what (by name), and
 * only the values that changed, before and after, in Vietnamese labels with
 * names for ids (`names`, read for the page by db/queries/audit.ts listAuditNames).
 */
export function AuditTable({ rows, names }: { rows: AuditRow[]; names: AuditNames }) {
  return (
    <div className="table-scroll" role="region" aria-label="Nhật ký thao tác (cuộn ngang)" tabIndex={0}>
      <table className="data audit-table">
        <caption className="visually-hidden">Nhật ký thao tác, mới nhất trước</caption>
        <thead>
          <tr>
            <th scope="col">Thời gian</th>
            <th scope="col">Người thực hiện</th>
            <th scope="col">Hành động</th>
            <th scope="col">Đối tượng</th>
            <th scope="col">Thay đổi</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const changes = diffAuditValues(r.before, r.after, { entityType: r.entityType, names });
            const { label: entity, href } = describeAuditEntity(r.entityType, r.entityId, names, r.unitName);
            const repeats = auditRepeatNote(r);
            return (
              <tr key={r.id}>
                <td>
                  <time dateTime={r.at.toISOString()}>{formatDateTime(r.at)}</time>
                  {repeats ? (
                    <>
                      {' '}
                      <span className="muted">({repeats})</span>
                    </>
                  ) : null}
                </td>
                <td>
                  {r.actorId ? (
                    <>
                      {r.actorName}
                      {r.actorUsername ? <span className="muted"> ({r.actorUsername})</span> : <span className="muted"> (cấp trên)</span>}
                    </>
                  ) : r.integrationName ? (
                    <>
                      {r.integrationName} <span className="muted">(khóa API)</span>
                    </>
                  ) : (
                    <span aria-label="Không có (hệ thống hoặc chưa đăng nhập)">—</span>
                  )}
                </td>
                <td>
                  {auditActionLabel(r.action)}
                  {auditActionLabel(r.action) !== r.action ? <span className="muted audit-code"> {r.action}</span> : null}
                </td>
                <td>{href ? <Link href={href}>{entity}</Link> : entity}</td>
                <td>
                  {changes.length === 0 ? (
                    <span className="muted">—</span>
                  ) : (
                    <dl className="audit-diff">
                      {changes.map((c) => (
                        <div key={c.key}>
                          <dt>{c.label}</dt>
                          <dd>
                            {/* A value that was not there before (a creation, a field added) reads as itself. */}
                            {c.before === '—' ? (
                              c.after
                            ) : (
                              <>
                                <del>{c.before}</del> <span aria-hidden="true">→</span>
                                <span className="visually-hidden"> thành </span> <ins>{c.after}</ins>
                              </>
                            )}
                          </dd>
                        </div>
                      ))}
                    </dl>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}


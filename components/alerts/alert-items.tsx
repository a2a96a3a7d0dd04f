import type { ReactNode } from 'react';
import { formatDateTime } from '@/lib/format';
import { describeRule } from '@/lib/validation/alerts';

/** What the alerts page shows of one alert (db/queries/alerts.ts AlertRow, as plain values). */
export type AlertView = {
  id: number;
  unitName: string;
  startAt: Date;
  endAt: Date;
  lowCount: number;
  triggeredAt: Date;
  ruleCount: number;
  ruleWindowMinutes: number;
  acknowledgedAt: Date | null;
  acknowledgedByName: string | null;
  note: string | null;
};

/** "20/11/2026 09:00 – 09:40", or both dates in full when the burst spans midnight (Asia/Ho_Chi_Minh). */
export function TimeRange({ start, end }: { start: Date; end: Date }) {
  const s = formatDateTime(start);
  const e = formatDateTime(end);
  const sameDay = s.slice(0, 10) === e.slice(0, 10);
  return (
    <>
      <time dateTime={start.toISOString()}>{s}</time> – <time dateTime={end.toISOString()}>{sameDay ? e.slice(11) : e}</time>
    </>
  );
}

/**
 * One alert, open or acknowledged; `children` is the acknowledge form for
 * those who may. `isNew` (raised since the viewer's last visit) adds a "Mới" mark.
 */
export function AlertItem({ alert, isNew = false, children }: { alert: AlertView; isNew?: boolean; children?: ReactNode }) {
  const titleId = `canh-bao-${alert.id}-title`;
  return (
    <li className="alert-item">
      <article aria-labelledby={titleId} className="stack">
        <h3 id={titleId} className="alert-title">
          {alert.unitName} <span className="muted">· Cảnh báo #{alert.id}</span>
          {isNew ? (
            <>
              {' '}
              <span className="badge new">Mới</span>
            </>
          ) : null}
        </h3>
        <dl className="alert-facts">
          <div>
            <dt>Thời gian</dt>
            <dd>
              <TimeRange start={alert.startAt} end={alert.endAt} />
            </dd>
          </div>
          <div>
            <dt>Đánh giá thấp</dt>
            <dd>
              <strong>{alert.lowCount.toLocaleString('vi-VN')}</strong> đánh giá thấp
            </dd>
          </div>
          <div>
            <dt>Quy tắc</dt>
            <dd>{describeRule({ count: alert.ruleCount, windowMinutes: alert.ruleWindowMinutes })}</dd>
          </div>
          <div>
            <dt>Phát hiện lúc</dt>
            <dd>
              <time dateTime={alert.triggeredAt.toISOString()}>{formatDateTime(alert.triggeredAt)}</time>
            </dd>
          </div>
          {alert.acknowledgedAt ? (
            <>
              <div>
                <dt>Xác nhận</dt>
                <dd>
                  {alert.acknowledgedByName ?? '—'}, lúc <time dateTime={alert.acknowledgedAt.toISOString()}>{formatDateTime(alert.acknowledgedAt)}</time>
                </dd>
              </div>
              <div>
                <dt>Ghi chú</dt>
                <dd className="pre-line">{alert.note}</dd>
              </div>
            </>
          ) : null}
        </dl>
        {children}
      </article>
    </li>
  );
}

import Link from 'next/link';
import { formatDateTime, toIsoDay } from '@/lib/format';

export type LowRatingView = {
  responseId: number;
  submittedAt: Date;
  unitName: string;
  counterName: string | null;
  minScore: number;
  commentExcerpt: string | null;
  commentTruncated: boolean;
  /** Received since the viewer's last visit: marked "Mới", never hidden once seen. */
  isNew: boolean;
};

/** The comments list of the rating's day, where the office replies to it. */
const commentsHref = (d: Date) => `/gop-y?tu=${toIsoDay(d)}&den=${toIsoDay(d)}`;

/**
 * Low ratings that wait for follow-up, newest first, as a table that scrolls
 * inside its box on phones. With `reviewable`, each row has a "Đã xem xét"
 * submit button (name `id`) for the form around the table (LowRatingsReviewForm).
 */
export function LowRatingsTable({ rows, reviewable = false }: { rows: LowRatingView[]; reviewable?: boolean }) {
  return (
    <div className="table-scroll">
      <table className="data">
        <caption className="visually-hidden">Đánh giá thấp chờ xử lý, mới nhất trước</caption>
        <thead>
          <tr>
            <th scope="col">Thời điểm</th>
            <th scope="col">Đơn vị</th>
            <th scope="col">Quầy</th>
            <th scope="col">Điểm thấp nhất</th>
            <th scope="col">Góp ý</th>
            {reviewable ? <th scope="col">Xử lý</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.responseId} className={r.isNew ? 'is-new' : undefined}>
              <td>
                <time dateTime={r.submittedAt.toISOString()}>{formatDateTime(r.submittedAt)}</time>
                {r.isNew ? (
                  <>
                    {' '}
                    <span className="badge new">Mới</span>
                  </>
                ) : null}
              </td>
              <td>{r.unitName}</td>
              <td>{r.counterName ?? '—'}</td>
              <td>
                <span className="badge off">{r.minScore}/5</span>
              </td>
              <td>
                {r.commentExcerpt ? (
                  <>
                    <span className="alert-excerpt">
                      {r.commentExcerpt}
                      {r.commentTruncated ? '…' : ''}
                    </span>{' '}
                    <Link href={commentsHref(r.submittedAt)}>
                      Xem trong Góp ý<span className="visually-hidden"> (đánh giá #{r.responseId})</span>
                    </Link>
                  </>
                ) : (
                  '—'
                )}
              </td>
              {reviewable ? (
                <td>
                  <button type="submit" name="id" value={r.responseId} className="button secondary small">
                    Đã xem xét<span className="visually-hidden"> đánh giá #{r.responseId}</span>
                  </button>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

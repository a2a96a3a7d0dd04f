import Link from 'next/link';
import { formatDateTime, toIsoDay } from '@/lib/format';

export type NewLowRatingView = {
  responseId: number;
  submittedAt: Date;
  unitName: string;
  counterName: string | null;
  minScore: number;
  commentExcerpt: string | null;
  commentTruncated: boolean;
};

/** The comments list of the rating's day, where the office replies to it. */
const commentsHref = (d: Date) => `/gop-y?tu=${toIsoDay(d)}&den=${toIsoDay(d)}`;

/** Low ratings received since the last visit, newest first, as a table that scrolls inside its box on phones. */
export function NewLowRatingsTable({ rows }: { rows: NewLowRatingView[] }) {
  return (
    <div className="table-scroll">
      <table className="data">
        <caption className="visually-hidden">Đánh giá thấp mới, mới nhất trước</caption>
        <thead>
          <tr>
            <th scope="col">Thời điểm</th>
            <th scope="col">Đơn vị</th>
            <th scope="col">Quầy</th>
            <th scope="col">Điểm thấp nhất</th>
            <th scope="col">Góp ý</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.responseId}>
              <td>
                <time dateTime={r.submittedAt.toISOString()}>{formatDateTime(r.submittedAt)}</time>
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
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

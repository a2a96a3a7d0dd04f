import type { Metadata } from 'next';
import { after } from 'next/server';
import { FilterNotes } from '@/components/ui/filter-notes';
import Link from 'next/link';
import { Pagination } from '@/components/admin/audit/pagination';
import { CommentFilters } from '@/components/comments/comment-filters';
import { CommentReplyForm } from '@/components/comments/comment-reply-form';
import { countComments, listComments, recordContactsViewed, type CommentRow } from '@/db/queries/comments';
import { can } from '@/lib/auth/roles';
import { formatDateTime } from '@/lib/format';
import { COMMENT_STATUS_LABELS, COMMENTS_PAGE_SIZE, commentQueryString, LOW_SCORE_MAX, parseCommentQuery, type SearchParams } from '@/lib/validation/comments';
import { requireViewer } from '@/server/auth/viewer';
import { handleComment } from './actions';

export const metadata: Metadata = { title: 'Góp ý của người dân' };

const pageCount = (total: number) => Math.max(1, Math.ceil(total / COMMENTS_PAGE_SIZE));

function Score({ label, value }: { label: string; value: number | null }) {
  return (
    <span className={value !== null && value <= LOW_SCORE_MAX ? 'badge off' : 'badge'}>
      {label}: {value ?? '—'}/5
    </span>
  );
}

function CommentItem({ row, mayReply }: { row: CommentRow; mayReply: boolean }) {
  return (
    <li className="comment-item box">
      <article aria-labelledby={`gop-y-${row.id}-title`} className="stack">
        <h2 id={`gop-y-${row.id}-title`} className="comment-title">
          {row.officeName}
          {row.counterName ? ` · ${row.counterName}` : ''}
        </h2>
        <p className="muted">
          <time dateTime={row.submittedAt.toISOString()}>{formatDateTime(row.submittedAt)}</time> · Góp ý #{row.id}{' '}
          <span className={row.status === 'answered' ? 'badge on' : row.status === 'new' ? 'badge off' : 'badge'}>{COMMENT_STATUS_LABELS[row.status]}</span>
          {row.excluded ? <span className="badge"> Bị loại khỏi thống kê</span> : null}
        </p>
        <p>
          <Score label="Thái độ phục vụ" value={row.q1} /> <Score label="Nhìn chung" value={row.q2} />
        </p>
        <blockquote className="comment-text">{row.comment}</blockquote>
        {row.phone ? (
          <p>
            Số liên hệ (người dân đồng ý để được liên hệ lại): <a href={`tel:${row.phone}`}>{row.phone}</a>
          </p>
        ) : null}
        {row.status === 'answered' && row.replyText ? (
          <div className="comment-reply">
            <h3>Trả lời ({formatDateTime(row.repliedAt)})</h3>
            <p className="pre-line">{row.replyText}</p>
          </div>
        ) : null}
        {mayReply ? <CommentReplyForm action={handleComment} responseId={row.id} status={row.status} replyText={row.replyText} /> : null}
      </article>
    </li>
  );
}

export default async function CommentsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requireViewer('dashboard.read');
  const { query, notes } = parseCommentQuery(await searchParams);
  const filters = { status: query.status, lowOnly: query.lowOnly, hasContact: query.hasContact, from: query.from, to: query.to };
  const [total, rows] = await Promise.all([
    countComments({ viewer, filters }),
    listComments({ viewer, filters, limit: COMMENTS_PAGE_SIZE, offset: (query.page - 1) * COMMENTS_PAGE_SIZE }),
  ]);
  const pages = pageCount(total);
  // Who was shown which citizen's phone number is audited, once the page has gone out.
  const shownContacts = rows.filter((r) => r.phone).map((r) => r.id);
  if (shownContacts.length > 0) after(() => recordContactsViewed({ viewer, responseIds: shownContacts }));
  const mayReply = can(viewer.role, 'comments.reply');
  const filtered = Boolean(query.status || query.lowOnly || query.hasContact || query.from || query.to);
  const first = (query.page - 1) * COMMENTS_PAGE_SIZE + 1;

  return (
    <div className="admin stack">
      <h1>Góp ý của người dân</h1>
      <p className="muted">
        Góp ý trong phạm vi {viewer.scopeName}, mới nhất trước. Giờ theo giờ Việt Nam (UTC+7).
        {mayReply ? ' Câu trả lời được người góp ý xem bằng mã tra cứu của họ.' : ' Ông/Bà chỉ xem, không trả lời được.'}
      </p>
      <CommentFilters query={query} />
      <FilterNotes notes={notes} />
      {total === 0 ? (
        <p>{filtered ? 'Không có góp ý nào khớp bộ lọc.' : 'Chưa có góp ý nào.'}</p>
      ) : rows.length === 0 ? (
        <p>
          Trang {query.page} không có góp ý nào (chỉ có {pages} trang). <Link href={`/gop-y${commentQueryString(query, 1)}`}>Về trang 1</Link>
        </p>
      ) : (
        <>
          <p role="status">
            Góp ý {first.toLocaleString('vi-VN')}–{(first + rows.length - 1).toLocaleString('vi-VN')} trong {total.toLocaleString('vi-VN')} góp ý
            {filtered ? ' khớp bộ lọc' : ''}.
          </p>
          <ol className="plain-list comment-list">
            {rows.map((row) => (
              <CommentItem key={row.id} row={row} mayReply={mayReply} />
            ))}
          </ol>
          <Pagination page={query.page} pages={pages} hrefFor={(p) => `/gop-y${commentQueryString(query, p)}`} />
        </>
      )}
    </div>
  );
}

import type { Metadata } from 'next';
import Link from 'next/link';
import { after } from 'next/server';
import { CommentFilters } from '@/components/comments/comment-filters';
import { CommentHandling } from '@/components/comments/comment-handling';
import { CommentPagination } from '@/components/comments/comment-pagination';
import { FilterNotes } from '@/components/ui/filter-notes';
import { recordContactsViewed } from '@/db/queries/comments';
import { can } from '@/lib/auth/roles';
import { formatDateTime } from '@/lib/format';
import { COMMENT_STATUS_LABELS, COMMENTS_PAGE_SIZE, commentQueryString, isFiltered, LOW_SCORE_MAX, parseCommentQuery, type SearchParams } from '@/lib/validation/comments';
import { requireViewer } from '@/server/auth/viewer';
import { listCommentsPage, type CommentListItem } from '@/server/comments';
import { changeCommentStatus, replyComment } from './actions';
import { CommentOfficialLink } from '@/components/officials/comment-official-link';
import { listCommentOfficialLinks } from '@/db/queries/official-figures';
import { listOfficeOfficials } from '@/db/queries/officials';
import { linkCommentOfficialAction } from './official-actions';

/** A comment's link to an official (issue 14): the office head sets it; assessors read it; supervisors see nothing of it. */
type OfficialLink = { officialId: number | null; officialName: string | null; choices: { id: number; label: string }[] | null };

export const metadata: Metadata = { title: 'Góp ý của người dân' };

const n = (v: number) => v.toLocaleString('vi-VN');

function CommentItem({ row, mayReply, link }: { row: CommentListItem; mayReply: boolean; link?: OfficialLink }) {
  const { scores, choices } = row.details;
  return (
    <li className="comment-item">
      <article aria-labelledby={`gop-y-${row.id}-title`} className="comment-body">
        <div className="comment-head">
          <h2 id={`gop-y-${row.id}-title`} className="comment-title">
            {row.officeName}
            {row.counterName ? ` · ${row.counterName}` : ''}
          </h2>
          <span className={row.status === 'answered' ? 'badge on' : row.status === 'new' ? 'badge off' : 'badge'}>{COMMENT_STATUS_LABELS[row.status]}</span>
          {row.excluded ? <span className="badge">Bị loại khỏi thống kê</span> : null}
        </div>
        <p className="muted comment-meta">
          <time dateTime={row.submittedAt.toISOString()}>{formatDateTime(row.submittedAt)}</time> · Góp ý #{row.id}
          {row.receiptCode ? (
            <>
              {' '}
              · Mã tra cứu <span className="receipt-code">{row.receiptCode}</span>
            </>
          ) : null}
        </p>
        <blockquote className="comment-text">{row.comment}</blockquote>
        {scores.length > 0 ? (
          <ul className="score-list" aria-label="Điểm đánh giá">
            {scores.map((s) => (
              <li key={s.key} className={s.score <= LOW_SCORE_MAX ? 'badge off' : 'badge'}>
                {s.label}: {s.score}/5
              </li>
            ))}
          </ul>
        ) : null}
        {choices.length > 0 ? (
          <dl className="comment-answers">
            {choices.map((c) => (
              <div key={c.key}>
                <dt>{c.question}</dt>
                <dd>{c.options.join('; ')}</dd>
              </div>
            ))}
          </dl>
        ) : null}
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
        {link?.choices ? (
          <CommentOfficialLink action={linkCommentOfficialAction} responseId={row.id} officialId={link.officialId} officials={link.choices} />
        ) : link?.officialName ? (
          <p>Cán bộ được nhắc tới: {link.officialName}</p>
        ) : null}
        {mayReply ? (
          <CommentHandling replyAction={replyComment} statusAction={changeCommentStatus} responseId={row.id} status={row.status} replyText={row.replyText} />
        ) : null}
      </article>
    </li>
  );
}

export default async function CommentsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requireViewer('dashboard.read');
  const { query, notes } = parseCommentQuery(await searchParams);
  const { total, pages, items } = await listCommentsPage({ viewer, query });
  // Who was shown which citizen's phone number is audited, once the page has gone out.
  const shownContacts = items.filter((r) => r.phone).map((r) => r.id);
  if (shownContacts.length > 0) after(() => recordContactsViewed({ viewer, responseIds: shownContacts }));
  const mayReply = can(viewer.role, 'comments.reply');
  const links = await loadOfficialLinks(viewer, items.map((r) => r.id), mayReply);
  const filtered = isFiltered(query);
  const first = (query.page - 1) * COMMENTS_PAGE_SIZE + 1;
  const hrefFor = (p: number) => `/gop-y${commentQueryString(query, p)}`;

  return (
    <div className="admin stack comments-page">
      <h1>Góp ý của người dân</h1>
      <p className="muted">
        Góp ý trong phạm vi {viewer.scopeName}. Giờ theo giờ Việt Nam (UTC+7).
        {mayReply ? ' Bấm “Trả lời” dưới một góp ý để trả lời; câu trả lời được người góp ý xem bằng mã tra cứu của họ.' : ' Ông/Bà chỉ xem, không trả lời được.'}
      </p>
      <CommentFilters query={query} />
      <FilterNotes notes={notes} />
      {total === 0 ? (
        <p role="status">{filtered ? 'Không có góp ý nào khớp bộ lọc.' : 'Chưa có góp ý nào.'}</p>
      ) : items.length === 0 ? (
        <p role="status">
          Trang {n(query.page)} không có góp ý nào (chỉ có {n(pages)} trang). <Link href={hrefFor(1)}>Về trang 1</Link>
        </p>
      ) : (
        <>
          <p role="status">
            Góp ý {n(first)}–{n(first + items.length - 1)} trong {n(total)} góp ý{filtered ? ' khớp bộ lọc' : ''} · trang {n(query.page)}/{n(pages)}.
          </p>
          <ol className="plain-list comment-list">
            {items.map((row) => (
              <CommentItem key={row.id} row={row} mayReply={mayReply} link={links.get(row.id)} />
            ))}
          </ol>
          <CommentPagination page={query.page} pages={pages} hrefFor={hrefFor} />
        </>
      )}
    </div>
  );
}

/** Each listed comment's linked official; the choices of its office's officials when the viewer may link (office heads). */
async function loadOfficialLinks(viewer: Awaited<ReturnType<typeof requireViewer>>, ids: number[], mayLink: boolean): Promise<Map<number, OfficialLink>> {
  if (!mayLink && !can(viewer.role, 'officials.figures')) return new Map();
  const links = await listCommentOfficialLinks({ viewer, responseIds: ids });
  const offices = mayLink ? [...new Set([...links.values()].map((l) => l.unitId))] : [];
  const choices = new Map(
    await Promise.all(
      offices.map(async (unitId) => [unitId, (await listOfficeOfficials({ viewer, unitId })).map((o) => ({ id: o.id, label: o.position ? `${o.fullName} (${o.position})` : o.fullName }))] as const),
    ),
  );
  return new Map(
    [...links].map(([id, l]) => {
      let list = choices.get(l.unitId);
      // A linked official who has since left is kept as the current choice, so saving the form does not unlink them unawares.
      if (list && l.officialId !== null && !list.some((o) => o.id === l.officialId)) list = [...list, { id: l.officialId, label: `${l.officialName ?? ''} (đã nghỉ)` }];
      // An office without officials has nothing to link to: no form.
      return [id, { officialId: l.officialId, officialName: l.officialName, choices: list && list.length ? list : null }];
    }),
  );
}

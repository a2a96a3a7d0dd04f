import { countComments, getCommentThreadInScope, listCommentAnswers, listComments, saveCommentThread, type CommentFilters, type CommentRow } from '@/db/queries/comments';
import { getQuestionSetVersion } from '@/db/queries/question-sets';
import { transaction } from '@/db/store';
import type { Viewer } from '@/lib/auth/roles';
import { decideCommentChange, describeAnswers, type CommentChange, type CommentThreadState, type RatingDetails } from '@/lib/comments';
import { COMMENTS_PAGE_SIZE, type CommentQuery } from '@/lib/validation/comments';

type ScopedViewer = Pick<Viewer, 'userId' | 'role' | 'scopePath'>;

/** A comment as the staff list shows it: the row, and its rating's scores and chosen reasons under their labels. */
export type CommentListItem = CommentRow & { details: RatingDetails };

/**
 * One page of the staff comments list (COMMENTS_PAGE_SIZE a page) for the
 * filters of `query`, within the viewer's subtree: the total that match, the
 * number of pages, and the page's comments with their ratings' answers
 * labelled by the question set version each rating answered.
 */
export async function listCommentsPage({ viewer, query }: { viewer: ScopedViewer; query: CommentQuery }): Promise<{ total: number; pages: number; items: CommentListItem[] }> {
  const filters: CommentFilters = {
    status: query.status,
    lowOnly: query.lowOnly,
    hasContact: query.hasContact,
    from: query.from,
    to: query.to,
    receiptCode: query.receiptCode,
    text: query.text,
  };
  const [total, rows] = await Promise.all([
    countComments({ viewer, filters }),
    listComments({ viewer, filters, order: query.order, limit: COMMENTS_PAGE_SIZE, offset: (query.page - 1) * COMMENTS_PAGE_SIZE }),
  ]);
  const answers = await listCommentAnswers({ viewer, responseIds: rows.map((r) => r.id) });
  const versions = new Map<number, Awaited<ReturnType<typeof getQuestionSetVersion>>>();
  for (const id of new Set(rows.map((r) => r.questionSetVersionId))) versions.set(id, await getQuestionSetVersion({ id }));
  const items = rows.map((row) => ({ ...row, details: describeAnswers(versions.get(row.questionSetVersionId)?.definition ?? null, answers.get(row.id) ?? []) }));
  return { total, pages: Math.max(1, Math.ceil(total / COMMENTS_PAGE_SIZE)), items };
}

/**
 * An office handles a citizen's comment: a status change or a reply. One
 * transaction reads the comment's handling inside the viewer's subtree, asks
 * lib/comments.ts what the change makes of it, and writes it with its audit
 * entry. 'not_found' when the comment is outside the viewer's subtree or
 * their role may not handle comments (callers answer "not found" for both);
 * 'needs_reply' for "answered" on a comment that has no reply.
 *
 * Why a lock: the audit entry records `before`; two office staff answering
 * the same comment at once on two servers (PostgreSQL, READ COMMITTED) would
 * both read the same `before`, and one change would vanish from the history.
 * `comment:<id>` makes them take turns (SQLite's single writer already does).
 */
export type CommentChangeResult = { ok: true; thread: CommentThreadState } | { ok: false; reason: 'not_found' | 'needs_reply' };

export async function changeComment({
  viewer,
  responseId,
  change,
  now = new Date(),
}: {
  viewer: ScopedViewer;
  responseId: number;
  change: CommentChange;
  now?: Date;
}): Promise<CommentChangeResult> {
  return transaction(async (c) => {
    await c.lock(`comment:${responseId}`);
    const before = await getCommentThreadInScope({ viewer, responseId });
    if (!before) return { ok: false, reason: 'not_found' };
    const decision = decideCommentChange(viewer, before, change, now);
    if (!decision.ok) return { ok: false, reason: decision.reason === 'forbidden' ? 'not_found' : decision.reason };
    await saveCommentThread({ actorId: viewer.userId, responseId, action: decision.action, before, after: decision.after, now });
    return { ok: true, thread: decision.after };
  });
}

/** Sets the handling status (a stored reply is kept; "answered" needs one). Audited as 'comment.status'. */
export function setCommentStatus(o: { viewer: ScopedViewer; responseId: number; status: CommentThreadState['status']; now?: Date }) {
  return changeComment({ viewer: o.viewer, responseId: o.responseId, change: { kind: 'status', status: o.status }, now: o.now });
}

/** Stores the reply (≤ 1000 characters, checked by the caller's schema) and marks the comment answered. Audited as 'comment.reply'. */
export function replyToComment(o: { viewer: ScopedViewer; responseId: number; replyText: string; now?: Date }) {
  return changeComment({ viewer: o.viewer, responseId: o.responseId, change: { kind: 'reply', replyText: o.replyText }, now: o.now });
}

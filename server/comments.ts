import { getCommentThreadInScope, saveCommentThread } from '@/db/queries/comments';
import { transaction } from '@/db/store';
import type { Viewer } from '@/lib/auth/roles';
import { decideCommentChange, type CommentChange, type CommentThreadState } from '@/lib/comments';

/**
 * An office handles a citizen's comment: a status change or a reply. One
 * transaction reads the comment's handling inside the viewer's subtree, asks
 * lib/comments.ts what the change makes of it, and writes it with its audit
 * entry. Null when the comment is outside the viewer's subtree or their role
 * may not handle comments (callers answer "not found" for both).
 *
 * Why a lock: the audit entry records `before`; two office staff answering
 * the same comment at once on two servers (PostgreSQL, READ COMMITTED) would
 * both read the same `before`, and one change would vanish from the history.
 * `comment:<id>` makes them take turns (SQLite's single writer already does).
 */
export async function changeComment({
  viewer,
  responseId,
  change,
  now = new Date(),
}: {
  viewer: Pick<Viewer, 'userId' | 'role' | 'scopePath'>;
  responseId: number;
  change: CommentChange;
  now?: Date;
}): Promise<CommentThreadState | null> {
  return transaction(async (c) => {
    await c.lock(`comment:${responseId}`);
    const before = await getCommentThreadInScope({ viewer, responseId });
    if (!before) return null;
    const decision = decideCommentChange(viewer, before, change, now);
    if (!decision.ok) return null;
    await saveCommentThread({ actorId: viewer.userId, responseId, action: decision.action, before, after: decision.after, now });
    return decision.after;
  });
}

/** Sets the handling status (a stored reply is kept). Audited as 'comment.status'. */
export function setCommentStatus(o: { viewer: Pick<Viewer, 'userId' | 'role' | 'scopePath'>; responseId: number; status: CommentThreadState['status']; now?: Date }) {
  return changeComment({ viewer: o.viewer, responseId: o.responseId, change: { kind: 'status', status: o.status }, now: o.now });
}

/** Stores the reply (≤ 1000 characters, checked by the caller's schema) and marks the comment answered. Audited as 'comment.reply'. */
export function replyToComment(o: { viewer: Pick<Viewer, 'userId' | 'role' | 'scopePath'>; responseId: number; replyText: string; now?: Date }) {
  return changeComment({ viewer: o.viewer, responseId: o.responseId, change: { kind: 'reply', replyText: o.replyText }, now: o.now });
}

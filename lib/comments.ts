import { can, type Role } from '@/lib/auth/roles';
import type { CommentStatusValue } from '@/lib/validation/comments';

/**
 * The office's handling of a citizen's comment (domain.md): its status and
 * its reply. Pure rules; db/queries/comments.ts reads and writes the thread,
 * server/comments.ts applies these inside one transaction.
 */

export type CommentThreadState = { status: CommentStatusValue; replyText: string | null; repliedBy: number | null; repliedAt: Date | null };

/** A comment nobody handled yet has no thread row: this is what it means. */
export const NEW_THREAD: CommentThreadState = { status: 'new', replyText: null, repliedBy: null, repliedAt: null };

export type CommentChange =
  | { kind: 'status'; status: CommentStatusValue }
  | { kind: 'reply'; replyText: string };

export type CommentDecision =
  | { ok: true; after: CommentThreadState; action: 'comment.status' | 'comment.reply' }
  | { ok: false; reason: 'forbidden' };

/**
 * What a change makes of a thread, or a refusal when the viewer's role may
 * not handle comments ('comments.reply'). A reply marks the comment
 * answered, by the viewer, now. A status change keeps a stored reply (shown
 * to the citizen again only once the status is back to 'answered').
 */
export function decideCommentChange(
  viewer: { userId: number; role: Role },
  before: CommentThreadState,
  change: CommentChange,
  now: Date,
): CommentDecision {
  if (!can(viewer.role, 'comments.reply')) return { ok: false, reason: 'forbidden' };
  if (change.kind === 'reply') {
    return { ok: true, action: 'comment.reply', after: { status: 'answered', replyText: change.replyText, repliedBy: viewer.userId, repliedAt: now } };
  }
  return { ok: true, action: 'comment.status', after: { ...before, status: change.status } };
}

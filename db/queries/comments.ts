import { and, desc, eq, gte, isNotNull, lt, ne, sql, type SQL } from 'drizzle-orm';
import { can, type Viewer } from '@/lib/auth/roles';
import type { Db } from '../client';
import { commentThreads, contacts, counters, responses, units, type CommentStatus } from '../schema';
import { createAuditEntry } from './audit';
import { inSubtree } from './unit-tree';

/**
 * Citizens' comments (responses.comment) and the office's handling of them
 * (comment_threads). Every staff read and write is limited to the viewer's
 * subtree; a comment outside it behaves as if it did not exist. Phone numbers
 * are selected only for viewers with 'contacts.read' (domain.md §7).
 */

type ScopedViewer = Pick<Viewer, 'userId' | 'role' | 'scopePath'>;

export type CommentFilters = {
  status?: CommentStatus;
  /** Only comments whose q1 or q2 score is 2 or less. */
  lowOnly?: boolean;
  hasContact?: boolean;
  /** [from, to) on the time the citizen rated. */
  from?: Date;
  to?: Date;
};

const statusSql = sql<CommentStatus>`coalesce(${commentThreads.status}, 'new')`;
const scoreOf = (key: 'q1' | 'q2') =>
  sql<number | null>`(select a.score from answers a where a.response_id = ${responses.id} and a.question_key = ${key} limit 1)`;
const lowScoreSql = sql`exists (select 1 from answers a where a.response_id = ${responses.id} and a.question_key in ('q1', 'q2') and a.score <= 2)`;
const hasContactSql = sql`exists (select 1 from contacts c where c.response_id = ${responses.id})`;

function whereOf(viewer: ScopedViewer, f: CommentFilters): SQL {
  const where: SQL[] = [inSubtree(viewer.scopePath)!, isNotNull(responses.comment), ne(responses.comment, '')];
  if (f.status) where.push(sql`${statusSql} = ${f.status}`);
  if (f.lowOnly) where.push(lowScoreSql);
  if (f.hasContact) where.push(hasContactSql);
  if (f.from) where.push(gte(responses.submittedAt, f.from));
  if (f.to) where.push(lt(responses.submittedAt, f.to));
  return and(...where)!;
}

const baseFields = {
  id: responses.id,
  submittedAt: responses.submittedAt,
  officeName: units.name,
  counterName: counters.name,
  q1: scoreOf('q1'),
  q2: scoreOf('q2'),
  comment: sql<string>`${responses.comment}`,
  excluded: responses.excluded,
  status: statusSql,
  replyText: commentThreads.replyText,
  repliedAt: commentThreads.repliedAt,
};

export type CommentRow = {
  id: number;
  submittedAt: Date;
  officeName: string;
  counterName: string | null;
  q1: number | null;
  q2: number | null;
  comment: string;
  excluded: boolean;
  status: CommentStatus;
  replyText: string | null;
  repliedAt: Date | null;
  /** Present only for viewers who may read contact data. */
  phone?: string | null;
};

function selectComments(db: Db, viewer: ScopedViewer) {
  // The contacts table is joined only when the viewer may read it: a
  // supervisor's query never touches a phone number.
  if (can(viewer.role, 'contacts.read')) {
    return db
      .select({ ...baseFields, phone: contacts.phone })
      .from(responses)
      .innerJoin(units, eq(units.id, responses.unitId))
      .leftJoin(counters, eq(counters.id, responses.counterId))
      .leftJoin(commentThreads, eq(commentThreads.responseId, responses.id))
      .leftJoin(contacts, eq(contacts.responseId, responses.id))
      .$dynamic();
  }
  return db
    .select(baseFields)
    .from(responses)
    .innerJoin(units, eq(units.id, responses.unitId))
    .leftJoin(counters, eq(counters.id, responses.counterId))
    .leftJoin(commentThreads, eq(commentThreads.responseId, responses.id))
    .$dynamic();
}

/** Comments in the viewer's subtree, newest first. */
export function listComments(
  db: Db,
  { viewer, filters = {}, limit, offset = 0 }: { viewer: ScopedViewer; filters?: CommentFilters; limit: number; offset?: number },
): CommentRow[] {
  return selectComments(db, viewer)
    .where(whereOf(viewer, filters))
    .orderBy(desc(responses.submittedAt), desc(responses.id))
    .limit(limit)
    .offset(offset)
    .all() as CommentRow[];
}

export function countComments(db: Db, { viewer, filters = {} }: { viewer: ScopedViewer; filters?: CommentFilters }): number {
  return db
    .select({ n: sql<number>`count(*)` })
    .from(responses)
    .innerJoin(units, eq(units.id, responses.unitId))
    .leftJoin(commentThreads, eq(commentThreads.responseId, responses.id))
    .where(whereOf(viewer, filters))
    .get()!.n;
}

/** One comment if it lies in the viewer's subtree, else null (callers answer "not found"). */
export function getCommentInScope(db: Db, { viewer, responseId }: { viewer: ScopedViewer; responseId: number }): CommentRow | null {
  const row = selectComments(db, viewer)
    .where(and(eq(responses.id, responseId), whereOf(viewer, {})))
    .get() as CommentRow | undefined;
  return row ?? null;
}

type ThreadState = { status: CommentStatus; replyText: string | null; repliedBy: number | null; repliedAt: Date | null };

function threadOf(tx: Pick<Db, 'select'>, responseId: number): ThreadState {
  const row = tx
    .select({ status: commentThreads.status, replyText: commentThreads.replyText, repliedBy: commentThreads.repliedBy, repliedAt: commentThreads.repliedAt })
    .from(commentThreads)
    .where(eq(commentThreads.responseId, responseId))
    .get();
  return row ?? { status: 'new', replyText: null, repliedBy: null, repliedAt: null };
}

function saveThread(db: Db, viewer: ScopedViewer, responseId: number, action: string, change: (before: ThreadState) => ThreadState, now: Date) {
  return db.transaction((tx) => {
    // Checked inside the transaction, so the scope and the write agree.
    const inScope = tx
      .select({ id: responses.id })
      .from(responses)
      .innerJoin(units, eq(units.id, responses.unitId))
      .where(and(eq(responses.id, responseId), whereOf(viewer, {})))
      .get();
    if (!inScope) return null;
    const before = threadOf(tx, responseId);
    const after = change(before);
    tx.insert(commentThreads)
      .values({ responseId, ...after, updatedAt: now })
      .onConflictDoUpdate({ target: commentThreads.responseId, set: { ...after, updatedAt: now } })
      .run();
    createAuditEntry(tx, { actorId: viewer.userId, action, entityType: 'comment', entityId: responseId, before, after, at: now });
    return after;
  });
}

/**
 * Sets the handling status. A stored reply is kept (and shown to the citizen
 * again only once the status is back to 'answered'). Audited as
 * 'comment.status'; null when the comment is outside the viewer's subtree.
 */
export function setCommentStatus(
  db: Db,
  { viewer, responseId, status, now = new Date() }: { viewer: ScopedViewer; responseId: number; status: CommentStatus; now?: Date },
): ThreadState | null {
  return saveThread(db, viewer, responseId, 'comment.status', (b) => ({ ...b, status }), now);
}

/** Stores the reply (≤ 1000 characters, checked by the caller's schema) and marks the comment answered. Audited as 'comment.reply'. */
export function replyToComment(
  db: Db,
  { viewer, responseId, replyText, now = new Date() }: { viewer: ScopedViewer; responseId: number; replyText: string; now?: Date },
): ThreadState | null {
  return saveThread(db, viewer, responseId, 'comment.reply', () => ({ status: 'answered', replyText, repliedBy: viewer.userId, repliedAt: now }), now);
}

/**
 * Records that a viewer was shown citizens' phone numbers (personal data,
 * domain.md §7): one entry per response, so each citizen's number has its own
 * history of who saw it and when. Called after the page was sent.
 */
export function recordContactsViewed(db: Db, { viewer, responseIds, now = new Date() }: { viewer: Pick<Viewer, 'userId'>; responseIds: readonly number[]; now?: Date }) {
  if (responseIds.length === 0) return;
  db.transaction((tx) => {
    for (const id of responseIds) createAuditEntry(tx, { actorId: viewer.userId, action: 'contacts.view', entityType: 'response', entityId: id, at: now });
  });
}

export type PublicReply = { officeName: string; commentDate: Date; status: CommentStatus; replyText: string | null; repliedAt: Date | null };

/**
 * What a citizen holding the receipt code may read: the office, the date,
 * the status and the reply once answered. Nothing personal (no phone, no
 * comment text, no staff name), so a guessed code reveals nothing about anyone.
 */
export function getPublicReplyByReceipt(db: Db, { receiptCode }: { receiptCode: string }): PublicReply | null {
  const row = db
    .select({ officeName: units.name, commentDate: responses.submittedAt, status: statusSql, replyText: commentThreads.replyText, repliedAt: commentThreads.repliedAt })
    .from(responses)
    .innerJoin(units, eq(units.id, responses.unitId))
    .leftJoin(commentThreads, eq(commentThreads.responseId, responses.id))
    .where(and(eq(responses.receiptCode, receiptCode), isNotNull(responses.comment)))
    .get();
  if (!row) return null;
  const answered = row.status === 'answered';
  return { ...row, replyText: answered ? row.replyText : null, repliedAt: answered ? row.repliedAt : null };
}

import { and, asc, desc, eq, gte, inArray, isNotNull, lt, ne, sql, type SQL } from 'drizzle-orm';
import { can, type Viewer } from '@/lib/auth/roles';
import { NEW_THREAD, type CommentThreadState, type StoredAnswer } from '@/lib/comments';
import { globContaining, regexContaining, searchWords } from '@/lib/search-pattern';
import { byEngine } from '../engine/dialect';
import type { Db } from '../engine/types';
import { answers, commentThreads, contacts, counters, responses, units, type CommentStatus } from '../schema';
import { transaction, withConn } from '../store';
import { createAuditEntry } from './audit';
import { inSubtree } from './unit-tree';

/**
 * Citizens' comments (responses.comment) and the office's handling of them
 * (comment_threads). Every staff read and write is limited to the viewer's
 * subtree; a comment outside it behaves as if it did not exist. Phone numbers
 * are selected only for viewers with 'contacts.read' (domain.md §7). The
 * handling's rules are lib/comments.ts; server/comments.ts applies them.
 */

type ScopedViewer = Pick<Viewer, 'userId' | 'role' | 'scopePath'>;

export type CommentFilters = {
  /** One status, or 'unanswered': new or in progress. */
  status?: CommentStatus | 'unanswered';
  /** Only comments whose q1 or q2 score is 2 or less. */
  lowOnly?: boolean;
  hasContact?: boolean;
  /** [from, to) on the time the citizen rated. */
  from?: Date;
  to?: Date;
  /** Exactly the rating with this receipt code (stored form: upper case, no spaces). */
  receiptCode?: string;
  /** Every word must appear in the comment, in any case and with or without diacritics. */
  text?: string;
};

const statusSql = sql<CommentStatus>`coalesce(${commentThreads.status}, 'new')`;
const scoreOf = (key: 'q1' | 'q2') =>
  sql<number | null>`(select a.score from answers a where a.response_id = ${responses.id} and a.question_key = ${key} limit 1)`;
const lowScoreSql = sql`exists (select 1 from answers a where a.response_id = ${responses.id} and a.question_key in ('q1', 'q2') and a.score <= 2)`;
const hasContactSql = sql`exists (select 1 from contacts c where c.response_id = ${responses.id})`;

/** The comment contains a folded search word (lib/search-pattern.ts): GLOB on SQLite, a regular expression on PostgreSQL. */
const commentContains = (word: string): SQL =>
  byEngine({
    sqlite: sql`${responses.comment} glob ${globContaining(word)}`,
    pg: sql`${responses.comment} ~ ${regexContaining(word)}`,
  });

function whereOf(viewer: ScopedViewer, f: CommentFilters): SQL {
  const where: SQL[] = [inSubtree(viewer.scopePath)!, isNotNull(responses.comment), ne(responses.comment, '')];
  if (f.status === 'unanswered') where.push(sql`${statusSql} <> 'answered'`);
  else if (f.status) where.push(sql`${statusSql} = ${f.status}`);
  if (f.receiptCode) where.push(eq(responses.receiptCode, f.receiptCode));
  if (f.text) for (const word of searchWords(f.text)) where.push(commentContains(word));
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
  receiptCode: responses.receiptCode,
  questionSetVersionId: responses.questionSetVersionId,
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
  receiptCode: string | null;
  questionSetVersionId: number;
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

/** Comments in the viewer's subtree, newest first (or oldest first: the longest-waiting on top). */
export async function listComments({
  viewer,
  filters = {},
  order = 'newest',
  limit,
  offset = 0,
}: {
  viewer: ScopedViewer;
  filters?: CommentFilters;
  order?: 'newest' | 'oldest';
  limit: number;
  offset?: number;
}): Promise<CommentRow[]> {
  const by = order === 'oldest' ? [asc(responses.submittedAt), asc(responses.id)] : [desc(responses.submittedAt), desc(responses.id)];
  return withConn(
    async ({ db }) =>
      (await selectComments(db, viewer)
        .where(whereOf(viewer, filters))
        .orderBy(...by)
        .limit(limit)
        .offset(offset)) as CommentRow[],
  );
}

export async function countComments({ viewer, filters = {} }: { viewer: ScopedViewer; filters?: CommentFilters }): Promise<number> {
  return withConn(async ({ db }) => {
    const [row] = await db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(responses)
      .innerJoin(units, eq(units.id, responses.unitId))
      .leftJoin(commentThreads, eq(commentThreads.responseId, responses.id))
      .where(whereOf(viewer, filters));
    return row!.n;
  });
}

/**
 * The stored answers (scores and chosen options) of the given comments'
 * ratings, by response id; a response outside the viewer's subtree, or
 * without a comment, has no entry.
 */
export async function listCommentAnswers({ viewer, responseIds }: { viewer: ScopedViewer; responseIds: readonly number[] }): Promise<Map<number, StoredAnswer[]>> {
  const out = new Map<number, StoredAnswer[]>();
  if (responseIds.length === 0) return out;
  const rows = await withConn(({ db }) =>
    db
      .select({ responseId: answers.responseId, questionKey: answers.questionKey, score: answers.score, choice: answers.choice })
      .from(answers)
      .innerJoin(responses, eq(responses.id, answers.responseId))
      .innerJoin(units, eq(units.id, responses.unitId))
      .where(and(inArray(answers.responseId, [...responseIds]), whereOf(viewer, {})))
      .orderBy(asc(answers.responseId), asc(answers.id)),
  );
  for (const { responseId, ...a } of rows) {
    const list = out.get(responseId);
    if (list) list.push(a);
    else out.set(responseId, [a]);
  }
  return out;
}

/** One comment if it lies in the viewer's subtree, else null (callers answer "not found"). */
export async function getCommentInScope({ viewer, responseId }: { viewer: ScopedViewer; responseId: number }): Promise<CommentRow | null> {
  return withConn(async ({ db }) => {
    const [row] = await selectComments(db, viewer)
      .where(and(eq(responses.id, responseId), whereOf(viewer, {})))
      .limit(1);
    return (row as CommentRow | undefined) ?? null;
  });
}

/**
 * The handling of a comment in the viewer's subtree (a comment nobody
 * handled yet reads as new), or null when there is no such comment there.
 * The scope is a `where`: outside it, a comment does not exist.
 */
export async function getCommentThreadInScope({ viewer, responseId }: { viewer: ScopedViewer; responseId: number }): Promise<CommentThreadState | null> {
  return withConn(async ({ db }) => {
    const [row] = await db
      .select({ id: responses.id, status: commentThreads.status, replyText: commentThreads.replyText, repliedBy: commentThreads.repliedBy, repliedAt: commentThreads.repliedAt })
      .from(responses)
      .innerJoin(units, eq(units.id, responses.unitId))
      .leftJoin(commentThreads, eq(commentThreads.responseId, responses.id))
      .where(and(eq(responses.id, responseId), whereOf(viewer, {})))
      .limit(1);
    if (!row) return null;
    if (row.status === null) return { ...NEW_THREAD };
    return { status: row.status, replyText: row.replyText, repliedBy: row.repliedBy, repliedAt: row.repliedAt };
  });
}

/**
 * Writes a comment's handling and its audit entry ('comment.status' or
 * 'comment.reply', before and after). Call it inside the transaction that
 * read `before` (server/comments.ts).
 */
export async function saveCommentThread({
  actorId,
  responseId,
  action,
  before,
  after,
  now,
}: {
  actorId: number;
  responseId: number;
  action: string;
  before: CommentThreadState;
  after: CommentThreadState;
  now: Date;
}): Promise<void> {
  await transaction(async ({ db }) => {
    await db
      .insert(commentThreads)
      .values({ responseId, ...after, updatedAt: now })
      .onConflictDoUpdate({ target: commentThreads.responseId, set: { ...after, updatedAt: now } });
    await createAuditEntry({ actorId, action, entityType: 'comment', entityId: responseId, before, after, at: now });
  });
}

/**
 * Records that a viewer was shown citizens' phone numbers (personal data,
 * domain.md §7): one entry per response, so each citizen's number has its own
 * history of who saw it and when. Called after the page was sent.
 */
export async function recordContactsViewed({ viewer, responseIds, now = new Date() }: { viewer: Pick<Viewer, 'userId'>; responseIds: readonly number[]; now?: Date }) {
  if (responseIds.length === 0) return;
  await transaction(async () => {
    for (const id of responseIds) await createAuditEntry({ actorId: viewer.userId, action: 'contacts.view', entityType: 'response', entityId: id, at: now });
  });
}

export type PublicReply = { officeName: string; commentDate: Date; status: CommentStatus; replyText: string | null; repliedAt: Date | null };

/**
 * What a citizen holding the receipt code may read: the office, the date,
 * the status and the reply once answered. Nothing personal (no phone, no
 * comment text, no staff name), so a guessed code reveals nothing about anyone.
 */
export async function getPublicReplyByReceipt({ receiptCode }: { receiptCode: string }): Promise<PublicReply | null> {
  const [row] = await withConn(({ db }) =>
    db
      .select({ officeName: units.name, commentDate: responses.submittedAt, status: statusSql, replyText: commentThreads.replyText, repliedAt: commentThreads.repliedAt })
      .from(responses)
      .innerJoin(units, eq(units.id, responses.unitId))
      .leftJoin(commentThreads, eq(commentThreads.responseId, responses.id))
      .where(and(eq(responses.receiptCode, receiptCode), isNotNull(responses.comment)))
      .limit(1),
  );
  if (!row) return null;
  const answered = row.status === 'answered';
  return { ...row, replyText: answered ? row.replyText : null, repliedAt: answered ? row.repliedAt : null };
}

import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Viewer } from '@/lib/auth/roles';
import { alerts, counters, lowRatingReviews, lowRatings, responses, units } from '../schema';
import { transaction, withConn } from '../store';
import { createAuditEntry } from './audit';
import { inSubtree } from './unit-tree';

/**
 * What waits for the office's follow-up (issue 13): open alerts, unanswered
 * comments and low ratings nobody has handled. Each stays counted until it is
 * handled — an alert until it is acknowledged, a comment until it is
 * answered, a low rating until someone marks it "Đã xem xét", answers its
 * comment, or acknowledges an alert whose burst covers it. A visit to a page
 * handles nothing: "new since the last visit" (users.alerts_seen_at) only
 * highlights. The badge, the alerts page and the staff home all count with
 * the functions here, so their numbers agree.
 *
 * Every read and write is limited to the viewer's subtree.
 */

type ScopedViewer = Pick<Viewer, 'userId' | 'role' | 'scopePath'>;

const DAY_MS = 86_400_000;

/**
 * Low ratings given longer ago than this no longer wait on the alerts page
 * (the dashboards and the comments keep them): a month of ratings a head has
 * not looked at is read in the statistics, not one by one.
 */
export const LOW_RATING_FOLLOW_UP_DAYS = 30;

/** Without a visit yet, "new" means the last 7 days. */
export const NEW_SINCE_DEFAULT_MS = 7 * DAY_MS;

/** The instant after which things count as new: the last visit, else 7 days before `now`. */
export function newSince(seenAt: Date | null, now: Date): Date {
  return seenAt ?? new Date(now.getTime() - NEW_SINCE_DEFAULT_MS);
}

/** A comment not answered yet: no thread, or one still new or in progress. */
const unansweredComment = sql`${responses.comment} is not null and ${responses.comment} <> ''
  and not exists (select 1 from comment_threads t where t.response_id = ${responses.id} and t.status = 'answered')`;

/** A low rating given within the follow-up window that nobody has handled (see the module comment). */
function unhandledLowRating(now: Date): SQL {
  return and(
    sql`${lowRatings.submittedAt} >= ${now.getTime() - LOW_RATING_FOLLOW_UP_DAYS * DAY_MS}`,
    sql`not exists (select 1 from low_rating_reviews v where v.response_id = ${lowRatings.responseId})`,
    sql`not exists (select 1 from comment_threads t where t.response_id = ${lowRatings.responseId} and t.status = 'answered')`,
    sql`not exists (select 1 from alerts a where a.unit_id = ${lowRatings.unitId} and a.acknowledged_at is not null
      and a.start_at <= ${lowRatings.submittedAt} and a.end_at >= ${lowRatings.submittedAt})`,
  )!;
}

export type FollowUpCounts = {
  /** Alerts not acknowledged yet. */
  openAlerts: number;
  /** Low ratings of the last 30 days not handled yet. */
  lowRatings: number;
  /** Comments not answered yet, whenever they came. */
  comments: number;
};

export type NewCounts = FollowUpCounts;

/**
 * What waits for follow-up in the viewer's subtree, and, with `since`, how
 * much of it arrived after that instant (to highlight, never to hide). With
 * a `cap` (the navigation shows "99+") each count stops after `cap` rows.
 */
export async function countFollowUp(
  viewer: ScopedViewer,
  { now = new Date(), since, cap }: { now?: Date; since?: Date; cap?: number } = {},
): Promise<FollowUpCounts & { new?: NewCounts }> {
  return withConn(async ({ db }) => {
    const rowsOf = (from: typeof alerts | typeof lowRatings | typeof responses) => db.select({ one: sql`1`.as('one') }).from(from).$dynamic();
    const countOf = async (q: ReturnType<typeof rowsOf>) => {
      const [row] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from((cap === undefined ? q : q.limit(cap)).as('c'));
      return row!.n;
    };
    const after = (column: SQL | typeof alerts.triggeredAt | typeof responses.receivedAt, t?: number) => (t === undefined ? undefined : sql`${column} > ${t}`);
    const alertsQ = (t?: number) =>
      rowsOf(alerts)
        .innerJoin(units, eq(units.id, alerts.unitId))
        .where(and(inSubtree(viewer.scopePath), isNull(alerts.acknowledgedAt), after(alerts.triggeredAt, t)));
    const lowsQ = (t?: number) =>
      rowsOf(lowRatings)
        .innerJoin(units, eq(units.id, lowRatings.unitId))
        .innerJoin(responses, eq(responses.id, lowRatings.responseId))
        .where(and(inSubtree(viewer.scopePath), unhandledLowRating(now), after(responses.receivedAt, t)));
    const commentsQ = (t?: number) =>
      rowsOf(responses)
        .innerJoin(units, eq(units.id, responses.unitId))
        .where(and(inSubtree(viewer.scopePath), unansweredComment, after(responses.receivedAt, t)));
    const counts: FollowUpCounts & { new?: NewCounts } = {
      openAlerts: await countOf(alertsQ()),
      lowRatings: await countOf(lowsQ()),
      comments: await countOf(commentsQ()),
    };
    if (since) {
      const t = since.getTime();
      counts.new = { openAlerts: await countOf(alertsQ(t)), lowRatings: await countOf(lowsQ(t)), comments: await countOf(commentsQ(t)) };
    }
    return counts;
  });
}

/** The badge's one number: everything that waits. */
export function followUpTotal(c: FollowUpCounts): number {
  return c.openAlerts + c.lowRatings + c.comments;
}

// ---------------------------------------------------------------------------
// Low ratings waiting to be looked at

export type LowRatingToReview = {
  responseId: number;
  submittedAt: Date;
  /** When the server stored it: "new" is measured on this (a kiosk may send a rating late). */
  receivedAt: Date;
  unitName: string;
  counterName: string | null;
  minScore: number;
  /** The first 160 characters of the comment, if any. */
  commentExcerpt: string | null;
  /** True when the comment is longer than the excerpt. */
  commentTruncated: boolean;
};

export const LOW_RATINGS_LIMIT = 50;
const EXCERPT_CHARS = 160;

/** The latest (≤ 50) low ratings of the viewer's subtree that wait for follow-up, newest first. */
export async function listLowRatingsToReview(
  viewer: ScopedViewer,
  { now = new Date(), limit = LOW_RATINGS_LIMIT }: { now?: Date; limit?: number } = {},
): Promise<LowRatingToReview[]> {
  const rows = await withConn(({ db }) =>
    db
      .select({
        responseId: lowRatings.responseId,
        submittedAt: responses.submittedAt,
        receivedAt: responses.receivedAt,
        unitName: units.name,
        counterName: counters.name,
        minScore: lowRatings.minScore,
        commentExcerpt: sql<string | null>`substr(${responses.comment}, 1, ${EXCERPT_CHARS})`,
        commentLength: sql<number | null>`length(${responses.comment})`.mapWith(Number),
      })
      .from(lowRatings)
      .innerJoin(units, eq(units.id, lowRatings.unitId))
      .innerJoin(responses, eq(responses.id, lowRatings.responseId))
      .leftJoin(counters, eq(counters.id, responses.counterId))
      .where(and(inSubtree(viewer.scopePath), unhandledLowRating(now)))
      .orderBy(desc(lowRatings.submittedAt), desc(lowRatings.responseId))
      .limit(limit),
  );
  return rows.map(({ commentLength, ...r }) => ({
    ...r,
    commentExcerpt: r.commentExcerpt ? r.commentExcerpt : null,
    commentTruncated: (commentLength ?? 0) > EXCERPT_CHARS,
  }));
}

/**
 * Marks low ratings of the viewer's subtree as looked at ("Đã xem xét"), each
 * audited as 'low_rating.review'. Ids outside the subtree, not low, or marked
 * already are left alone. Returns how many were marked now.
 */
export async function setLowRatingsReviewed(viewer: ScopedViewer, { responseIds, now = new Date() }: { responseIds: readonly number[]; now?: Date }): Promise<number> {
  if (responseIds.length === 0) return 0;
  return transaction(async ({ db }) => {
    const inScope = await db
      .select({ id: lowRatings.responseId })
      .from(lowRatings)
      .innerJoin(units, eq(units.id, lowRatings.unitId))
      .where(and(inArray(lowRatings.responseId, [...new Set(responseIds)]), inSubtree(viewer.scopePath)));
    if (inScope.length === 0) return 0;
    const marked = await db
      .insert(lowRatingReviews)
      .values(inScope.map((r) => ({ responseId: r.id, reviewedBy: viewer.userId, reviewedAt: now })))
      .onConflictDoNothing()
      .returning({ id: lowRatingReviews.responseId });
    for (const r of marked) await createAuditEntry({ actorId: viewer.userId, action: 'low_rating.review', entityType: 'response', entityId: r.id, at: now });
    return marked.length;
  });
}

// ---------------------------------------------------------------------------
// Unanswered comments, oldest first (the staff home)

export type UnansweredComment = {
  responseId: number;
  submittedAt: Date;
  unitName: string;
  counterName: string | null;
  /** 'new' or 'in_progress'. */
  status: 'new' | 'in_progress';
  excerpt: string;
  truncated: boolean;
};

/** The oldest comments of the viewer's subtree that wait for an answer (≤ `limit`), oldest first. */
export async function listUnansweredComments(viewer: ScopedViewer, { limit }: { limit: number }): Promise<UnansweredComment[]> {
  const rows = await withConn(({ db }) =>
    db
      .select({
        responseId: responses.id,
        submittedAt: responses.submittedAt,
        unitName: units.name,
        counterName: counters.name,
        status: sql<'new' | 'in_progress'>`coalesce((select t.status from comment_threads t where t.response_id = ${responses.id}), 'new')`,
        excerpt: sql<string>`substr(${responses.comment}, 1, ${EXCERPT_CHARS})`,
        length: sql<number>`length(${responses.comment})`.mapWith(Number),
      })
      .from(responses)
      .innerJoin(units, eq(units.id, responses.unitId))
      .leftJoin(counters, eq(counters.id, responses.counterId))
      .where(and(inSubtree(viewer.scopePath), unansweredComment))
      .orderBy(asc(responses.submittedAt), asc(responses.id))
      .limit(limit),
  );
  return rows.map(({ length, ...r }) => ({ ...r, truncated: length > EXCERPT_CHARS }));
}

import type { Database } from 'better-sqlite3';
import { and, asc, desc, eq, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import { can, type Viewer } from '@/lib/auth/roles';
import { DEFAULT_BURST_RULE, lowRatingBurst, type Burst } from '@/lib/indicators/alerts';
import type { Db } from '../client';
import { alertRules, alerts, counters, lowRatings, responses, units, users } from '../schema';
import { createAuditEntry } from './audit';
import { perConnection } from './survey-cache';
import { inSubtree } from './unit-tree';

/**
 * Follow-up alerts (issue 4, §6). A "low rating" is a rating that is not
 * excluded and has a scale answer of 1–2 (the low_ratings table, kept by the
 * rollup writers). An office's rule ("3 low ratings within 60 minutes" by
 * default) raises one alert per burst (lib/indicators/alerts.ts), which the
 * office head acknowledges with a note. "New" on the alerts page and in its
 * badge means received after the viewer last opened the page
 * (users.alerts_seen_at; never opened = the last 7 days).
 *
 * Every staff read and write is limited to the viewer's subtree; an alert
 * outside it behaves as if it did not exist.
 */

type ScopedViewer = Pick<Viewer, 'userId' | 'role' | 'scopePath'>;

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

export const DEFAULT_ALERT_RULE = {
  count: DEFAULT_BURST_RULE.count,
  windowMinutes: DEFAULT_BURST_RULE.windowMs / MINUTE_MS,
  active: true,
} as const;

/** Without a visit yet, "new" means the last 7 days. */
export const NEW_SINCE_DEFAULT_MS = 7 * DAY_MS;
/**
 * How long after it was given a rating may still reach the server (a kiosk's
 * offline queue): "new" counts by arrival time, and this bounds the scan on
 * the indexed rating time.
 */
const LATE_ARRIVAL_MS = 7 * DAY_MS;

export type AlertRule = {
  unitId: number;
  count: number;
  windowMinutes: number;
  active: boolean;
  /** False while the office uses the default rule (no row). */
  custom: boolean;
  updatedBy: number | null;
  updatedAt: Date | null;
};

/** The office's rule, or the default (3 within 60 minutes, active) when it has none. */
export function getAlertRule(db: Db, unitId: number): AlertRule {
  const row = db.select().from(alertRules).where(eq(alertRules.unitId, unitId)).get();
  if (!row) return { unitId, ...DEFAULT_ALERT_RULE, custom: false, updatedBy: null, updatedAt: null };
  return { ...row, custom: true };
}

// ---------------------------------------------------------------------------
// Detection (the submit hot path and the seed scan)

type RuleRow = { count: number; windowMinutes: number; active: 0 | 1 };
type OverlapRow = { id: number; startAt: number; endAt: number; lowCount: number; acknowledgedAt: number | null };
type OverlapParams = { unitId: number; start: number; end: number; since: number };

export type RaisedAlert = { alertId: number; created: boolean };

/**
 * The detection as statements prepared once per connection: createResponse
 * (responses.ts) runs it inside its own transaction for every low rating, so
 * it must not build SQL per call.
 */
export function prepareAlertRaiser(sqlite: Database): (unitId: number, at: number) => RaisedAlert | null {
  const rule = sqlite.prepare<[number], RuleRow>('select count, window_minutes as windowMinutes, active from alert_rules where unit_id = ?');
  const lowTimes = sqlite
    .prepare<[number, number, number], number>('select submitted_at from low_ratings where unit_id = ? and submitted_at > ? and submitted_at < ? order by submitted_at')
    .pluck();
  const countLow = sqlite
    .prepare<[number, number, number], number>('select count(*) from low_ratings where unit_id = ? and submitted_at between ? and ?')
    .pluck();
  // An alert sharing ratings with the burst: an acknowledged one first (it
  // decides which ratings are left to count, see below), else the latest open
  // one. `since` skips alerts that began before an acknowledgement.
  const overlapping = sqlite.prepare<[OverlapParams], OverlapRow>(
    `select id, start_at as startAt, end_at as endAt, low_count as lowCount, acknowledged_at as acknowledgedAt from alerts
     where unit_id = @unitId and end_at >= @start and start_at <= @end and start_at > @since
     order by acknowledged_at is null, end_at desc, id desc limit 1`,
  );
  const insert = sqlite.prepare<[number, number, number, number, number, number, number]>(
    'insert into alerts (unit_id, start_at, end_at, low_count, triggered_at, rule_count, rule_window_minutes) values (?, ?, ?, ?, ?, ?, ?)',
  );
  const extend = sqlite.prepare<[number, number, number, number]>('update alerts set start_at = ?, end_at = ?, low_count = ? where id = ?');
  // For ratings arriving in time order (the usual case), a few index rows decide (see `inOrder`).
  const laterLow = sqlite.prepare<[number, number, number], number>('select 1 from low_ratings where unit_id = ? and submitted_at > ? and submitted_at < ? limit 1').pluck();
  const latestLow = sqlite
    .prepare<[number, number, number], number>('select submitted_at from low_ratings where unit_id = ? and submitted_at <= ? order by submitted_at desc limit ?')
    .pluck();
  const acknowledgedNear = sqlite
    .prepare<[number, number], number>('select 1 from alerts where unit_id = ? and end_at >= ? and acknowledged_at is not null limit 1')
    .pluck();

  /**
   * A low rating later than every other within a window: the rule holds at
   * `at` only through the `count` latest low ratings up to it, and an open
   * alert they overlap grows by this one. Reads `count` index rows instead of
   * every low rating of the window, so a flood of low ratings at one office
   * costs each one the same. Undefined when the general path must decide
   * (a late arrival, an acknowledgement nearby, or no open alert to extend).
   */
  const inOrder = (unitId: number, at: number, count: number, windowMs: number): RaisedAlert | null | undefined => {
    if (laterLow.get(unitId, at, at + windowMs)) return undefined;
    const latest = latestLow.all(unitId, at, count);
    const first = latest.at(-1);
    if (latest.length < count || first === undefined || at - first >= windowMs) return null;
    if (acknowledgedNear.get(unitId, at - windowMs)) return undefined;
    const hit = overlapping.get({ unitId, start: first, end: at, since: Number.MIN_SAFE_INTEGER });
    if (!hit || hit.acknowledgedAt !== null) return undefined;
    const start = Math.min(hit.startAt, first);
    const end = Math.max(hit.endAt, at);
    // Counted only over what the alert did not cover yet: the rest is in low_count already.
    const lowCount =
      start === hit.startAt ? hit.lowCount + (end > hit.endAt ? (countLow.get(unitId, hit.endAt + 1, end) ?? 0) : 0) : (countLow.get(unitId, start, end) ?? 0);
    extend.run(start, end, lowCount, hit.id);
    return { alertId: hit.id, created: false };
  };

  return (unitId, at) => {
    const r = rule.get(unitId) ?? DEFAULT_ALERT_RULE;
    if (!r.active) return null;
    const windowMs = r.windowMinutes * MINUTE_MS;
    const decided = inOrder(unitId, at, r.count, windowMs);
    if (decided !== undefined) return decided;
    // Any `count` ratings less than a window apart that include `at` lie in here.
    const times = lowTimes.all(unitId, at - windowMs, at + windowMs);
    let since = Number.MIN_SAFE_INTEGER;
    for (;;) {
      const burst = burstAt(
        times.filter((t) => t > since),
        at,
        r.count,
        windowMs,
      );
      if (!burst) return null;
      const hit = overlapping.get({ unitId, start: burst.start, end: burst.end, since });
      if (!hit) {
        const id = insert.run(unitId, burst.start, burst.end, burst.count, burst.triggeredAt, r.count, r.windowMinutes).lastInsertRowid;
        return { alertId: Number(id), created: true };
      }
      if (hit.acknowledgedAt === null) {
        const start = Math.min(hit.startAt, burst.start);
        const end = Math.max(hit.endAt, burst.end);
        extend.run(start, end, countLow.get(unitId, start, end) ?? 0, hit.id);
        return { alertId: hit.id, created: false };
      }
      // An acknowledged alert is closed: its note answered what had happened.
      // Low ratings after the acknowledgement raise a new alert only if they
      // meet the rule on their own. A rating given before it is part of
      // what was acknowledged.
      if (at <= hit.acknowledgedAt || hit.acknowledgedAt <= since) return null;
      since = hit.acknowledgedAt;
    }
  };
}

function burstAt(times: number[], at: number, count: number, windowMs: number): Burst | undefined {
  return lowRatingBurst(times, { count, windowMs }).find((b) => b.start <= at && at <= b.end);
}

const raiser = perConnection(prepareAlertRaiser);

/**
 * Runs the office's rule over its low ratings around `at` (a low rating's
 * time) and creates an alert, or extends the alert that shares ratings with
 * the burst: one burst is one alert, whatever order the ratings arrive in.
 * Null when the rule is off or does not hold around `at`.
 */
export function raiseAlerts(db: Db, unitId: number, at: Date | number): RaisedAlert | null {
  return raiser(db)(unitId, typeof at === 'number' ? at : at.getTime());
}

/**
 * The same detection for every office over the low ratings since `since`
 * (ratings stored in bulk by the seeder, which bypasses createResponse).
 * Idempotent: running it twice changes nothing. Returns the alerts created.
 */
export function scanAlerts(db: Db, { since }: { since: Date }): number {
  const sqlite = db.$client;
  const rows = sqlite
    .prepare<[number], { unitId: number; t: number }>('select unit_id as unitId, submitted_at as t from low_ratings where submitted_at >= ? order by unit_id, submitted_at')
    .all(since.getTime());
  const raise = raiser(db);
  return sqlite.transaction(() => rows.reduce((created, r) => created + (raise(r.unitId, r.t)?.created ? 1 : 0), 0)).immediate();
}

// ---------------------------------------------------------------------------
// Rules

/** Offices (units that take ratings) in the viewer's subtree whose rule the viewer may set, in tree path order. */
export function listRuleOffices(db: Db, viewer: ScopedViewer): { id: number; name: string }[] {
  if (!can(viewer.role, 'alerts.manage')) return [];
  return db
    .select({ id: units.id, name: units.name })
    .from(units)
    .where(and(inSubtree(viewer.scopePath), isNotNull(units.code)))
    .orderBy(asc(units.path))
    .all();
}

function officeInScope(db: Pick<Db, 'select'>, viewer: ScopedViewer, unitId: number) {
  return db
    .select({ id: units.id, name: units.name })
    .from(units)
    .where(and(eq(units.id, unitId), inSubtree(viewer.scopePath), isNotNull(units.code)))
    .get();
}

/**
 * Sets an office's rule (viewers with 'alerts.manage', inside their
 * subtree). Audited as 'alert_rule.update'. Null when the office is outside
 * the viewer's reach. Alerts already raised keep the rule they were raised by.
 */
export function setAlertRule(
  db: Db,
  viewer: ScopedViewer,
  { unitId, count, windowMinutes, active, now = new Date() }: { unitId: number; count: number; windowMinutes: number; active: boolean; now?: Date },
): AlertRule | null {
  if (!can(viewer.role, 'alerts.manage')) return null;
  return db.transaction((tx) => {
    if (!officeInScope(tx, viewer, unitId)) return null;
    const before = getAlertRule(tx as unknown as Db, unitId);
    const values = { count, windowMinutes, active, updatedBy: viewer.userId, updatedAt: now };
    tx.insert(alertRules).values({ unitId, ...values }).onConflictDoUpdate({ target: alertRules.unitId, set: values }).run();
    createAuditEntry(tx, {
      actorId: viewer.userId,
      action: 'alert_rule.update',
      entityType: 'alert_rule',
      entityId: unitId,
      before: { count: before.count, windowMinutes: before.windowMinutes, active: before.active },
      after: { count, windowMinutes, active },
      at: now,
    });
    return { unitId, ...values, custom: true };
  });
}

// ---------------------------------------------------------------------------
// Alerts

export type AlertStatus = 'open' | 'acknowledged' | 'all';

export type AlertRow = {
  id: number;
  unitId: number;
  unitName: string;
  startAt: Date;
  endAt: Date;
  lowCount: number;
  triggeredAt: Date;
  ruleCount: number;
  ruleWindowMinutes: number;
  acknowledgedAt: Date | null;
  acknowledgedByName: string | null;
  note: string | null;
};

export const ALERT_LIST_PAGE_SIZE = 20;

const alertFields = {
  id: alerts.id,
  unitId: alerts.unitId,
  unitName: units.name,
  startAt: alerts.startAt,
  endAt: alerts.endAt,
  lowCount: alerts.lowCount,
  triggeredAt: alerts.triggeredAt,
  ruleCount: alerts.ruleCount,
  ruleWindowMinutes: alerts.ruleWindowMinutes,
  acknowledgedAt: alerts.acknowledgedAt,
  acknowledgedByName: users.displayName,
  note: alerts.note,
};

function selectAlerts(db: Pick<Db, 'select'>) {
  return db.select(alertFields).from(alerts).innerJoin(units, eq(units.id, alerts.unitId)).leftJoin(users, eq(users.id, alerts.acknowledgedBy)).$dynamic();
}

function alertWhere(viewer: ScopedViewer, status: AlertStatus, unitId?: number): SQL {
  const where: SQL[] = [inSubtree(viewer.scopePath)!];
  if (status === 'open') where.push(isNull(alerts.acknowledgedAt));
  if (status === 'acknowledged') where.push(isNotNull(alerts.acknowledgedAt));
  if (unitId) where.push(eq(alerts.unitId, unitId));
  return and(...where)!;
}

/**
 * Alerts in the viewer's subtree: open ones by when they were raised, newest
 * first; acknowledged ones by when they were acknowledged, newest first.
 */
export function listAlerts(
  db: Db,
  viewer: ScopedViewer,
  { status, unitId, page = 1, pageSize = ALERT_LIST_PAGE_SIZE }: { status: AlertStatus; unitId?: number; page?: number; pageSize?: number },
): { rows: AlertRow[]; total: number } {
  const where = alertWhere(viewer, status, unitId);
  const order = status === 'acknowledged' ? [desc(alerts.acknowledgedAt), desc(alerts.id)] : [desc(alerts.triggeredAt), desc(alerts.id)];
  const rows = selectAlerts(db)
    .where(where)
    .orderBy(...order)
    .limit(pageSize)
    .offset((Math.max(1, page) - 1) * pageSize)
    .all();
  const total = db.select({ n: sql<number>`count(*)` }).from(alerts).innerJoin(units, eq(units.id, alerts.unitId)).where(where).get()!.n;
  return { rows, total };
}

export type AcknowledgeResult = { status: 'ok'; alert: AlertRow } | { status: 'not_found' } | { status: 'already_acknowledged' };

/**
 * Closes an open alert with the office's note (viewers with
 * 'alerts.acknowledge', inside their subtree). Audited as
 * 'alert.acknowledge'. An alert outside the viewer's reach is 'not_found';
 * one acknowledged already is refused, so a note is never overwritten.
 */
export function acknowledgeAlert(db: Db, viewer: ScopedViewer, { id, note, now = new Date() }: { id: number; note: string; now?: Date }): AcknowledgeResult {
  if (!can(viewer.role, 'alerts.acknowledge')) return { status: 'not_found' };
  return db.transaction((tx): AcknowledgeResult => {
    const found = tx
      .select({ id: alerts.id, acknowledgedAt: alerts.acknowledgedAt })
      .from(alerts)
      .innerJoin(units, eq(units.id, alerts.unitId))
      .where(and(eq(alerts.id, id), inSubtree(viewer.scopePath)))
      .get();
    if (!found) return { status: 'not_found' };
    if (found.acknowledgedAt) return { status: 'already_acknowledged' };
    tx.update(alerts)
      .set({ acknowledgedAt: now, acknowledgedBy: viewer.userId, note })
      .where(and(eq(alerts.id, id), isNull(alerts.acknowledgedAt)))
      .run();
    createAuditEntry(tx, {
      actorId: viewer.userId,
      action: 'alert.acknowledge',
      entityType: 'alert',
      entityId: id,
      before: { acknowledgedAt: null, note: null },
      after: { acknowledgedAt: now.toISOString(), note },
      at: now,
    });
    return { status: 'ok', alert: selectAlerts(tx).where(eq(alerts.id, id)).get()! };
  });
}

// ---------------------------------------------------------------------------
// What is new since the last visit

/** When the viewer last opened the alerts page (null: never). */
export function getAlertsSeenAt(db: Db, viewer: Pick<Viewer, 'userId'>): Date | null {
  return db.select({ at: users.alertsSeenAt }).from(users).where(eq(users.id, viewer.userId)).get()?.at ?? null;
}

/** The instant after which things count as new: the last visit, else 7 days before `now`. */
export function newSince(seenAt: Date | null, now: Date): Date {
  return seenAt ?? new Date(now.getTime() - NEW_SINCE_DEFAULT_MS);
}

/**
 * Records that the viewer has seen the alerts page as it was at `at` (the
 * time it was rendered, so what arrived after stays new). Never moves back.
 */
export function markAlertsSeen(db: Db, viewer: Pick<Viewer, 'userId'>, at: Date): void {
  db.update(users)
    .set({ alertsSeenAt: sql`max(coalesce(${users.alertsSeenAt}, 0), ${at.getTime()})` })
    .where(eq(users.id, viewer.userId))
    .run();
}

const arrivedAfter = (since: Date) => {
  const t = since.getTime();
  return and(sql`${lowRatings.submittedAt} > ${t - LATE_ARRIVAL_MS}`, sql`${responses.receivedAt} > ${t}`)!;
};

/** A comment nobody has acted on yet: no thread row, or one still 'new'. */
const unansweredComment = sql`${responses.comment} is not null and ${responses.comment} <> ''
  and coalesce((select t.status from comment_threads t where t.response_id = ${responses.id}), 'new') = 'new'`;

export type AlertBadge = {
  /** Low ratings received since the last visit. */
  newLowRatings: number;
  /** Comments received since the last visit that nobody has acted on. */
  newComments: number;
  /**
   * Open alerts waiting for this viewer: every open one for those who may
   * acknowledge (until they do), those raised since the last visit for the others.
   */
  openAlerts: number;
};

/** The counts behind the navigation badge, in the viewer's subtree, since their last visit to the alerts page. */
export function alertBadge(
  db: Db,
  viewer: ScopedViewer,
  { now = new Date(), seenAt, cap }: { now?: Date; seenAt?: Date | null; cap?: number } = {},
): AlertBadge {
  const since = newSince(seenAt === undefined ? getAlertsSeenAt(db, viewer) : seenAt, now);
  const t = since.getTime();
  // With a cap (the navigation shows "99+"), a count stops after `cap` rows instead of reading a busy province's whole week.
  const countOf = (q: ReturnType<typeof rowsOf>) => db.select({ n: sql<number>`count(*)` }).from((cap === undefined ? q : q.limit(cap)).as('c')).get()!.n;
  const rowsOf = (from: typeof lowRatings | typeof responses) => db.select({ one: sql`1`.as('one') }).from(from).$dynamic();
  const newLowRatings = countOf(
    rowsOf(lowRatings)
      .innerJoin(units, eq(units.id, lowRatings.unitId))
      .innerJoin(responses, eq(responses.id, lowRatings.responseId))
      .where(and(inSubtree(viewer.scopePath), arrivedAfter(since))),
  );
  const newComments = countOf(
    rowsOf(responses)
      .innerJoin(units, eq(units.id, responses.unitId))
      .where(and(inSubtree(viewer.scopePath), sql`${responses.submittedAt} > ${t - LATE_ARRIVAL_MS}`, sql`${responses.receivedAt} > ${t}`, unansweredComment)),
  );
  const openWhere = can(viewer.role, 'alerts.acknowledge') ? alertWhere(viewer, 'open') : and(alertWhere(viewer, 'open'), sql`${alerts.triggeredAt} > ${t}`);
  const openAlerts = db.select({ n: sql<number>`count(*)` }).from(alerts).innerJoin(units, eq(units.id, alerts.unitId)).where(openWhere).get()!.n;
  return { newLowRatings, newComments, openAlerts };
}

/** The badge's one number. */
export function badgeTotal(b: AlertBadge): number {
  return b.newLowRatings + b.newComments + b.openAlerts;
}

export type NewLowRating = {
  responseId: number;
  submittedAt: Date;
  unitName: string;
  counterName: string | null;
  minScore: number;
  /** The first 160 characters of the comment, if any. */
  commentExcerpt: string | null;
  /** True when the comment is longer than the excerpt. */
  commentTruncated: boolean;
};

export const NEW_LOW_RATINGS_LIMIT = 50;
const EXCERPT_CHARS = 160;

/** The latest (≤ 50) low ratings received in the viewer's subtree since `since`, newest first. */
export function listNewLowRatings(db: Db, viewer: ScopedViewer, { since, limit = NEW_LOW_RATINGS_LIMIT }: { since: Date; limit?: number }): NewLowRating[] {
  const rows = db
    .select({
      responseId: lowRatings.responseId,
      submittedAt: responses.submittedAt,
      unitName: units.name,
      counterName: counters.name,
      minScore: lowRatings.minScore,
      commentExcerpt: sql<string | null>`substr(${responses.comment}, 1, ${EXCERPT_CHARS})`,
      commentLength: sql<number | null>`length(${responses.comment})`,
    })
    .from(lowRatings)
    .innerJoin(units, eq(units.id, lowRatings.unitId))
    .innerJoin(responses, eq(responses.id, lowRatings.responseId))
    .leftJoin(counters, eq(counters.id, responses.counterId))
    .where(and(inSubtree(viewer.scopePath), arrivedAfter(since)))
    .orderBy(desc(responses.receivedAt), desc(lowRatings.responseId))
    .limit(limit)
    .all();
  return rows.map(({ commentLength, ...r }) => ({
    ...r,
    commentExcerpt: r.commentExcerpt ? r.commentExcerpt : null,
    commentTruncated: (commentLength ?? 0) > EXCERPT_CHARS,
  }));
}

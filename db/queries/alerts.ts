import { and, asc, desc, eq, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import { can, type Viewer } from '@/lib/auth/roles';
import { DEFAULT_BURST_RULE, type AlertFact, type Burst } from '@/lib/indicators/alerts';
import { byEngine } from '../engine/dialect';
import { alertRules, alerts, units, users } from '../schema';
import { transaction, withConn, type Db } from '../store';
import { createAuditEntry } from './audit';
import { inSubtree } from './unit-tree';

/**
 * Follow-up alerts (issue 4, §6). A "low rating" is a rating that is not
 * excluded and has a scale answer of 1–2 (the low_ratings table, kept by the
 * rollup writers). An office's rule ("3 low ratings within 60 minutes" by
 * default) raises one alert per burst (lib/indicators/alerts.ts), which the
 * office head acknowledges with a note. What waits for follow-up (the
 * badge, the alerts page, the staff home) is counted in ./follow-up.ts; the
 * last visit (users.alerts_seen_at) only highlights what is new.
 *
 * Every staff read and write is limited to the viewer's subtree; an alert
 * outside it behaves as if it did not exist.
 */

type ScopedViewer = Pick<Viewer, 'userId' | 'role' | 'scopePath'>;

const MINUTE_MS = 60_000;

export const DEFAULT_ALERT_RULE = {
  count: DEFAULT_BURST_RULE.count,
  windowMinutes: DEFAULT_BURST_RULE.windowMs / MINUTE_MS,
  active: true,
} as const;


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
export async function getAlertRule(unitId: number): Promise<AlertRule> {
  const [row] = await withConn(({ db }) => db.select().from(alertRules).where(eq(alertRules.unitId, unitId)).limit(1));
  if (!row) return { unitId, ...DEFAULT_ALERT_RULE, custom: false, updatedBy: null, updatedAt: null };
  return { ...row, custom: true };
}

// ---------------------------------------------------------------------------
// Detection: the facts the submit path's alert decision needs (server/alerts.ts
// decides with lib/indicators/alerts.ts). Raw statements, prepared once per
// connection: they run inside storeRating's transaction for every low rating.

// The facts of the usual case in one statement (one round trip while the office's
// alert lock is held): the rule (or the default), whether a low rating lies after
// `at` within the window, the `count` latest low ratings up to `at`, and the
// alerts ending within a window before `at`. One row per fact, told apart by `kind`
// (PostgreSQL types a union's columns from its first branch: hence the casts).
const BURST_FACTS_SQL = `
  with rule as (
    select coalesce(r.count, @defaultCount) as count, coalesce(r.window_minutes, @defaultWindowMinutes) as wm,
           case when r.unit_id is null or r.active then 1 else 0 end as active
    from (select 1 as one) as one left join alert_rules r on r.unit_id = @unitId)
  select 'rule' as kind, cast(count as bigint) as a, cast(wm as bigint) as b, cast(active as bigint) as c, cast(null as bigint) as d, cast(null as bigint) as e from rule
  union all
  select 'later', 1, null, null, null, null from rule
  where exists (select 1 from low_ratings where unit_id = @unitId and submitted_at > @at and submitted_at < @at + rule.wm * 60000)
  union all
  select 'latest', t, null, null, null, null from (
    select submitted_at as t from low_ratings where unit_id = @unitId and submitted_at <= @at
    order by submitted_at desc limit (select count from rule)) as latest
  union all
  select 'alert', id, start_at, end_at, low_count, acknowledged_at from alerts
  where unit_id = @unitId and end_at >= @at - (select wm from rule) * 60000`;

type BurstFactRow = { kind: 'rule' | 'later' | 'latest' | 'alert'; a: number; b: number | null; c: number | null; d: number | null; e: number | null };

export type BurstFacts = {
  rule: { count: number; windowMinutes: number; active: boolean };
  /** Whether the office has a low rating after `at` and less than a window later. */
  laterInWindow: boolean;
  /** The times of the office's `rule.count` latest low ratings up to `at` (inclusive), newest first. */
  latest: number[];
  /** The office's alerts ending at or after `at` minus the rule's window. */
  alerts: AlertFact[];
};

const burstFactParams = (unitId: number, at: number) => ({
  unitId,
  at,
  defaultCount: DEFAULT_ALERT_RULE.count,
  defaultWindowMinutes: DEFAULT_ALERT_RULE.windowMinutes,
});

/** What the alert decision around a low rating at `at` reads first (server/alerts.ts). */
export async function readBurstFacts(unitId: number, at: number): Promise<BurstFacts> {
  return burstFactsOf(await withConn((c) => c.all<BurstFactRow>(BURST_FACTS_SQL, burstFactParams(unitId, at))));
}

/**
 * The same facts read as the transaction's last statement, after the locks
 * asked for (Conn.allAtCommit): on PostgreSQL they are what the office's
 * alerts lock guarded, read in the message that commits.
 */
export async function readBurstFactsAtCommit(unitId: number, at: number): Promise<BurstFacts> {
  return burstFactsOf(await withConn((c) => c.allAtCommit<BurstFactRow>(BURST_FACTS_SQL, burstFactParams(unitId, at))));
}

function burstFactsOf(rows: BurstFactRow[]): BurstFacts {
  const facts: BurstFacts = { rule: { ...DEFAULT_ALERT_RULE }, laterInWindow: false, latest: [], alerts: [] };
  for (const r of rows) {
    if (r.kind === 'rule') facts.rule = { count: Number(r.a), windowMinutes: Number(r.b), active: Number(r.c) === 1 };
    else if (r.kind === 'later') facts.laterInWindow = true;
    else if (r.kind === 'latest') facts.latest.push(Number(r.a));
    else facts.alerts.push({ id: Number(r.a), startAt: Number(r.b), endAt: Number(r.c), lowCount: Number(r.d), acknowledgedAt: r.e == null ? null : Number(r.e) });
  }
  // A union keeps no order: newest first, as the rule reads them.
  facts.latest.sort((x, y) => y - x);
  return facts;
}

/** The times of the office's low ratings strictly between `after` and `before`, oldest first. */
export async function listLowTimesBetween(unitId: number, after: number, before: number): Promise<number[]> {
  const rows = await withConn((c) =>
    c.all<{ t: number }>('select submitted_at as "t" from low_ratings where unit_id = ? and submitted_at > ? and submitted_at < ? order by submitted_at', [unitId, after, before]),
  );
  return rows.map((r) => Number(r.t));
}

export async function insertAlert(a: { unitId: number; burst: Burst; ruleCount: number; ruleWindowMinutes: number }): Promise<number> {
  const id = await withConn((c) =>
    c.value<number>(
      'insert into alerts (unit_id, start_at, end_at, low_count, triggered_at, rule_count, rule_window_minutes) values (?, ?, ?, ?, ?, ?, ?) returning id',
      [a.unitId, a.burst.start, a.burst.end, a.burst.count, a.burst.triggeredAt, a.ruleCount, a.ruleWindowMinutes],
    ),
  );
  return Number(id);
}

/**
 * Moves an alert's bounds and sets its count: `base` plus the office's low
 * ratings from `countFrom` to `countTo` inclusive (none when `countTo` < `countFrom`), counted in the same statement.
 */
export async function extendAlert(a: { id: number; unitId: number; start: number; end: number; base: number; countFrom: number; countTo: number }): Promise<void> {
  // Nothing reads it back in the rating's transaction: on PostgreSQL it goes with the commit, the office's alert lock held one round trip less.
  await withConn((c) =>
    c.runDeferred(
      `update alerts set start_at = @start, end_at = @end,
         low_count = @base + (select count(*) from low_ratings where unit_id = @unitId and submitted_at between @countFrom and @countTo)
       where id = @id`,
      a,
    ),
  );
}

/**
 * Grows an open alert to take in [start, end] and the rating at `at`, as the
 * transaction's last statement (Conn.allAtCommit), after the locks asked
 * for. The alert's count holds the office's low ratings inside its span, each
 * counted by the transaction that stored it: the statement adds the ratings
 * between its span as it is now (whatever it grew to since it was read) and
 * the new bounds, and this rating if it lies inside that span already. Unless
 * the alert was acknowledged meanwhile, or another alert now lies within
 * `windowMs` of the span: then nothing changes and it answers false (the
 * caller decides again, server/alerts.ts).
 */
export async function extendAlertAtCommit(a: { id: number; unitId: number; at: number; start: number; end: number; windowMs: number }): Promise<boolean> {
  const rows = await withConn((c) =>
    c.allAtCommit(
      `update alerts set start_at = span.new_start, end_at = span.new_end,
         low_count = low_count
           + (select count(*) from low_ratings where unit_id = @unitId and submitted_at >= span.new_start and submitted_at < span.old_start)
           + (select count(*) from low_ratings where unit_id = @unitId and submitted_at > span.old_end and submitted_at <= span.new_end)
           + case when @at between span.old_start and span.old_end then 1 else 0 end
       from (select start_at as old_start, end_at as old_end,
                    case when start_at < @start then start_at else @start end as new_start,
                    case when end_at > @end then end_at else @end end as new_end
             from alerts where id = @id) as span
       where id = @id and acknowledged_at is null
         and not exists (select 1 from alerts other where other.unit_id = @unitId and other.id <> @id
                         and other.end_at >= @start - @windowMs and other.start_at <= @end + @windowMs)
       returning id`,
      a,
    ),
  );
  return rows.length === 1;
}

/** The office and time of each low rating since `since`, by office then time (the seed scan). */
export async function listLowRatingsSince(since: Date): Promise<{ unitId: number; t: number }[]> {
  const rows = await withConn((c) =>
    c.all<{ unitId: number; t: number }>('select unit_id as "unitId", submitted_at as "t" from low_ratings where submitted_at >= ? order by unit_id, submitted_at', [since.getTime()]),
  );
  return rows.map((r) => ({ unitId: r.unitId, t: Number(r.t) }));
}

// ---------------------------------------------------------------------------
// Rules

/** Offices (units that take ratings) in the viewer's subtree whose rule the viewer may set, in tree path order. */
export async function listRuleOffices(viewer: ScopedViewer): Promise<{ id: number; name: string }[]> {
  if (!can(viewer.role, 'alerts.manage')) return [];
  return withConn(({ db }) =>
    db
      .select({ id: units.id, name: units.name })
      .from(units)
      .where(and(inSubtree(viewer.scopePath), isNotNull(units.code)))
      .orderBy(asc(units.path)),
  );
}

async function officeInScope(db: Db, viewer: ScopedViewer, unitId: number) {
  const [row] = await db
    .select({ id: units.id, name: units.name })
    .from(units)
    .where(and(eq(units.id, unitId), inSubtree(viewer.scopePath), isNotNull(units.code)))
    .limit(1);
  return row;
}

/**
 * Sets an office's rule, inside the viewer's subtree (whether the viewer may
 * is server/alerts.ts setOfficeAlertRule's question). Audited as
 * 'alert_rule.update'. Null when the office is outside the viewer's reach.
 * Alerts already raised keep the rule they were raised by.
 */
export async function setAlertRule(
  viewer: ScopedViewer,
  { unitId, count, windowMinutes, active, now = new Date() }: { unitId: number; count: number; windowMinutes: number; active: boolean; now?: Date },
): Promise<AlertRule | null> {
  return transaction(async ({ db }) => {
    if (!(await officeInScope(db, viewer, unitId))) return null;
    const before = await getAlertRule(unitId);
    const values = { count, windowMinutes, active, updatedBy: viewer.userId, updatedAt: now };
    await db.insert(alertRules).values({ unitId, ...values }).onConflictDoUpdate({ target: alertRules.unitId, set: values });
    await createAuditEntry({
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

function selectAlerts(db: Db) {
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
export async function listAlerts(
  viewer: ScopedViewer,
  { status, unitId, page = 1, pageSize = ALERT_LIST_PAGE_SIZE }: { status: AlertStatus; unitId?: number; page?: number; pageSize?: number },
): Promise<{ rows: AlertRow[]; total: number }> {
  const where = alertWhere(viewer, status, unitId);
  const order = status === 'acknowledged' ? [desc(alerts.acknowledgedAt), desc(alerts.id)] : [desc(alerts.triggeredAt), desc(alerts.id)];
  return withConn(async ({ db }) => {
    const rows = await selectAlerts(db)
      .where(where)
      .orderBy(...order)
      .limit(pageSize)
      .offset((Math.max(1, page) - 1) * pageSize);
    const [count] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(alerts).innerJoin(units, eq(units.id, alerts.unitId)).where(where);
    return { rows, total: count!.n };
  });
}

/** An alert in the viewer's subtree as acknowledging it needs (null: outside their reach or missing). */
export async function getAlertForAcknowledge(viewer: ScopedViewer, id: number): Promise<{ id: number; unitId: number; acknowledgedAt: Date | null } | null> {
  const [row] = await withConn(({ db }) =>
    db
      .select({ id: alerts.id, unitId: alerts.unitId, acknowledgedAt: alerts.acknowledgedAt })
      .from(alerts)
      .innerJoin(units, eq(units.id, alerts.unitId))
      .where(and(eq(alerts.id, id), inSubtree(viewer.scopePath)))
      .limit(1),
  );
  return row ?? null;
}

/**
 * Closes an open alert with a note and audits it ('alert.acknowledge'), in
 * the caller's transaction. False when it was acknowledged already: only
 * one acknowledgement changes the row (`where acknowledged_at is null`), so
 * a note is never overwritten.
 */
export async function setAlertAcknowledged({ id, userId, note, now }: { id: number; userId: number; note: string; now: Date }): Promise<boolean> {
  return withConn(async ({ db }) => {
    const changed = await db
      .update(alerts)
      .set({ acknowledgedAt: now, acknowledgedBy: userId, note })
      .where(and(eq(alerts.id, id), isNull(alerts.acknowledgedAt)))
      .returning({ id: alerts.id });
    if (changed.length === 0) return false;
    await createAuditEntry({
      actorId: userId,
      action: 'alert.acknowledge',
      entityType: 'alert',
      entityId: id,
      before: { acknowledgedAt: null, note: null },
      after: { acknowledgedAt: now.toISOString(), note },
      at: now,
    });
    return true;
  });
}

/** One alert as the alerts page lists it. */
export async function getAlertRow(id: number): Promise<AlertRow | null> {
  const [row] = await withConn(({ db }) => selectAlerts(db).where(eq(alerts.id, id)).limit(1));
  return row ?? null;
}

// ---------------------------------------------------------------------------
// The last visit (highlights only: ./follow-up.ts)

/** When the viewer last opened the alerts page (null: never). */
export async function getAlertsSeenAt(viewer: Pick<Viewer, 'userId'>): Promise<Date | null> {
  const [row] = await withConn(({ db }) => db.select({ at: users.alertsSeenAt }).from(users).where(eq(users.id, viewer.userId)).limit(1));
  return row?.at ?? null;
}

/**
 * Records that the viewer has seen the alerts page as it was at `at` (the
 * time it was rendered, so what arrived after stays new). Never moves back.
 */
export async function markAlertsSeen(viewer: Pick<Viewer, 'userId'>, at: Date): Promise<void> {
  const larger = sql.raw(byEngine({ sqlite: 'max', pg: 'greatest' }));
  await withConn(({ db }) =>
    db
      .update(users)
      .set({ alertsSeenAt: sql`${larger}(coalesce(${users.alertsSeenAt}, 0), ${at.getTime()})` })
      .where(eq(users.id, viewer.userId)),
  );
}

import { and, desc, eq, gte, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { criterionTitlesOf, type AuditNameRefs, type AuditNames } from '@/lib/audit-names';
import { isRootScope, type Viewer } from '@/lib/auth/roles';
import { transaction, withConn, type Db } from '../store';
import { auditLog, counters, evaluationPeriods, evaluationSheets, integrations, kiosks, questionSets, units, users } from '../schema';
import { inSubtree } from './unit-tree';

export type AuditEntryInput = {
  actorId: number | null;
  action: string;
  entityType: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
  networkHash?: string | null;
  at?: Date;
  /**
   * The unit the entry concerns. Omitted: derived from the entity
   * (AUDIT_UNIT_OF_ENTITY). Null: the whole system (seen only by
   * administrators scoped at a root).
   */
  unitId?: number | null;
  /** The dossier-system key that made the call (docs/decisions/027), when the actor is a key rather than a person. */
  integrationId?: number | null;
};

/**
 * How the unit an entry concerns follows from its entity, as SQL over the
 * entity's id: a unit is itself; a counter, procedure field, kiosk, alert,
 * evaluation sheet or rated response belongs to its office; an alert rule is
 * keyed by its office; an account to its scope unit; a question set to its
 * owner; an evaluation period to the province it evaluates. The same
 * expressions backfill older rows in db/migrations/sqlite/0008_hardening.sql; keep
 * them in step. Types not listed (contact purges) concern the whole system.
 */
export const AUDIT_UNIT_OF_ENTITY: Record<string, string> = {
  unit: 'select id from units where id = ?',
  counter: 'select unit_id from counters where id = ?',
  procedure_field: 'select unit_id from procedure_fields where id = ?',
  kiosk: 'select unit_id from kiosks where id = ?',
  alert: 'select unit_id from alerts where id = ?',
  alert_rule: 'select id from units where id = ?',
  evaluation: 'select unit_id from evaluation_sheets where id = ?',
  evaluation_period: 'select unit_id from evaluation_periods where id = ?',
  comment: 'select unit_id from responses where id = ?',
  official: 'select unit_id from officials where id = ?',
  response: 'select unit_id from responses where id = ?',
  user: 'select scope_unit_id from users where id = ?',
  question_set: 'select owner_unit_id from question_sets where id = ?',
  integration: 'select unit_id from integrations where id = ?',
  dossier: 'select unit_id from dossiers where id = ?',
};

function derivedUnitId(entityType: string, entityId: string | number | null | undefined): SQL | null {
  const query = AUDIT_UNIT_OF_ENTITY[entityType];
  const id = entityId == null ? NaN : Number(entityId);
  if (!query || !Number.isSafeInteger(id)) return null;
  const [head, tail] = query.split('?');
  return sql`(${sql.raw(head!)}${id}${sql.raw(tail!)})`;
}

function auditRow(e: AuditEntryInput) {
  return {
    at: e.at ?? new Date(),
    actorId: e.actorId,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId == null ? null : String(e.entityId),
    before: e.before ?? null,
    after: e.after ?? null,
    networkHash: e.networkHash ?? null,
    unitId: e.unitId !== undefined ? e.unitId : derivedUnitId(e.entityType, e.entityId),
    integrationId: e.integrationId ?? null,
  };
}

/**
 * Appends one entry; call it inside the same transaction as the change it
 * records (after the change, so a new entity's unit can be derived).
 */
export async function createAuditEntry(e: AuditEntryInput): Promise<void> {
  await withConn(async ({ db }) => {
    await db.insert(auditLog).values(auditRow(e));
  });
}

/** How long one aggregated row of anonymous failures from one network stays open. */
export const ANONYMOUS_FAILURE_WINDOW_MS = 15 * 60_000;

export type AnonymousFailureInput = {
  action: string;
  entityType: string;
  entityId?: string | number | null;
  after?: unknown;
  networkHash: string | null;
  at: Date;
  windowMs?: number;
};

function openFailureRow(e: AnonymousFailureInput) {
  const since = new Date(e.at.getTime() - (e.windowMs ?? ANONYMOUS_FAILURE_WINDOW_MS));
  return and(
    eq(auditLog.action, e.action),
    isNull(auditLog.actorId),
    e.networkHash ? eq(auditLog.networkHash, e.networkHash) : isNull(auditLog.networkHash),
    gte(auditLog.at, since),
    // Failures concerning different offices stay apart, so each office's administrators count only theirs.
    sql`${auditLog.unitId} is not distinct from ${derivedUnitId(e.entityType, e.entityId)}`,
  );
}

/**
 * Records a failure nobody signed in made (a wrong password for an unknown
 * or known login, a wrong kiosk pairing code): one row per action, network
 * and unit concerned per window, whose `count` and `lastAt` grow, so an
 * anonymous client cannot flood the audit log while every failure stays
 * countable. `after` keeps what the first failure of the window said. Call
 * it inside the transaction that records the attempt.
 *
 * Find-then-update-or-insert is made safe across app servers by a lock on
 * the action and network (`audit-failures:<action>:<network>`), not by an
 * upsert: the window slides from each row's first failure, which no unique
 * key can express (a fixed bucket column would split a burst in two at the
 * bucket's edge), and the network and unit are often null, which unique
 * indexes treat as distinct. Only failures from one network of one kind
 * wait on each other, and only for these two statements.
 */
export async function createAnonymousFailureEntry(e: AnonymousFailureInput): Promise<void> {
  return transaction(async (c) => {
    await c.lock(`audit-failures:${e.action}:${e.networkHash ?? '-'}`);
    const [open] = await c.db.select({ id: auditLog.id }).from(auditLog).where(openFailureRow(e)).orderBy(desc(auditLog.at)).limit(1);
    if (open) {
      await c.db
        .update(auditLog)
        .set({ count: sql`${auditLog.count} + 1`, lastAt: e.at })
        .where(eq(auditLog.id, open.id));
      return;
    }
    await createAuditEntry({ actorId: null, action: e.action, entityType: e.entityType, entityId: e.entityId, after: e.after, networkHash: e.networkHash, at: e.at });
  });
}

export type AuditFilter = { action?: string; actorId?: number; entityType?: string; from?: Date; to?: Date; limit: number; offset: number };

type AuditViewer = Pick<Viewer, 'scopePath'>;

/**
 * The entries a viewer may read: those concerning a unit of their subtree,
 * plus the system-wide ones (no unit) for administrators scoped at a root.
 * Joined with `units` on the entry's unit, which the caller must add.
 */
function visibleTo(viewer: AuditViewer): SQL {
  return isRootScope(viewer) ? or(isNull(auditLog.unitId), inSubtree(viewer.scopePath))! : inSubtree(viewer.scopePath)!;
}

const actorUnits = alias(units, 'actor_units');

/**
 * Whether the actor's own scope unit lies in the viewer's subtree (the same
 * range as `inSubtree`); null (not true) for an actor without one, so a
 * `case when` over it is false on both engines.
 */
const actorInScopeOf = (viewer: AuditViewer) =>
  sql`${actorUnits.path} >= ${viewer.scopePath} and ${actorUnits.path} < ${`${viewer.scopePath.slice(0, -1)}0`}`;

function auditEntryQueries(db: Db, f: AuditFilter & { viewer: AuditViewer }) {
  const where: SQL[] = [visibleTo(f.viewer)];
  if (f.action) where.push(eq(auditLog.action, f.action));
  if (f.actorId) where.push(eq(auditLog.actorId, f.actorId));
  if (f.entityType) where.push(eq(auditLog.entityType, f.entityType));
  if (f.from) where.push(gte(auditLog.at, f.from));
  if (f.to) where.push(lt(auditLog.at, f.to));
  const rows = db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      before: auditLog.before,
      after: auditLog.after,
      count: auditLog.count,
      lastAt: auditLog.lastAt,
      actorId: auditLog.actorId,
      actorName: users.displayName,
      /** The unit the entry concerns (derived from its entity when written). */
      unitName: units.name,
      actorUsername: sql<string | null>`case when ${actorInScopeOf(f.viewer)} then ${users.username} end`,
      /** The dossier system's key that made the call (docs/decisions/027), when no person did. */
      integrationName: integrations.name,
    })
    .from(auditLog)
    .leftJoin(units, eq(units.id, auditLog.unitId))
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .leftJoin(integrations, eq(integrations.id, auditLog.integrationId))
    .leftJoin(actorUnits, eq(actorUnits.id, users.scopeUnitId))
    .where(and(...where))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(f.limit)
    .offset(f.offset);
  const total = db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(auditLog)
    .leftJoin(units, eq(units.id, auditLog.unitId))
    .where(and(...where));
  return { rows, total };
}

export type AuditEntryRow = Awaited<ReturnType<typeof auditEntryQueries>['rows']>[number];

/**
 * The audit log a viewer may read, newest first. An actor whose own scope
 * lies outside the viewer's subtree (a provincial administrator who changed
 * a ward's office, seen by the ward's administrator) is shown by display
 * name only: their login name is not the viewer's to know, and e-mail
 * addresses are never selected here.
 */
export async function listAuditEntries(f: AuditFilter & { viewer: AuditViewer }): Promise<{ rows: AuditEntryRow[]; total: number }> {
  return withConn(async ({ db }) => {
    const q = auditEntryQueries(db, f);
    const [rows, [count]] = [await q.rows, await q.total];
    return { rows, total: count?.n ?? 0 };
  });
}

/** The actions that occur in the entries the viewer may read, for the log's filter. */
export async function listAuditActions({ viewer }: { viewer: AuditViewer }): Promise<string[]> {
  return withConn(async ({ db }) => {
    const rows = await db
      .selectDistinct({ action: auditLog.action })
      .from(auditLog)
      .leftJoin(units, eq(units.id, auditLog.unitId))
      .where(visibleTo(viewer))
      .orderBy(auditLog.action);
    return rows.map((r) => r.action);
  });
}

/**
 * The actors of the entries the viewer may read, for the log's filter (by
 * display name); `username` is null for an actor scoped outside the
 * viewer's subtree, as in `listAuditEntries`.
 */
export async function listAuditActors({ viewer }: { viewer: AuditViewer }) {
  return withConn(({ db }) =>
    db
      .selectDistinct({ id: users.id, displayName: users.displayName, username: sql<string | null>`case when ${actorInScopeOf(viewer)} then ${users.username} end` })
      .from(auditLog)
      .leftJoin(units, eq(units.id, auditLog.unitId))
      .innerJoin(users, eq(users.id, auditLog.actorId))
      .leftJoin(actorUnits, eq(actorUnits.id, users.scopeUnitId))
      .where(visibleTo(viewer))
      .orderBy(users.displayName, users.id),
  );
}

/** At most this many ids of one kind are looked up at once (a page of the log has 50 entries). */
const MAX_NAME_REFS = 500;
const ids = (xs: Iterable<number>) => [...new Set([...xs].filter((x) => Number.isSafeInteger(x) && x > 0))].slice(0, MAX_NAME_REFS);

/**
 * The names behind the ids a page of audit entries mentions (accounts, units,
 * counters, kiosks, question sets, evaluation periods and sheets), so the log
 * reads "Trung tâm Phục vụ hành chính công tỉnh" rather than "Đơn vị #12".
 * Only ids that appear in entries the viewer may read are asked for (the
 * caller collects them from listAuditEntries' rows); names are what posters
 * and screens already show, never a login or an e-mail address. An id whose
 * row is gone is simply absent. A period comes with its criteria's titles,
 * for the points an evaluation entry lists by criterion key.
 */
export async function listAuditNames(refs: AuditNameRefs): Promise<AuditNames> {
  const out: AuditNames = { users: new Map(), units: new Map(), counters: new Map(), kiosks: new Map(), questionSets: new Map(), periods: new Map(), sheets: new Map() };
  await withConn(async ({ db }) => {
    const userIds = ids(refs.users ?? []);
    if (userIds.length) for (const r of await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, userIds))) out.users.set(r.id, r.name);
    const unitIds = ids(refs.units ?? []);
    if (unitIds.length) for (const r of await db.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, unitIds))) out.units.set(r.id, r.name);
    const counterIds = ids(refs.counters ?? []);
    if (counterIds.length) {
      const rows = await db.select({ id: counters.id, name: counters.name, unitName: units.name }).from(counters).innerJoin(units, eq(units.id, counters.unitId)).where(inArray(counters.id, counterIds));
      for (const r of rows) out.counters.set(r.id, `${r.name} (${r.unitName})`);
    }
    const kioskIds = ids(refs.kiosks ?? []);
    if (kioskIds.length) for (const r of await db.select({ id: kiosks.id, name: kiosks.name }).from(kiosks).where(inArray(kiosks.id, kioskIds))) out.kiosks.set(r.id, r.name);
    const setIds = ids(refs.questionSets ?? []);
    if (setIds.length) for (const r of await db.select({ id: questionSets.id, name: questionSets.name }).from(questionSets).where(inArray(questionSets.id, setIds))) out.questionSets.set(r.id, r.name);
    const sheetIds = ids(refs.sheets ?? []);
    const periodIds = new Set(refs.periods ?? []);
    if (sheetIds.length) {
      const rows = await db
        .select({ id: evaluationSheets.id, periodId: evaluationSheets.periodId, unitName: units.name })
        .from(evaluationSheets)
        .innerJoin(units, eq(units.id, evaluationSheets.unitId))
        .where(inArray(evaluationSheets.id, sheetIds));
      for (const r of rows) {
        out.sheets.set(r.id, { unitName: r.unitName, periodId: r.periodId });
        periodIds.add(r.periodId);
      }
    }
    const pIds = ids(periodIds);
    if (pIds.length) {
      const rows = await db.select({ id: evaluationPeriods.id, name: evaluationPeriods.name, rubric: evaluationPeriods.rubric }).from(evaluationPeriods).where(inArray(evaluationPeriods.id, pIds));
      for (const r of rows) out.periods.set(r.id, { name: r.name, criteria: criterionTitlesOf(r.rubric) });
    }
  });
  return out;
}

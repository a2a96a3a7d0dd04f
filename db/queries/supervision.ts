import { and, asc, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Viewer } from '@/lib/auth/roles';
import { DEFAULT_ORGANISATIONS } from '@/lib/supervision';
import { evaluationPeriods, recommendations, supervisionVisits, supervisorOrganisations, units, users, type OrganisationKind, type RecommendationStatus } from '../schema';
import { transaction, withConn } from '../store';
import { createAuditEntry } from './audit';
import { inSubtree } from './unit-tree';

/**
 * Supervision (issue 15, docs/decisions/028): the organisations supervisors
 * belong to, their visits with findings, and the recommendations (kiến nghị)
 * the office head answers. Staff reads take the viewer and return only what
 * lies in their subtree; every change is audited in its transaction.
 */

type Scoped = Pick<Viewer, 'scopePath'>;

// ---------------------------------------------------------------------------
// Organisations

export type OrganisationRow = { id: number; name: string; kind: OrganisationKind; active: boolean; sortOrder: number };

const organisationFields = {
  id: supervisorOrganisations.id,
  name: supervisorOrganisations.name,
  kind: supervisorOrganisations.kind,
  active: supervisorOrganisations.active,
  sortOrder: supervisorOrganisations.sortOrder,
};

/**
 * The four organisations of docs/decisions/028 when the list is still empty
 * (a new installation, demo or not); several servers starting at once add
 * them once (the lock, and the unique name). Returns how many were added.
 */
export async function ensureDefaultOrganisations(): Promise<number> {
  return transaction(async (c) => {
    await c.lock('organisations:defaults');
    if (((await c.value<number>('select count(*) from supervisor_organisations')) ?? 0) > 0) return 0;
    let added = 0;
    for (const [i, o] of DEFAULT_ORGANISATIONS.entries()) {
      const rows = await c.db
        .insert(supervisorOrganisations)
        .values({ name: o.name, kind: o.kind, sortOrder: i + 1 })
        .onConflictDoNothing()
        .returning({ id: supervisorOrganisations.id });
      added += rows.length;
    }
    return added;
  });
}

/** Every organisation (administrators' list) or only the active ones (the account form), in list order. */
export async function listOrganisations({ activeOnly = false }: { activeOnly?: boolean } = {}): Promise<OrganisationRow[]> {
  return withConn(({ db }) =>
    db
      .select(organisationFields)
      .from(supervisorOrganisations)
      .where(activeOnly ? eq(supervisorOrganisations.active, true) : undefined)
      .orderBy(asc(supervisorOrganisations.sortOrder), asc(supervisorOrganisations.name)),
  );
}

export async function getOrganisation({ organisationId }: { organisationId: number }): Promise<OrganisationRow | null> {
  return withConn(async ({ db }) => {
    const [row] = await db.select(organisationFields).from(supervisorOrganisations).where(eq(supervisorOrganisations.id, organisationId)).limit(1);
    return row ?? null;
  });
}

/** The organisation a staff account belongs to (supervisors), or null. */
export async function getUserOrganisation({ userId }: { userId: number }): Promise<OrganisationRow | null> {
  return withConn(async ({ db }) => {
    const [row] = await db
      .select(organisationFields)
      .from(users)
      .innerJoin(supervisorOrganisations, eq(supervisorOrganisations.id, users.organisationId))
      .where(eq(users.id, userId))
      .limit(1);
    return row ?? null;
  });
}

/** Whether a name is taken by another organisation (names are unique). */
export async function isOrganisationNameTaken({ name, exceptId }: { name: string; exceptId?: number }): Promise<boolean> {
  return withConn(async ({ db }) => {
    const [row] = await db
      .select({ id: supervisorOrganisations.id })
      .from(supervisorOrganisations)
      .where(and(eq(supervisorOrganisations.name, name), exceptId ? sql`${supervisorOrganisations.id} <> ${exceptId}` : undefined))
      .limit(1);
    return Boolean(row);
  });
}

/** A new organisation at the end of the list; audited (the whole system's: unit null). */
export async function createOrganisation({ actorId, name, kind, now = new Date() }: { actorId: number; name: string; kind: OrganisationKind; now?: Date }): Promise<OrganisationRow> {
  return transaction(async (c) => {
    await c.lock('organisations:order');
    const order = (await c.value<number>('select coalesce(max(sort_order), 0) + 1 from supervisor_organisations')) ?? 1;
    const [row] = await c.db.insert(supervisorOrganisations).values({ name, kind, sortOrder: Number(order), createdAt: now }).returning(organisationFields);
    await createAuditEntry({ at: now, actorId, action: 'organisation.create', entityType: 'organisation', entityId: row!.id, unitId: null, after: row });
    return row!;
  });
}

/** Renames, re-kinds or (de)activates one; null when unknown. A deactivated organisation keeps its supervisors and what they wrote. */
export async function updateOrganisation({
  actorId,
  organisationId,
  changes,
  now = new Date(),
}: {
  actorId: number;
  organisationId: number;
  changes: { name: string; kind: OrganisationKind; active: boolean };
  now?: Date;
}): Promise<OrganisationRow | null> {
  return transaction(async (c) => {
    await c.lock(`organisation:${organisationId}`);
    const before = await getOrganisation({ organisationId });
    if (!before) return null;
    if (before.name === changes.name && before.kind === changes.kind && before.active === changes.active) return before;
    await c.db.update(supervisorOrganisations).set(changes).where(eq(supervisorOrganisations.id, organisationId));
    const after = (await getOrganisation({ organisationId }))!;
    await createAuditEntry({ at: now, actorId, action: 'organisation.update', entityType: 'organisation', entityId: organisationId, unitId: null, before, after });
    return after;
  });
}

// ---------------------------------------------------------------------------
// Visits and recommendations

/** Active offices (units with a survey code) of the viewer's subtree, in tree order: what a visit may be about. */
export async function listSupervisableOffices({ viewer }: { viewer: Scoped }): Promise<{ id: number; name: string; path: string }[]> {
  return withConn(({ db }) =>
    db
      .select({ id: units.id, name: units.name, path: units.path })
      .from(units)
      .where(and(inSubtree(viewer.scopePath), isNotNull(units.code), eq(units.active, true)))
      .orderBy(asc(units.path)),
  );
}

/** One active office in the viewer's subtree, or null. */
export async function getSupervisableOffice({ viewer, unitId }: { viewer: Scoped; unitId: number }): Promise<{ id: number; name: string; path: string } | null> {
  return withConn(async ({ db }) => {
    const [row] = await db
      .select({ id: units.id, name: units.name, path: units.path })
      .from(units)
      .where(and(eq(units.id, unitId), inSubtree(viewer.scopePath), isNotNull(units.code), eq(units.active, true)))
      .limit(1);
    return row ?? null;
  });
}

export type NewVisit = {
  unitId: number;
  periodId: number;
  organisationId: number;
  organisationName: string;
  visitedOn: string;
  findings: string;
  evidenceLinks: string[];
  recommendations: string[];
};

/** A visit with its recommendations, in one transaction, audited (entity 'supervision_visit', the office's). */
export async function createVisit({ actorId, visit, now = new Date() }: { actorId: number; visit: NewVisit; now?: Date }): Promise<number> {
  return transaction(async ({ db }) => {
    const [row] = await db
      .insert(supervisionVisits)
      .values({
        unitId: visit.unitId,
        periodId: visit.periodId,
        organisationId: visit.organisationId,
        visitedOn: visit.visitedOn,
        findings: visit.findings,
        evidenceLinks: visit.evidenceLinks.length ? visit.evidenceLinks.join('\n') : null,
        createdBy: actorId,
        createdAt: now,
      })
      .returning({ id: supervisionVisits.id });
    const visitId = row!.id;
    if (visit.recommendations.length) {
      await db
        .insert(recommendations)
        .values(visit.recommendations.map((text) => ({ visitId, unitId: visit.unitId, periodId: visit.periodId, text, createdAt: now, updatedAt: now })));
    }
    await createAuditEntry({
      at: now,
      actorId,
      action: 'supervision_visit.create',
      entityType: 'supervision_visit',
      entityId: visitId,
      unitId: visit.unitId,
      after: {
        periodId: visit.periodId,
        organisation: visit.organisationName,
        visitedOn: visit.visitedOn,
        findings: visit.findings,
        evidenceLinks: visit.evidenceLinks,
        recommendations: visit.recommendations,
      },
    });
    return visitId;
  });
}

export type RecommendationRow = {
  id: number;
  visitId: number;
  text: string;
  status: RecommendationStatus;
  answer: string | null;
  answeredAt: Date | null;
  answeredByName: string | null;
  doneAt: Date | null;
  doneByName: string | null;
};

export type VisitRow = {
  id: number;
  unitId: number;
  unitName: string;
  periodId: number;
  periodName: string;
  organisationName: string;
  visitedOn: string;
  findings: string;
  evidenceLinks: string[];
  createdByName: string;
  createdAt: Date;
  recommendations: RecommendationRow[];
};

/**
 * Visits about offices of the viewer's subtree, newest visit first, each
 * with its recommendations in the order written; optionally of one office,
 * one period, at most `limit`.
 */
export async function listVisits({ viewer, unitId, periodId, limit = 200 }: { viewer: Scoped; unitId?: number; periodId?: number; limit?: number }): Promise<VisitRow[]> {
  return withConn(async ({ db }) => {
    const visits = await db
      .select({
        id: supervisionVisits.id,
        unitId: supervisionVisits.unitId,
        unitName: units.name,
        periodId: supervisionVisits.periodId,
        periodName: evaluationPeriods.name,
        organisationName: supervisorOrganisations.name,
        visitedOn: supervisionVisits.visitedOn,
        findings: supervisionVisits.findings,
        evidenceLinks: supervisionVisits.evidenceLinks,
        createdByName: users.displayName,
        createdAt: supervisionVisits.createdAt,
      })
      .from(supervisionVisits)
      .innerJoin(units, eq(units.id, supervisionVisits.unitId))
      .innerJoin(evaluationPeriods, eq(evaluationPeriods.id, supervisionVisits.periodId))
      .innerJoin(supervisorOrganisations, eq(supervisorOrganisations.id, supervisionVisits.organisationId))
      .innerJoin(users, eq(users.id, supervisionVisits.createdBy))
      .where(
        and(
          inSubtree(viewer.scopePath),
          unitId ? eq(supervisionVisits.unitId, unitId) : undefined,
          periodId ? eq(supervisionVisits.periodId, periodId) : undefined,
        ),
      )
      .orderBy(desc(supervisionVisits.visitedOn), desc(supervisionVisits.id))
      .limit(limit);
    if (visits.length === 0) return [];
    const recs = await listRecommendationsOf(visits.map((v) => v.id));
    return visits.map((v) => ({
      ...v,
      evidenceLinks: v.evidenceLinks ? v.evidenceLinks.split('\n').filter(Boolean) : [],
      recommendations: recs.get(v.id) ?? [],
    }));
  });
}

async function listRecommendationsOf(visitIds: number[]): Promise<Map<number, RecommendationRow[]>> {
  const rows = await withConn(({ db }) =>
    db
      .select({
        id: recommendations.id,
        visitId: recommendations.visitId,
        text: recommendations.text,
        status: recommendations.status,
        answer: recommendations.answer,
        answeredAt: recommendations.answeredAt,
        answeredByName: sql<string | null>`(select display_name from users a where a.id = ${recommendations.answeredBy})`,
        doneAt: recommendations.doneAt,
        doneByName: sql<string | null>`(select display_name from users d where d.id = ${recommendations.doneBy})`,
      })
      .from(recommendations)
      .where(inArray(recommendations.visitId, visitIds))
      .orderBy(asc(recommendations.id)),
  );
  const out = new Map<number, RecommendationRow[]>();
  for (const r of rows) {
    const list = out.get(r.visitId) ?? [];
    list.push(r);
    out.set(r.visitId, list);
  }
  return out;
}

/** One recommendation of an office in the viewer's subtree, or null. */
export async function getRecommendation({ viewer, recommendationId }: { viewer: Scoped; recommendationId: number }) {
  return withConn(async ({ db }) => {
    const [row] = await db
      .select({ id: recommendations.id, unitId: recommendations.unitId, status: recommendations.status, answer: recommendations.answer, text: recommendations.text })
      .from(recommendations)
      .innerJoin(units, eq(units.id, recommendations.unitId))
      .where(and(eq(recommendations.id, recommendationId), inSubtree(viewer.scopePath)))
      .limit(1);
    return row ?? null;
  });
}

export type AnswerOutcome = { status: 'ok' } | { status: 'not_found' } | { status: 'done_already' };

/**
 * The head's answer to a recommendation (status 'answered'), and with
 * `done` its completion ('done'); a recommendation marked done is closed.
 * Under the recommendation's lock, audited with before and after.
 */
export async function answerRecommendation({
  viewer,
  recommendationId,
  answer,
  done,
  now = new Date(),
}: {
  viewer: Pick<Viewer, 'userId' | 'scopePath'>;
  recommendationId: number;
  answer: string;
  done: boolean;
  now?: Date;
}): Promise<AnswerOutcome> {
  return transaction(async (c) => {
    await c.lock(`recommendation:${recommendationId}`);
    const before = await getRecommendation({ viewer, recommendationId });
    if (!before) return { status: 'not_found' } as const;
    if (before.status === 'done') return { status: 'done_already' } as const;
    const status: RecommendationStatus = done ? 'done' : 'answered';
    await c.db
      .update(recommendations)
      .set({ answer, answeredBy: viewer.userId, answeredAt: now, status, updatedAt: now, ...(done ? { doneBy: viewer.userId, doneAt: now } : {}) })
      .where(eq(recommendations.id, recommendationId));
    await createAuditEntry({
      at: now,
      actorId: viewer.userId,
      action: done ? 'recommendation.done' : 'recommendation.answer',
      entityType: 'recommendation',
      entityId: recommendationId,
      unitId: before.unitId,
      before: { status: before.status, answer: before.answer },
      after: { status, answer },
    });
    return { status: 'ok' } as const;
  });
}

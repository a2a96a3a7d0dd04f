import { and, asc, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Viewer } from '@/lib/auth/roles';
import { answers, counters, dossiers, responses, units, type DossierSource } from '../schema';
import { withConn } from '../store';
import { inSubtree } from './unit-tree';

/**
 * Dossiers (issue 17, docs/decisions/027): statements only. Registering
 * (API or CSV) is decided in server/dossiers.ts inside one transaction:
 * resolve the office codes, find the codes already held, insert the new and
 * update the known. Reads for staff take the viewer and stay in its subtree.
 */

/** Statements carry at most this many rows (well under both engines' limits on parameters). */
const BATCH = 500;

function chunks<T>(xs: readonly T[], size = BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

/** An office or counter a survey code names, active, with the office's place in the tree. */
/** What a survey code names, with the names a registered dossier is shown with (DossierView). */
export type OfficeTarget = {
  code: string;
  unitId: number;
  unitPath: string;
  officeCode: string | null;
  officeName: string;
  counterId: number | null;
  counterName: string | null;
};

/**
 * The active offices and counters these survey codes name (one namespace,
 * lib/codes.ts). Codes of disabled or unknown targets are simply absent;
 * the caller decides scope from `unitPath`.
 */
export async function listOfficeTargets({ codes }: { codes: readonly string[] }): Promise<Map<string, OfficeTarget>> {
  const out = new Map<string, OfficeTarget>();
  const unique = [...new Set(codes)];
  await withConn(async ({ db }) => {
    for (const part of chunks(unique)) {
      const offices = await db
        .select({ code: units.code, unitId: units.id, unitPath: units.path, officeName: units.name })
        .from(units)
        .where(and(inArray(units.code, part), eq(units.active, true)));
      for (const o of offices) out.set(o.code!, { ...o, code: o.code!, officeCode: o.code, counterId: null, counterName: null });
      const rest = part.filter((c) => !out.has(c));
      if (!rest.length) continue;
      const counterRows = await db
        .select({ code: counters.code, unitId: units.id, unitPath: units.path, officeCode: units.code, officeName: units.name, counterId: counters.id, counterName: counters.name })
        .from(counters)
        .innerJoin(units, eq(units.id, counters.unitId))
        .where(and(inArray(counters.code, rest), eq(counters.active, true), eq(units.active, true)));
      for (const c of counterRows) out.set(c.code, c);
    }
  });
  return out;
}

/** A stored dossier as registration needs it: where it lives and its link's token. */
export type StoredDossier = { id: number; code: string; unitId: number; unitPath: string; counterId: number | null; token: string; source: DossierSource; createdAt: Date };

/** The dossiers holding these codes (any office: the caller checks scope). */
export async function listDossiersByCode({ codes }: { codes: readonly string[] }): Promise<Map<string, StoredDossier>> {
  const out = new Map<string, StoredDossier>();
  await withConn(async ({ db }) => {
    for (const part of chunks([...new Set(codes)])) {
      const rows = await db
        .select({ id: dossiers.id, code: dossiers.code, unitId: dossiers.unitId, unitPath: units.path, counterId: dossiers.counterId, token: dossiers.token, source: dossiers.source, createdAt: dossiers.createdAt })
        .from(dossiers)
        .innerJoin(units, eq(units.id, dossiers.unitId))
        .where(inArray(dossiers.code, part));
      for (const r of rows) out.set(r.code, r);
    }
  });
  return out;
}

export type NewDossier = {
  code: string;
  unitId: number;
  counterId: number | null;
  procedure: string;
  receivedAt: Date;
  dueAt: Date | null;
  returnedAt: Date | null;
  token: string;
  source: DossierSource;
  integrationId: number | null;
  createdBy: number | null;
};

/**
 * Inserts dossiers in batches; a code another transaction stored meanwhile is
 * skipped (not an error): the returned map holds the ids of the rows this
 * call inserted, by code, and the caller treats the others as known.
 */
export async function insertDossiers({ rows, now }: { rows: readonly NewDossier[]; now: Date }): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  await withConn(async ({ db }) => {
    for (const part of chunks(rows)) {
      const inserted = await db
        .insert(dossiers)
        .values(part.map((r) => ({ ...r, createdAt: now, updatedAt: now })))
        .onConflictDoNothing({ target: dossiers.code })
        .returning({ id: dossiers.id, code: dossiers.code });
      for (const r of inserted) out.set(r.code, r.id);
    }
  });
  return out;
}

const UPDATE_SQL = `update dossiers set counter_id = ?, procedure = ?, received_at = ?, due_at = ?, returned_at = ?, updated_at = ? where id = ?`;

/**
 * New times, procedure and counter for known dossiers (registering a code
 * again). Sent without waiting for each answer on PostgreSQL (Conn.runDeferred):
 * a re-import of 10,000 rows is not 10,000 round trips.
 */
export async function updateDossiers({
  rows,
  now,
}: {
  rows: readonly { id: number; counterId: number | null; procedure: string; receivedAt: Date; dueAt: Date | null; returnedAt: Date | null }[];
  now: Date;
}): Promise<void> {
  if (!rows.length) return;
  await withConn(async (c) => {
    for (const r of rows) {
      await c.runDeferred(UPDATE_SQL, [r.counterId, r.procedure, r.receivedAt.getTime(), r.dueAt?.getTime() ?? null, r.returnedAt?.getTime() ?? null, now.getTime(), r.id]);
    }
  });
}

/** A dossier as the API and the staff pages show it. */
export type DossierView = {
  id: number;
  code: string;
  unitId: number;
  unitPath: string;
  officeName: string;
  officeCode: string | null;
  counterName: string | null;
  procedure: string;
  receivedAt: Date;
  dueAt: Date | null;
  returnedAt: Date | null;
  token: string;
  source: DossierSource;
  createdAt: Date;
  updatedAt: Date;
};

const viewFields = {
  id: dossiers.id,
  code: dossiers.code,
  unitId: dossiers.unitId,
  unitPath: units.path,
  officeName: units.name,
  officeCode: units.code,
  counterName: counters.name,
  procedure: dossiers.procedure,
  receivedAt: dossiers.receivedAt,
  dueAt: dossiers.dueAt,
  returnedAt: dossiers.returnedAt,
  token: dossiers.token,
  source: dossiers.source,
  createdAt: dossiers.createdAt,
  updatedAt: dossiers.updatedAt,
};

/** The dossier with this code if its office lies under `scopePath` (a key's or a viewer's subtree), else null. */
export async function getDossierByCode({ code, scopePath }: { code: string; scopePath: string }): Promise<DossierView | null> {
  return withConn(async ({ db }) => {
    const [row] = await db
      .select(viewFields)
      .from(dossiers)
      .innerJoin(units, eq(units.id, dossiers.unitId))
      .leftJoin(counters, eq(counters.id, dossiers.counterId))
      .where(and(eq(dossiers.code, code), inSubtree(scopePath)))
      .limit(1);
    return row ?? null;
  });
}

/** The rating given through a dossier's link: when, and its scale answers; null while unrated. */
export type DossierRating = { responseId: number; ratedAt: Date; scores: { questionKey: string; score: number }[] };

export async function getDossierRating({ dossierId }: { dossierId: number }): Promise<DossierRating | null> {
  return withConn(async ({ db }) => {
    const [response] = await db.select({ id: responses.id, ratedAt: responses.submittedAt }).from(responses).where(eq(responses.dossierId, dossierId)).limit(1);
    if (!response) return null;
    const rows = await db
      .select({ questionKey: answers.questionKey, score: answers.score })
      .from(answers)
      .where(and(eq(answers.responseId, response.id), sql`${answers.score} is not null`))
      .orderBy(asc(answers.id));
    return { responseId: response.id, ratedAt: response.ratedAt, scores: rows.map((r) => ({ questionKey: r.questionKey, score: r.score! })) };
  });
}

export const DOSSIER_PAGE_SIZE = 200;

/**
 * Dossiers of the viewer's subtree (optionally one unit and what lies below
 * it), newest registration first: those of one import (`updatedAt`, the
 * instant every row of an import was written with) or received in
 * `[from, to)`. At most `limit` (the sticker sheet prints them all: 2,000).
 */
export async function listDossiers({
  viewer,
  unitPath,
  updatedAt,
  from,
  to,
  limit = DOSSIER_PAGE_SIZE,
}: {
  viewer: Pick<Viewer, 'scopePath'>;
  unitPath?: string | null;
  updatedAt?: Date | null;
  from?: Date | null;
  to?: Date | null;
  limit?: number;
}): Promise<DossierView[]> {
  const where = [inSubtree(viewer.scopePath)];
  if (unitPath && unitPath.startsWith(viewer.scopePath)) where.push(inSubtree(unitPath));
  if (updatedAt) where.push(eq(dossiers.updatedAt, updatedAt));
  if (from) where.push(gte(dossiers.receivedAt, from));
  if (to) where.push(lt(dossiers.receivedAt, to));
  return withConn(({ db }) =>
    db
      .select(viewFields)
      .from(dossiers)
      .innerJoin(units, eq(units.id, dossiers.unitId))
      .leftJoin(counters, eq(counters.id, dossiers.counterId))
      .where(and(...where))
      .orderBy(desc(dossiers.updatedAt), asc(dossiers.code))
      .limit(limit),
  );
}

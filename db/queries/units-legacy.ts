/**
 * TRANSITIONAL (issue 12): synchronous copies of the unit queries for the
 * callers that still hold the legacy SQLite handle (db/seed.ts and
 * scripts/seed.ts, server/survey.ts, server/dashboard.ts,
 * server/evaluation.ts, scripts/create-admin.ts) until their own groups move
 * them to the async functions of units.ts and unit-tree.ts. Delete this file
 * with db/client.ts.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { foldForSearch } from '@/lib/text';
import { SURVEY_CODE_LENGTH } from '@/lib/codes';
import type { Db } from '../client';
import { newCode } from '../ids';
import { counters, procedureFields, units } from '../schema';
import { activeVersionIdSql } from './question-sets';
import { perConnection } from './survey-cache';
import type { SurveyTarget } from './units';
import { inSubtree, treeNodeFields } from './unit-tree';
import type { Viewer } from '@/lib/auth/roles';
import { sortInTreeOrder } from '@/lib/unit-tree';

export type CreateUnitInput = {
  parentId: number | null;
  kind: string;
  name: string;
  address?: string | null;
  /** True gives the unit a survey code, so it takes ratings. */
  rateable: boolean;
  sortOrder?: number;
  /** Only for seeding fixed demo codes. */
  code?: string;
};

/** Creates a unit under its parent; its path and search name are derived here, never by callers. */
export function createUnit(db: Db, input: CreateUnitInput) {
  return db.transaction((tx) => {
    const parent = input.parentId == null ? null : tx.select({ path: units.path }).from(units).where(eq(units.id, input.parentId)).get();
    if (input.parentId != null && !parent) throw new Error(`parent unit ${input.parentId} not found`);
    const row = tx
      .insert(units)
      .values({
        parentId: input.parentId,
        path: '/',
        kind: input.kind,
        name: input.name,
        searchName: foldForSearch(input.name),
        address: input.address ?? null,
        code: input.rateable ? (input.code ?? uniqueSurveyCode(tx as unknown as Db)) : null,
        sortOrder: input.sortOrder ?? 0,
      })
      .returning()
      .all()[0]!;
    const path = `${parent?.path ?? '/'}${row.id}/`;
    tx.update(units).set({ path }).where(eq(units.id, row.id)).run();
    return { ...row, path };
  });
}

export function createCounter(db: Db, input: { unitId: number; name: string; sortOrder?: number; code?: string }) {
  return db
    .insert(counters)
    .values({ unitId: input.unitId, name: input.name, sortOrder: input.sortOrder ?? 0, code: input.code ?? uniqueSurveyCode(db) })
    .returning()
    .all()[0]!;
}

export function createProcedureField(db: Db, input: { unitId: number; name: string; sortOrder?: number }) {
  return db.insert(procedureFields).values(input).returning().all()[0]!;
}

/** A code no office or counter uses yet: survey codes share one namespace across both. */
export function uniqueSurveyCode(db: Db): string {
  for (;;) {
    const code = newCode(SURVEY_CODE_LENGTH);
    const taken =
      db.select({ id: units.id }).from(units).where(eq(units.code, code)).get() ??
      db.select({ id: counters.id }).from(counters).where(eq(counters.code, code)).get();
    if (!taken) return code;
  }
}

type SurveyTargetRow = {
  unitId: number;
  unitName: string;
  unitPath: string;
  questionSetId: number | null;
  parentName: string | null;
  counterId: number | null;
  counterName: string | null;
};

// Survey codes share one namespace, so at most one branch matches; an office's own code goes first all the same.
const SURVEY_TARGET_SQL = `
  select 0 as rank, u.id as unitId, u.name as unitName, u.path as unitPath, u.question_set_id as questionSetId,
         p.name as parentName, null as counterId, null as counterName
  from units u left join units p on p.id = u.parent_id
  where u.code = @code and u.active = 1
  union all
  select 1, u.id, u.name, u.path, u.question_set_id, p.name, c.id, c.name
  from counters c join units u on u.id = c.unit_id left join units p on p.id = u.parent_id
  where c.code = @code and c.active = 1 and u.active = 1
  order by rank limit 1`;

// The survey's hot path: prepared once per connection (survey-cache.ts), never rebuilt per request.
const statements = perConnection((sqlite) => ({
  surveyTarget: sqlite.prepare<[{ code: string }], SurveyTargetRow>(SURVEY_TARGET_SQL),
  surveyTargetAndVersion: sqlite.prepare<[{ code: string }], SurveyTargetRow & { versionId: number | null }>(
    `select t.*, ${activeVersionIdSql('t.unitPath')} as versionId from (${SURVEY_TARGET_SQL}) t`,
  ),
  procedureFields: sqlite.prepare<[number], { id: number; name: string }>(
    'select id, name from procedure_fields where unit_id = ? and active = 1 order by sort_order, name',
  ),
}));

/**
 * Resolves a QR code to the office (and counter) it rates. Disabled offices
 * and counters resolve to null, exactly like unknown codes.
 */
export function getSurveyTarget(db: Db, { code }: { code: string }): SurveyTarget | null {
  const row = statements(db).surveyTarget.get({ code });
  return row ? toSurveyTarget(code, row) : null;
}

/**
 * `getSurveyTarget` and the id of the question-set version its office uses now
 * (question-sets.ts), in one statement: the survey reads both on every request.
 */
export function getSurveyTargetAndVersionId(db: Db, { code }: { code: string }): { target: SurveyTarget; versionId: number | null } | null {
  const row = statements(db).surveyTargetAndVersion.get({ code });
  return row ? { target: toSurveyTarget(code, row), versionId: row.versionId } : null;
}

function toSurveyTarget(code: string, row: SurveyTargetRow): SurveyTarget {
  return {
    code,
    unit: { id: row.unitId, name: row.unitName, path: row.unitPath, questionSetId: row.questionSetId, parentName: row.parentName },
    counter: row.counterId == null ? null : { id: row.counterId, name: row.counterName! },
  };
}

/** The procedure fields an office offers now, in display order. */
export function listProcedureFields(db: Db, { unitId }: { unitId: number }): { id: number; name: string }[] {
  return statements(db).procedureFields.all(unitId);
}

export function countUnits(db: Db): number {
  return db.select({ n: sql<number>`count(*)` }).from(units).get()!.n;
}


/** The root units (usually one province), for first-run set-up and the demo accounts. */
export function listRootUnits(db: Db) {
  return db.select({ id: units.id, name: units.name, path: units.path }).from(units).where(sql`${units.parentId} is null`).orderBy(asc(units.id)).all();
}

/**
 * Every unit in the viewer's subtree (disabled ones too, flagged), in tree
 * order, with its depth below the viewer's scope root: for tree views and
 * unit pickers.
 */
export function listUnitsInScope(db: Db, { viewer }: { viewer: Pick<Viewer, 'scopePath'> }) {
  const rows = db
    .select({ ...treeNodeFields, path: units.path, kind: units.kind })
    .from(units)
    .where(inSubtree(viewer.scopePath))
    .all();
  const rootDepth = viewer.scopePath.split('/').filter(Boolean).length;
  return sortInTreeOrder(rows).map((u) => ({ ...u, depth: u.path.split('/').filter(Boolean).length - rootDepth }));
}

/** One unit if it lies in the viewer's subtree, else null (callers answer 404). */
export function getUnitInScope(db: Db, { viewer, unitId }: { viewer: Pick<Viewer, 'scopePath'>; unitId: number }) {
  return (
    db
      .select({ id: units.id, parentId: units.parentId, path: units.path, kind: units.kind, name: units.name, code: units.code, active: units.active, address: units.address, sortOrder: units.sortOrder })
      .from(units)
      .where(and(eq(units.id, unitId), inSubtree(viewer.scopePath)))
      .get() ?? null
  );
}

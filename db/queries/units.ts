import { and, asc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { foldForSearch } from '@/lib/text';
import { SURVEY_CODE_LENGTH } from '@/lib/codes';
import type { Db } from '../client';
import { newCode } from '../ids';
import { counters, procedureFields, units } from '../schema';

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

/** Survey codes share one namespace across offices and counters. */
function uniqueSurveyCode(db: Db): string {
  for (;;) {
    const code = newCode(SURVEY_CODE_LENGTH);
    const taken =
      db.select({ id: units.id }).from(units).where(eq(units.code, code)).get() ??
      db.select({ id: counters.id }).from(counters).where(eq(counters.code, code)).get();
    if (!taken) return code;
  }
}

const parents = alias(units, 'parents');

export type SurveyTarget = {
  code: string;
  /** `parentName` is the unit above the office (its province, commune…), null at the root. */
  unit: { id: number; name: string; path: string; questionSetId: number | null; parentName: string | null };
  counter: { id: number; name: string } | null;
};

/**
 * Resolves a QR code to the office (and counter) it rates. Disabled offices
 * and counters resolve to null, exactly like unknown codes.
 */
export function getSurveyTarget(db: Db, { code }: { code: string }): SurveyTarget | null {
  const unitFields = { id: units.id, name: units.name, path: units.path, questionSetId: units.questionSetId, parentName: parents.name };
  const office = db
    .select(unitFields)
    .from(units)
    .leftJoin(parents, eq(parents.id, units.parentId))
    .where(and(eq(units.code, code), eq(units.active, true)))
    .get();
  if (office) return { code, unit: office, counter: null };
  const row = db
    .select({ unit: unitFields, counter: { id: counters.id, name: counters.name } })
    .from(counters)
    .innerJoin(units, eq(units.id, counters.unitId))
    .leftJoin(parents, eq(parents.id, units.parentId))
    .where(and(eq(counters.code, code), eq(counters.active, true), eq(units.active, true)))
    .get();
  return row ? { code, ...row } : null;
}

export function listProcedureFields(db: Db, { unitId }: { unitId: number }) {
  return db
    .select({ id: procedureFields.id, name: procedureFields.name })
    .from(procedureFields)
    .where(and(eq(procedureFields.unitId, unitId), eq(procedureFields.active, true)))
    .orderBy(asc(procedureFields.sortOrder), asc(procedureFields.name))
    .all();
}

export function countUnits(db: Db): number {
  return db.select({ n: sql<number>`count(*)` }).from(units).get()!.n;
}


/** The root units (usually one province), for first-run set-up and the demo accounts. */
export function listRootUnits(db: Db) {
  return db.select({ id: units.id, name: units.name, path: units.path }).from(units).where(sql`${units.parentId} is null`).orderBy(asc(units.id)).all();
}

export function getUnitIdByCode(db: Db, { code }: { code: string }): number | null {
  return db.select({ id: units.id }).from(units).where(eq(units.code, code)).get()?.id ?? null;
}

export function getUnitIdByName(db: Db, { name }: { name: string }): number | null {
  return db.select({ id: units.id }).from(units).where(eq(units.name, name)).orderBy(asc(units.id)).get()?.id ?? null;
}

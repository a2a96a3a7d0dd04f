import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Viewer } from '@/lib/auth/roles';
import { parseOpeningHours, resolveOpeningHours, type OpeningHours } from '@/lib/opening-hours';
import { foldForSearch } from '@/lib/text';
import type { Db } from '../client';
import { counters, procedureFields, units } from '../schema';
import { createAuditEntry } from './audit';
import { listPosterTargets, type PosterTarget } from './posters';
import { getUnitInScope, inSubtree, listUnitsInScope } from './unit-tree';
import { createCounter, createProcedureField, createUnit, uniqueSurveyCode } from './units';

/**
 * Administration of the unit tree, its counters and procedure fields.
 *
 * Every function takes the acting viewer and checks the scope again inside
 * its own transaction: anything outside the viewer's subtree answers null
 * (callers say "not found", never "forbidden"), and nothing is written. Every
 * change writes its audit entry, with the values before and after, in the
 * same transaction. Nothing is ever deleted: units, counters and fields are
 * disabled, so history and printed QR codes keep their meaning.
 */

type Actor = Pick<Viewer, 'userId' | 'scopePath'>;

/** A drizzle transaction offers the query API of the database; the scoped readers take either. */
const asDb = (tx: unknown) => tx as Db;

const unitSnapshot = (u: { name: string; address: string | null; kind: string; code: string | null; parentId: number | null; path: string; active: boolean; sortOrder: number }) => ({
  name: u.name,
  address: u.address,
  kind: u.kind,
  code: u.code,
  parentId: u.parentId,
  path: u.path,
  active: u.active,
  sortOrder: u.sortOrder,
});

// ---------------------------------------------------------------- reads

/** The viewer's subtree in tree order, each unit with its depth and its number of active counters. */
export function listUnitsForAdmin(db: Db, { viewer }: { viewer: Pick<Viewer, 'scopePath'> }) {
  const counts = db
    .select({ unitId: counters.unitId, n: sql<number>`count(*)` })
    .from(counters)
    .innerJoin(units, eq(units.id, counters.unitId))
    .where(and(inSubtree(viewer.scopePath), eq(counters.active, true)))
    .groupBy(counters.unitId)
    .all();
  const byUnit = new Map(counts.map((c) => [c.unitId, c.n]));
  return listUnitsInScope(db, { viewer }).map((u) => ({ ...u, counterCount: byUnit.get(u.id) ?? 0 }));
}

export type UnitForAdmin = NonNullable<ReturnType<typeof getUnitForAdmin>>;

/**
 * One unit of the viewer's subtree with everything its administration page
 * shows: the way down to it from the scope root, its counters and procedure
 * fields (disabled ones too), and the units it may be moved under (any unit
 * in scope except itself and its own subtree). Null outside the scope.
 */
export function getUnitForAdmin(db: Db, { viewer, unitId }: { viewer: Pick<Viewer, 'scopePath'>; unitId: number }) {
  const unit = getUnitInScope(db, { viewer, unitId });
  if (!unit) return null;
  const all = listUnitsInScope(db, { viewer });
  const ancestorIds = new Set(unit.path.split('/').filter(Boolean).map(Number));
  ancestorIds.delete(unit.id);
  return {
    unit,
    ancestors: all.filter((u) => ancestorIds.has(u.id)).map((u) => ({ id: u.id, name: u.name })),
    moveTargets: all.filter((u) => !u.path.startsWith(unit.path)).map((u) => ({ id: u.id, name: u.name, depth: u.depth, active: u.active })),
    counters: db
      .select({ id: counters.id, name: counters.name, code: counters.code, active: counters.active, sortOrder: counters.sortOrder })
      .from(counters)
      .where(eq(counters.unitId, unit.id))
      .orderBy(asc(counters.sortOrder), asc(counters.name), asc(counters.id))
      .all(),
    procedureFields: db
      .select({ id: procedureFields.id, name: procedureFields.name, active: procedureFields.active, sortOrder: procedureFields.sortOrder })
      .from(procedureFields)
      .where(eq(procedureFields.unitId, unit.id))
      .orderBy(asc(procedureFields.sortOrder), asc(procedureFields.name), asc(procedureFields.id))
      .all(),
  };
}

export type PosterUnit = {
  unitId: number;
  name: string;
  parentName: string | null;
  /** The office-wide code, null when only its counters take ratings. */
  code: string | null;
  counters: { id: number; code: string; name: string }[];
};

/**
 * The units of the viewer's subtree that have posters to print, in tree
 * order: active rateable units and active units with active counters, by the
 * same rule as the posters themselves (`listPosterTargets`).
 */
export function listPosterUnitsInScope(db: Db, { viewer }: { viewer: Pick<Viewer, 'scopeUnitId'> }): PosterUnit[] {
  const targets: PosterTarget[] = listPosterTargets(db, { unitId: viewer.scopeUnitId })?.targets ?? [];
  const out: PosterUnit[] = [];
  for (const t of targets) {
    let unit = out.at(-1);
    if (unit?.unitId !== t.unitId) {
      unit = { unitId: t.unitId, name: t.officeName, parentName: t.parentName, code: null, counters: [] };
      out.push(unit);
    }
    if (t.counterId == null) unit.code = t.code;
    else unit.counters.push({ id: t.counterId, code: t.code, name: t.counterName ?? '' });
  }
  return out;
}

// ---------------------------------------------------------------- units

/** Creates a unit under a parent in the viewer's subtree; a rateable one gets a survey code. */
export function createUnitInScope(
  db: Db,
  input: { viewer: Actor; parentId: number; kind: string; name: string; address: string | null; rateable: boolean },
) {
  const { viewer, ...fields } = input;
  return db.transaction((tx) => {
    if (!getUnitInScope(asDb(tx), { viewer, unitId: fields.parentId })) return null;
    const row = createUnit(asDb(tx), fields);
    createAuditEntry(tx, { actorId: viewer.userId, action: 'unit.create', entityType: 'unit', entityId: row.id, after: unitSnapshot(row) });
    return row;
  });
}

/** Renames a unit (name, address, order among its siblings). Its code never changes. */
export function renameUnit(
  db: Db,
  { viewer, unitId, name, address, sortOrder }: { viewer: Actor; unitId: number; name: string; address: string | null; sortOrder: number },
) {
  return db.transaction((tx) => {
    const before = getUnitInScope(asDb(tx), { viewer, unitId });
    if (!before) return null;
    if (before.name === name && before.address === address && before.sortOrder === sortOrder) return before;
    tx.update(units).set({ name, searchName: foldForSearch(name), address, sortOrder }).where(eq(units.id, unitId)).run();
    const after = getUnitInScope(asDb(tx), { viewer, unitId })!;
    createAuditEntry(tx, {
      actorId: viewer.userId,
      action: 'unit.rename',
      entityType: 'unit',
      entityId: unitId,
      before: { name: before.name, address: before.address, sortOrder: before.sortOrder },
      after: { name: after.name, address: after.address, sortOrder: after.sortOrder },
    });
    return after;
  });
}

export type MoveUnitResult =
  | { status: 'moved' | 'unchanged'; unit: NonNullable<ReturnType<typeof getUnitInScope>> }
  /** The new parent is the unit itself or lies below it: the tree would become a loop. */
  | { status: 'into_own_subtree' };

/**
 * Moves a unit, with its whole subtree, under another unit of the viewer's
 * subtree: every path below it is rewritten in one statement of the same
 * transaction. Codes do not change, so printed posters keep working. Null
 * when either unit lies outside the scope.
 */
export function moveUnit(db: Db, { viewer, unitId, parentId }: { viewer: Actor; unitId: number; parentId: number }): MoveUnitResult | null {
  return db.transaction((tx) => {
    const unit = getUnitInScope(asDb(tx), { viewer, unitId });
    const parent = getUnitInScope(asDb(tx), { viewer, unitId: parentId });
    if (!unit || !parent) return null;
    if (parent.path.startsWith(unit.path)) return { status: 'into_own_subtree' } as const;
    if (unit.parentId === parent.id) return { status: 'unchanged', unit } as const;

    const newPath = `${parent.path}${unit.id}/`;
    const { changes } = tx
      .update(units)
      .set({ path: sql`${newPath} || substr(${units.path}, ${unit.path.length + 1})` })
      .where(inSubtree(unit.path))
      .run();
    tx.update(units).set({ parentId: parent.id }).where(eq(units.id, unit.id)).run();
    const oldParentName =
      unit.parentId == null ? null : (tx.select({ name: units.name }).from(units).where(eq(units.id, unit.parentId)).get()?.name ?? null);
    createAuditEntry(tx, {
      actorId: viewer.userId,
      action: 'unit.move',
      entityType: 'unit',
      entityId: unit.id,
      before: { parentId: unit.parentId, parentName: oldParentName, path: unit.path },
      after: { parentId: parent.id, parentName: parent.name, path: newPath, unitsMoved: changes },
    });
    return { status: 'moved', unit: getUnitInScope(asDb(tx), { viewer, unitId })! } as const;
  });
}

/**
 * Disables or enables a unit. A disabled unit's code and its counters' codes
 * are refused by the survey and the posters; the units below it are not touched.
 */
export function setUnitActive(db: Db, { viewer, unitId, active }: { viewer: Actor; unitId: number; active: boolean }) {
  return db.transaction((tx) => {
    const before = getUnitInScope(asDb(tx), { viewer, unitId });
    if (!before) return null;
    if (before.active === active) return before;
    tx.update(units).set({ active }).where(eq(units.id, unitId)).run();
    createAuditEntry(tx, {
      actorId: viewer.userId,
      action: active ? 'unit.enable' : 'unit.disable',
      entityType: 'unit',
      entityId: unitId,
      before: { active: before.active },
      after: { active },
    });
    return { ...before, active };
  });
}

/** Gives a unit a survey code so it takes ratings. A unit that has one keeps it. */
export function makeUnitRateable(db: Db, { viewer, unitId }: { viewer: Actor; unitId: number }) {
  return db.transaction((tx) => {
    const before = getUnitInScope(asDb(tx), { viewer, unitId });
    if (!before) return null;
    if (before.code != null) return before;
    const code = uniqueSurveyCode(asDb(tx));
    tx.update(units).set({ code }).where(eq(units.id, unitId)).run();
    createAuditEntry(tx, {
      actorId: viewer.userId,
      action: 'unit.make_rateable',
      entityType: 'unit',
      entityId: unitId,
      before: { code: null },
      after: { code },
    });
    return { ...before, code };
  });
}

// ---------------------------------------------------------------- counters

function getCounterInScope(db: Db, { viewer, counterId }: { viewer: Pick<Viewer, 'scopePath'>; counterId: number }) {
  return (
    db
      .select({ id: counters.id, unitId: counters.unitId, code: counters.code, name: counters.name, active: counters.active, sortOrder: counters.sortOrder })
      .from(counters)
      .innerJoin(units, eq(units.id, counters.unitId))
      .where(and(eq(counters.id, counterId), inSubtree(viewer.scopePath)))
      .get() ?? null
  );
}

/** Adds a counter, with its own survey code, after the unit's last counter. */
export function createCounterInScope(db: Db, { viewer, unitId, name }: { viewer: Actor; unitId: number; name: string }) {
  return db.transaction((tx) => {
    if (!getUnitInScope(asDb(tx), { viewer, unitId })) return null;
    const last = tx.select({ n: sql<number | null>`max(${counters.sortOrder})` }).from(counters).where(eq(counters.unitId, unitId)).get()?.n;
    const row = createCounter(asDb(tx), { unitId, name, sortOrder: (last ?? -1) + 1 });
    createAuditEntry(tx, {
      actorId: viewer.userId,
      action: 'counter.create',
      entityType: 'counter',
      entityId: row.id,
      after: { unitId, name: row.name, code: row.code, sortOrder: row.sortOrder },
    });
    return row;
  });
}

/** Renames a counter; its code never changes. */
export function renameCounter(
  db: Db,
  { viewer, counterId, name, sortOrder }: { viewer: Actor; counterId: number; name: string; sortOrder: number },
) {
  return db.transaction((tx) => {
    const before = getCounterInScope(asDb(tx), { viewer, counterId });
    if (!before) return null;
    if (before.name === name && before.sortOrder === sortOrder) return before;
    tx.update(counters).set({ name, sortOrder }).where(eq(counters.id, counterId)).run();
    createAuditEntry(tx, {
      actorId: viewer.userId,
      action: 'counter.rename',
      entityType: 'counter',
      entityId: counterId,
      before: { name: before.name, sortOrder: before.sortOrder },
      after: { name, sortOrder },
    });
    return { ...before, name, sortOrder };
  });
}

/** A disabled counter's code is refused by the survey and the posters. */
export function setCounterActive(db: Db, { viewer, counterId, active }: { viewer: Actor; counterId: number; active: boolean }) {
  return db.transaction((tx) => {
    const before = getCounterInScope(asDb(tx), { viewer, counterId });
    if (!before) return null;
    if (before.active === active) return before;
    tx.update(counters).set({ active }).where(eq(counters.id, counterId)).run();
    createAuditEntry(tx, {
      actorId: viewer.userId,
      action: active ? 'counter.enable' : 'counter.disable',
      entityType: 'counter',
      entityId: counterId,
      before: { active: before.active },
      after: { active },
    });
    return { ...before, active };
  });
}

// ---------------------------------------------------------------- procedure fields

function getProcedureFieldInScope(db: Db, { viewer, fieldId }: { viewer: Pick<Viewer, 'scopePath'>; fieldId: number }) {
  return (
    db
      .select({
        id: procedureFields.id,
        unitId: procedureFields.unitId,
        name: procedureFields.name,
        active: procedureFields.active,
        sortOrder: procedureFields.sortOrder,
      })
      .from(procedureFields)
      .innerJoin(units, eq(units.id, procedureFields.unitId))
      .where(and(eq(procedureFields.id, fieldId), inSubtree(viewer.scopePath)))
      .get() ?? null
  );
}

/** Adds a procedure field (lĩnh vực) to the unit's pick-list, after its last one. */
export function createProcedureFieldInScope(db: Db, { viewer, unitId, name }: { viewer: Actor; unitId: number; name: string }) {
  return db.transaction((tx) => {
    if (!getUnitInScope(asDb(tx), { viewer, unitId })) return null;
    const last = tx
      .select({ n: sql<number | null>`max(${procedureFields.sortOrder})` })
      .from(procedureFields)
      .where(eq(procedureFields.unitId, unitId))
      .get()?.n;
    const row = createProcedureField(asDb(tx), { unitId, name, sortOrder: (last ?? -1) + 1 });
    createAuditEntry(tx, {
      actorId: viewer.userId,
      action: 'procedure_field.create',
      entityType: 'procedure_field',
      entityId: row.id,
      after: { unitId, name: row.name, sortOrder: row.sortOrder },
    });
    return row;
  });
}

/** Renames a procedure field; responses keep pointing at it by id. */
export function renameProcedureField(
  db: Db,
  { viewer, fieldId, name, sortOrder }: { viewer: Actor; fieldId: number; name: string; sortOrder: number },
) {
  return db.transaction((tx) => {
    const before = getProcedureFieldInScope(asDb(tx), { viewer, fieldId });
    if (!before) return null;
    if (before.name === name && before.sortOrder === sortOrder) return before;
    tx.update(procedureFields).set({ name, sortOrder }).where(eq(procedureFields.id, fieldId)).run();
    createAuditEntry(tx, {
      actorId: viewer.userId,
      action: 'procedure_field.rename',
      entityType: 'procedure_field',
      entityId: fieldId,
      before: { name: before.name, sortOrder: before.sortOrder },
      after: { name, sortOrder },
    });
    return { ...before, name, sortOrder };
  });
}

/** A disabled field leaves the survey's pick-list; past responses keep it. */
export function setProcedureFieldActive(db: Db, { viewer, fieldId, active }: { viewer: Actor; fieldId: number; active: boolean }) {
  return db.transaction((tx) => {
    const before = getProcedureFieldInScope(asDb(tx), { viewer, fieldId });
    if (!before) return null;
    if (before.active === active) return before;
    tx.update(procedureFields).set({ active }).where(eq(procedureFields.id, fieldId)).run();
    createAuditEntry(tx, {
      actorId: viewer.userId,
      action: active ? 'procedure_field.enable' : 'procedure_field.disable',
      entityType: 'procedure_field',
      entityId: fieldId,
      before: { active: before.active },
      after: { active },
    });
    return { ...before, active };
  });
}


// ---------------------------------------------------------------- opening hours

export type UnitOpeningHours = {
  /** The unit's own hours; null when it takes those of the unit above. */
  own: OpeningHours | null;
  /** What applies: its own, else the nearest ancestor's, else the default. */
  effective: OpeningHours;
  /** What it takes from above when it has no hours of its own ("inherit"): the nearest ancestor's, else the default. */
  inherited: OpeningHours;
  /** Whose hours those are: an ancestor's name, or null for the default. */
  inheritedFrom: string | null;
};

/**
 * A unit's opening hours (docs/abuse-rules.md, "Kiosks": kiosk ratings tapped
 * outside them are flagged) with what it inherits. The ancestors are read
 * even above the viewer's scope: an office head sees which hours apply to
 * their office. Null when the unit lies outside the scope.
 */
export function getUnitOpeningHours(db: Db, { viewer, unitId }: { viewer: Pick<Viewer, 'scopePath'>; unitId: number }): UnitOpeningHours | null {
  const unit = getUnitInScope(db, { viewer, unitId });
  if (!unit) return null;
  const ids = unit.path.split('/').filter(Boolean).map(Number);
  const chain = db
    .select({ id: units.id, name: units.name, path: units.path, openingHours: units.openingHours })
    .from(units)
    .where(inArray(units.id, ids))
    .all()
    .sort((a, b) => b.path.length - a.path.length);
  const own = parseOpeningHours(chain.find((u) => u.id === unit.id)?.openingHours ?? null);
  const from = chain.find((u) => u.id !== unit.id && parseOpeningHours(u.openingHours) !== null) ?? null;
  const inherited = resolveOpeningHours(chain.filter((u) => u.id !== unit.id).map((u) => u.openingHours));
  return { own, effective: own ?? inherited, inherited, inheritedFrom: from?.name ?? null };
}

/**
 * Sets a unit's own opening hours, or null to inherit them from the unit
 * above; audited as `unit.update` with the hours before and after. The
 * offices below that inherit change with it. Null outside the scope.
 */
export function setUnitOpeningHours(
  db: Db,
  { viewer, unitId, openingHours }: { viewer: Actor; unitId: number; openingHours: OpeningHours | null },
): UnitOpeningHours | null {
  return db.transaction((tx) => {
    const before = getUnitOpeningHours(asDb(tx), { viewer, unitId });
    if (!before) return null;
    if (JSON.stringify(before.own) === JSON.stringify(openingHours)) return before;
    tx.update(units).set({ openingHours }).where(eq(units.id, unitId)).run();
    createAuditEntry(tx, {
      actorId: viewer.userId,
      action: 'unit.update',
      entityType: 'unit',
      entityId: unitId,
      before: { openingHours: before.own },
      after: { openingHours },
    });
    return getUnitOpeningHours(asDb(tx), { viewer, unitId });
  });
}

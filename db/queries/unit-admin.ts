import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Viewer } from '@/lib/auth/roles';
import { parseOpeningHours, resolveOpeningHours, type OpeningHours } from '@/lib/opening-hours';
import { foldForSearch } from '@/lib/text';
import { foldAliases, joinAliases, splitAliases } from '@/lib/unit-aliases';
import { planMove } from '@/lib/unit-tree';
import { changesOf } from '../engine/types';
import { counters, procedureFields, units } from '../schema';
import { transaction, withConn, type Conn } from '../store';
import { createAuditEntry } from './audit';
import { listPosterTargets, type PosterTarget } from './posters';
import { getUnitInScope, inSubtree, listUnitsInScope, type UnitInScope } from './unit-tree';
import { createCounter, createProcedureField, createUnit, UNIT_TREE_LOCK, withSurveyCode } from './units';

/**
 * Administration of the unit tree, its counters and procedure fields.
 *
 * Every function takes the acting viewer and checks the scope again inside
 * its own transaction, as a condition on the rows (the viewer's subtree):
 * anything outside answers null (callers say "not found", never
 * "forbidden"), and nothing is written. Every change writes its audit entry,
 * with the values before and after, in the same transaction. Nothing is ever
 * deleted: units, counters and fields are disabled, so history and printed QR
 * codes keep their meaning.
 *
 * Concurrency (PostgreSQL, several servers): each change first takes the lock
 * of what it changes (`unit:<id>`, `counter:<id>`, `procedure-field:<id>`,
 * and UNIT_TREE_LOCK for anything that reads or rewrites paths), then reads
 * the row: two administrators saving at once take turns, so the "before" of
 * each audit entry is what the other left, and "unchanged, nothing written"
 * is decided on the current row. On SQLite the single writer already does it.
 */

type Actor = Pick<Viewer, 'userId' | 'scopePath'>;

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
export async function listUnitsForAdmin({ viewer }: { viewer: Pick<Viewer, 'scopePath'> }) {
  return transaction(
    async ({ db }) => {
      const counts = await db
        .select({ unitId: counters.unitId, n: sql<number>`count(*)`.mapWith(Number) })
        .from(counters)
        .innerJoin(units, eq(units.id, counters.unitId))
        .where(and(inSubtree(viewer.scopePath), eq(counters.active, true)))
        .groupBy(counters.unitId);
      const byUnit = new Map(counts.map((c) => [c.unitId, c.n]));
      return (await listUnitsInScope({ viewer })).map((u) => ({ ...u, counterCount: byUnit.get(u.id) ?? 0 }));
    },
    { mode: 'read' },
  );
}

export type UnitForAdmin = NonNullable<Awaited<ReturnType<typeof getUnitForAdmin>>>;

/**
 * One unit of the viewer's subtree with everything its administration page
 * shows: the way down to it from the scope root, its counters and procedure
 * fields (disabled ones too), and the units it may be moved under (any unit
 * in scope except itself and its own subtree). Null outside the scope.
 */
export async function getUnitForAdmin({ viewer, unitId }: { viewer: Pick<Viewer, 'scopePath'>; unitId: number }) {
  return transaction(
    async ({ db }) => {
      const unit = await getUnitInScope({ viewer, unitId });
      if (!unit) return null;
      const all = await listUnitsInScope({ viewer });
      const ancestorIds = new Set(unit.path.split('/').filter(Boolean).map(Number));
      ancestorIds.delete(unit.id);
      return {
        unit,
        ancestors: all.filter((u) => ancestorIds.has(u.id)).map((u) => ({ id: u.id, name: u.name })),
        moveTargets: all
          .filter((u) => !u.path.startsWith(unit.path))
          .map((u) => ({ id: u.id, parentId: u.parentId, sortOrder: u.sortOrder, searchName: u.searchName, name: u.name, active: u.active })),
        counters: await db
          .select({ id: counters.id, name: counters.name, code: counters.code, active: counters.active, sortOrder: counters.sortOrder })
          .from(counters)
          .where(eq(counters.unitId, unit.id))
          .orderBy(asc(counters.sortOrder), asc(counters.name), asc(counters.id)),
        procedureFields: await db
          .select({ id: procedureFields.id, name: procedureFields.name, active: procedureFields.active, sortOrder: procedureFields.sortOrder })
          .from(procedureFields)
          .where(eq(procedureFields.unitId, unit.id))
          .orderBy(asc(procedureFields.sortOrder), asc(procedureFields.name), asc(procedureFields.id)),
      };
    },
    { mode: 'read' },
  );
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
export async function listPosterUnitsInScope({ viewer }: { viewer: Pick<Viewer, 'scopeUnitId'> }): Promise<PosterUnit[]> {
  const targets: PosterTarget[] = (await listPosterTargets({ unitId: viewer.scopeUnitId }))?.targets ?? [];
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

/** The unit after taking its lock, if it lies in the viewer's subtree. */
async function lockUnitInScope(c: Conn, viewer: Pick<Viewer, 'scopePath'>, unitId: number) {
  await c.lock(`unit:${unitId}`);
  return getUnitInScope({ viewer, unitId });
}

/** Creates a unit under a parent in the viewer's subtree; a rateable one gets a survey code. */
export async function createUnitInScope(input: { viewer: Actor; parentId: number; kind: string; name: string; address: string | null; rateable: boolean }) {
  const { viewer, ...fields } = input;
  return transaction(async (c) => {
    // The tree's lock first (createUnit takes it too): the parent's path read here must stay its path until commit.
    await c.lock(UNIT_TREE_LOCK);
    if (!(await getUnitInScope({ viewer, unitId: fields.parentId }))) return null;
    const row = await createUnit(fields);
    await createAuditEntry({ actorId: viewer.userId, action: 'unit.create', entityType: 'unit', entityId: row.id, after: unitSnapshot(row) });
    return row;
  });
}

/**
 * Renames a unit (name, address, order among its siblings, and the other
 * names the public finder searches: `aliases`, already normalised by
 * lib/unit-aliases.ts). Its code never changes. The aliases are left as they
 * are when `aliases` is undefined.
 */
export async function renameUnit({
  viewer,
  unitId,
  name,
  address,
  sortOrder,
  aliases,
}: {
  viewer: Actor;
  unitId: number;
  name: string;
  address: string | null;
  sortOrder: number;
  aliases?: string[];
}) {
  return transaction(async (c) => {
    const before = await lockUnitInScope(c, viewer, unitId);
    if (!before) return null;
    const storedAliases = aliases === undefined ? before.aliases : joinAliases(aliases);
    if (before.name === name && before.address === address && before.sortOrder === sortOrder && before.aliases === storedAliases) return before;
    await c.db
      .update(units)
      .set({ name, searchName: foldForSearch(name), address, sortOrder, aliases: storedAliases, searchAliases: foldAliases(splitAliases(storedAliases)) })
      .where(eq(units.id, unitId));
    const after = (await getUnitInScope({ viewer, unitId }))!;
    await createAuditEntry({
      actorId: viewer.userId,
      action: 'unit.rename',
      entityType: 'unit',
      entityId: unitId,
      before: { name: before.name, address: before.address, sortOrder: before.sortOrder, aliases: splitAliases(before.aliases) },
      after: { name: after.name, address: after.address, sortOrder: after.sortOrder, aliases: splitAliases(after.aliases) },
    });
    return after;
  });
}

export type MoveUnitResult =
  | { status: 'moved' | 'unchanged'; unit: UnitInScope }
  /** The new parent is the unit itself or lies below it: the tree would become a loop. */
  | { status: 'into_own_subtree' };

/**
 * Moves a unit, with its whole subtree, under another unit of the viewer's
 * subtree: every path below it is rewritten in one statement of the same
 * transaction. Codes do not change, so printed posters keep working. Null
 * when either unit lies outside the scope.
 *
 * On PostgreSQL two moves at once (A under B while B goes under A; a unit
 * while its ancestor moves) would each decide on paths the other is
 * rewriting and leave a loop or a subtree under its old prefix: the tree's
 * lock, taken before the paths are read, makes them take turns.
 */
export async function moveUnit({ viewer, unitId, parentId }: { viewer: Actor; unitId: number; parentId: number }): Promise<MoveUnitResult | null> {
  return transaction(async (c): Promise<MoveUnitResult | null> => {
    await c.lock(UNIT_TREE_LOCK);
    const unit = await getUnitInScope({ viewer, unitId });
    const parent = await getUnitInScope({ viewer, unitId: parentId });
    if (!unit || !parent) return null;
    const plan = planMove(unit, parent);
    if (plan.kind === 'into_own_subtree') return { status: 'into_own_subtree' };
    if (plan.kind === 'unchanged') return { status: 'unchanged', unit };

    // Paths compare byte by byte on both engines (`collate "C"` on PostgreSQL), so substr counts the ASCII path's characters alike.
    const moved = changesOf(
      await c.db
        .update(units)
        .set({ path: sql`${plan.newPath} || substr(${units.path}, ${plan.oldPath.length + 1})` })
        .where(inSubtree(plan.oldPath)),
    );
    await c.db.update(units).set({ parentId: parent.id }).where(eq(units.id, unit.id));
    const [oldParent] = unit.parentId == null ? [] : await c.db.select({ name: units.name }).from(units).where(eq(units.id, unit.parentId)).limit(1);
    await createAuditEntry({
      actorId: viewer.userId,
      action: 'unit.move',
      entityType: 'unit',
      entityId: unit.id,
      before: { parentId: unit.parentId, parentName: oldParent?.name ?? null, path: unit.path },
      after: { parentId: parent.id, parentName: parent.name, path: plan.newPath, unitsMoved: moved },
    });
    return { status: 'moved', unit: (await getUnitInScope({ viewer, unitId }))! };
  });
}

/**
 * Disables or enables a unit. A disabled unit's code and its counters' codes
 * are refused by the survey and the posters; the units below it are not touched.
 */
export async function setUnitActive({ viewer, unitId, active }: { viewer: Actor; unitId: number; active: boolean }) {
  return transaction(async (c) => {
    const before = await lockUnitInScope(c, viewer, unitId);
    if (!before) return null;
    if (before.active === active) return before;
    await c.db.update(units).set({ active }).where(eq(units.id, unitId));
    await createAuditEntry({
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

/**
 * Gives a unit a survey code so it takes ratings. A unit that has one keeps
 * it: the code is written only `where code is null`, so of two requests at
 * once only one gives a code (and writes the entry), and a poster printed
 * with it never goes dead.
 */
export async function makeUnitRateable({ viewer, unitId }: { viewer: Actor; unitId: number }) {
  return transaction(async (c) => {
    const before = await lockUnitInScope(c, viewer, unitId);
    if (!before) return null;
    if (before.code != null) return before;
    const given = await withSurveyCode(c, undefined, async (code) =>
      changesOf(await c.db.update(units).set({ code }).where(and(eq(units.id, unitId), isNull(units.code)))) === 1 ? code : null,
    );
    if (given == null) return getUnitInScope({ viewer, unitId });
    await createAuditEntry({
      actorId: viewer.userId,
      action: 'unit.make_rateable',
      entityType: 'unit',
      entityId: unitId,
      before: { code: null },
      after: { code: given },
    });
    return { ...before, code: given };
  });
}

// ---------------------------------------------------------------- counters

async function getCounterInScope(c: Conn, { viewer, counterId }: { viewer: Pick<Viewer, 'scopePath'>; counterId: number }) {
  await c.lock(`counter:${counterId}`);
  const [row] = await c.db
    .select({ id: counters.id, unitId: counters.unitId, code: counters.code, name: counters.name, active: counters.active, sortOrder: counters.sortOrder })
    .from(counters)
    .innerJoin(units, eq(units.id, counters.unitId))
    .where(and(eq(counters.id, counterId), inSubtree(viewer.scopePath)))
    .limit(1);
  return row ?? null;
}

/** Adds a counter, with its own survey code, after the unit's last counter (the unit's lock: two added at once get distinct places). */
export async function createCounterInScope({ viewer, unitId, name }: { viewer: Actor; unitId: number; name: string }) {
  return transaction(async (c) => {
    if (!(await lockUnitInScope(c, viewer, unitId))) return null;
    const [last] = await c.db.select({ n: sql<number | null>`max(${counters.sortOrder})` }).from(counters).where(eq(counters.unitId, unitId));
    const row = await createCounter({ unitId, name, sortOrder: (last?.n ?? -1) + 1 });
    await createAuditEntry({
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
export async function renameCounter({ viewer, counterId, name, sortOrder }: { viewer: Actor; counterId: number; name: string; sortOrder: number }) {
  return transaction(async (c) => {
    const before = await getCounterInScope(c, { viewer, counterId });
    if (!before) return null;
    if (before.name === name && before.sortOrder === sortOrder) return before;
    await c.db.update(counters).set({ name, sortOrder }).where(eq(counters.id, counterId));
    await createAuditEntry({
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
export async function setCounterActive({ viewer, counterId, active }: { viewer: Actor; counterId: number; active: boolean }) {
  return transaction(async (c) => {
    const before = await getCounterInScope(c, { viewer, counterId });
    if (!before) return null;
    if (before.active === active) return before;
    await c.db.update(counters).set({ active }).where(eq(counters.id, counterId));
    await createAuditEntry({
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

async function getProcedureFieldInScope(c: Conn, { viewer, fieldId }: { viewer: Pick<Viewer, 'scopePath'>; fieldId: number }) {
  await c.lock(`procedure-field:${fieldId}`);
  const [row] = await c.db
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
    .limit(1);
  return row ?? null;
}

/** Adds a procedure field (lĩnh vực) to the unit's pick-list, after its last one. */
export async function createProcedureFieldInScope({ viewer, unitId, name }: { viewer: Actor; unitId: number; name: string }) {
  return transaction(async (c) => {
    if (!(await lockUnitInScope(c, viewer, unitId))) return null;
    const [last] = await c.db
      .select({ n: sql<number | null>`max(${procedureFields.sortOrder})` })
      .from(procedureFields)
      .where(eq(procedureFields.unitId, unitId));
    const row = await createProcedureField({ unitId, name, sortOrder: (last?.n ?? -1) + 1 });
    await createAuditEntry({
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
export async function renameProcedureField({ viewer, fieldId, name, sortOrder }: { viewer: Actor; fieldId: number; name: string; sortOrder: number }) {
  return transaction(async (c) => {
    const before = await getProcedureFieldInScope(c, { viewer, fieldId });
    if (!before) return null;
    if (before.name === name && before.sortOrder === sortOrder) return before;
    await c.db.update(procedureFields).set({ name, sortOrder }).where(eq(procedureFields.id, fieldId));
    await createAuditEntry({
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
export async function setProcedureFieldActive({ viewer, fieldId, active }: { viewer: Actor; fieldId: number; active: boolean }) {
  return transaction(async (c) => {
    const before = await getProcedureFieldInScope(c, { viewer, fieldId });
    if (!before) return null;
    if (before.active === active) return before;
    await c.db.update(procedureFields).set({ active }).where(eq(procedureFields.id, fieldId));
    await createAuditEntry({
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
export async function getUnitOpeningHours({ viewer, unitId }: { viewer: Pick<Viewer, 'scopePath'>; unitId: number }): Promise<UnitOpeningHours | null> {
  return withConn(async ({ db }) => {
    const unit = await getUnitInScope({ viewer, unitId });
    if (!unit) return null;
    const ids = unit.path.split('/').filter(Boolean).map(Number);
    const chain = (
      await db.select({ id: units.id, name: units.name, path: units.path, openingHours: units.openingHours }).from(units).where(inArray(units.id, ids))
    ).sort((a, b) => b.path.length - a.path.length);
    const own = parseOpeningHours(chain.find((u) => u.id === unit.id)?.openingHours ?? null);
    const from = chain.find((u) => u.id !== unit.id && parseOpeningHours(u.openingHours) !== null) ?? null;
    const inherited = resolveOpeningHours(chain.filter((u) => u.id !== unit.id).map((u) => u.openingHours));
    return { own, effective: own ?? inherited, inherited, inheritedFrom: from?.name ?? null };
  });
}

/**
 * Sets a unit's own opening hours, or null to inherit them from the unit
 * above; audited as `unit.update` with the hours before and after. The
 * offices below that inherit change with it. Null outside the scope.
 */
export async function setUnitOpeningHours({ viewer, unitId, openingHours }: { viewer: Actor; unitId: number; openingHours: OpeningHours | null }): Promise<UnitOpeningHours | null> {
  return transaction(async (c) => {
    await c.lock(`unit:${unitId}`);
    const before = await getUnitOpeningHours({ viewer, unitId });
    if (!before) return null;
    if (JSON.stringify(before.own) === JSON.stringify(openingHours)) return before;
    await c.db.update(units).set({ openingHours }).where(eq(units.id, unitId));
    await createAuditEntry({
      actorId: viewer.userId,
      action: 'unit.update',
      entityType: 'unit',
      entityId: unitId,
      before: { openingHours: before.own },
      after: { openingHours },
    });
    return getUnitOpeningHours({ viewer, unitId });
  });
}

import { asc, desc, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Viewer } from '@/lib/auth/roles';
import { addTestViewer, openTestStore, type TestStore } from '../testing';
import { auditLog, counters, procedureFields, units } from '../schema';
import {
  createCounterInScope,
  createProcedureFieldInScope,
  createUnitInScope,
  getUnitForAdmin,
  listPosterUnitsInScope,
  listUnitsForAdmin,
  makeUnitRateable,
  moveUnit,
  renameCounter,
  renameProcedureField,
  renameUnit,
  setCounterActive,
  setProcedureFieldActive,
  setUnitActive,
} from './unit-admin';
import { createCounter, createProcedureField, createUnit, getSurveyTarget } from './units';

let t: TestStore;
let ids: Record<'province' | 'home' | 'communeA' | 'deskA' | 'annexA' | 'communeB' | 'deskB' | 'counterA' | 'counterB' | 'fieldA' | 'fieldB', number>;
let admin: Viewer;
let headA: Viewer;

// Tỉnh Ninh Bình
//   Sở Nội vụ (SNV234)
//   Xã Gia Viễn
//     Bộ phận Một cửa Gia Viễn (GVX234), Quầy 1 (GVQ234), lĩnh vực Hộ tịch
//       Điểm tiếp nhận thôn Đông (DTN234)
//   Xã Hoa Lư
//     Bộ phận Một cửa Hoa Lư (HLX234), Quầy 1 (HLQ234), lĩnh vực Đất đai
beforeEach(async () => {
  t = await openTestStore();
  const province = await createUnit({ parentId: null, kind: 'province', name: 'Tỉnh Ninh Bình', rateable: false });
  const home = await createUnit({ parentId: province.id, kind: 'department', name: 'Sở Nội vụ', rateable: true, code: 'SNV234' });
  const communeA = await createUnit({ parentId: province.id, kind: 'commune', name: 'Xã Gia Viễn', rateable: false });
  const deskA = await createUnit({ parentId: communeA.id, kind: 'office', name: 'Bộ phận Một cửa Gia Viễn', rateable: true, code: 'GVX234' });
  const annexA = await createUnit({ parentId: deskA.id, kind: 'office', name: 'Điểm tiếp nhận thôn Đông', rateable: true, code: 'DTN234' });
  const communeB = await createUnit({ parentId: province.id, kind: 'commune', name: 'Xã Hoa Lư', rateable: false });
  const deskB = await createUnit({ parentId: communeB.id, kind: 'office', name: 'Bộ phận Một cửa Hoa Lư', rateable: true, code: 'HLX234' });
  const counterA = await createCounter({ unitId: deskA.id, name: 'Quầy 1', code: 'GVQ234' });
  const counterB = await createCounter({ unitId: deskB.id, name: 'Quầy 1', code: 'HLQ234' });
  const fieldA = await createProcedureField({ unitId: deskA.id, name: 'Hộ tịch' });
  const fieldB = await createProcedureField({ unitId: deskB.id, name: 'Đất đai' });
  ids = {
    province: province.id,
    home: home.id,
    communeA: communeA.id,
    deskA: deskA.id,
    annexA: annexA.id,
    communeB: communeB.id,
    deskB: deskB.id,
    counterA: counterA.id,
    counterB: counterB.id,
    fieldA: fieldA.id,
    fieldB: fieldB.id,
  };
  admin = await addTestViewer('admin', province, 'quantri');
  headA = await addTestViewer('office_head', deskA, 'thutruong.giavien');
});
afterEach(() => t.dispose());

const unit = async (id: number) => (await t.conn.db.select().from(units).where(eq(units.id, id)))[0]!;
const pathsById = async () => Object.fromEntries((await t.conn.db.select({ id: units.id, path: units.path }).from(units)).map((u) => [u.id, u.path]));
/** Everything the administration may change, to prove a refused call changed nothing. */
const everything = async () => ({
  units: await t.conn.db.select().from(units).orderBy(asc(units.id)),
  counters: await t.conn.db.select().from(counters).orderBy(asc(counters.id)),
  fields: await t.conn.db.select().from(procedureFields).orderBy(asc(procedureFields.id)),
  audit: await t.conn.db.select().from(auditLog).orderBy(asc(auditLog.id)),
});
const unitAudit = () => t.conn.db.select().from(auditLog).where(eq(auditLog.entityType, 'unit'));
/** The audit log newest first, as the audit page lists it to an administrator of the root. */
const auditEntries = () => t.conn.db.select().from(auditLog).orderBy(desc(auditLog.id));
/** The id of the one row of `table` named `name`. */
const idByName = async (table: typeof units | typeof counters | typeof procedureFields, name: string) =>
  (await t.conn.db.select({ id: table.id }).from(table).where(eq(table.name, name)))[0]!.id;

describe('moveUnit', () => {
  it('moves a unit under a new parent and rewrites the paths of its whole subtree', async () => {
    const before = await pathsById();
    const result = await moveUnit({ viewer: admin, unitId: ids.deskA, parentId: ids.communeB });
    expect(result?.status).toBe('moved');

    const after = await pathsById();
    expect(after[ids.deskA]).toBe(`/${ids.province}/${ids.communeB}/${ids.deskA}/`);
    expect(after[ids.annexA]).toBe(`/${ids.province}/${ids.communeB}/${ids.deskA}/${ids.annexA}/`);
    expect((await unit(ids.deskA)).parentId).toBe(ids.communeB);
    expect((await unit(ids.annexA)).parentId).toBe(ids.deskA);
    // Everything outside the moved subtree is untouched.
    for (const id of [ids.province, ids.home, ids.communeA, ids.communeB, ids.deskB]) expect(after[id]).toBe(before[id]);
  });

  it('keeps the codes, so printed posters still open the survey', async () => {
    await moveUnit({ viewer: admin, unitId: ids.communeA, parentId: ids.home });
    expect((await unit(ids.deskA)).code).toBe('GVX234');
    expect((await getSurveyTarget({ code: 'GVX234' }))?.unit).toMatchObject({ id: ids.deskA, path: `/${ids.province}/${ids.home}/${ids.communeA}/${ids.deskA}/` });
    expect((await getSurveyTarget({ code: 'GVQ234' }))?.counter).toMatchObject({ id: ids.counterA });
    expect((await getSurveyTarget({ code: 'DTN234' }))?.unit.parentName).toBe('Bộ phận Một cửa Gia Viễn');
  });

  it('does not mistake a sibling with a longer id for a descendant', async () => {
    // "/1/3/" must not catch "/1/30/": the range in inSubtree ends at "/1/30".
    const many = [];
    for (let i = 0; i < 30; i++) many.push(await createUnit({ parentId: ids.province, kind: 'other', name: `Đơn vị ${i}`, rateable: false }));
    const prefixTwin = many.find((u) => String(u.id).startsWith(String(ids.communeA)) && u.id !== ids.communeA)!;
    expect(prefixTwin).toBeDefined();
    await moveUnit({ viewer: admin, unitId: ids.communeA, parentId: ids.communeB });
    expect((await unit(prefixTwin.id)).path).toBe(`/${ids.province}/${prefixTwin.id}/`);
  });

  it.each([
    ['itself', 'deskA'],
    ['its child', 'annexA'],
  ] as const)('refuses to move a unit into %s, and changes nothing', async (_, target) => {
    const before = await everything();
    expect(await moveUnit({ viewer: admin, unitId: ids.deskA, parentId: ids[target] })).toEqual({ status: 'into_own_subtree' });
    expect(await moveUnit({ viewer: admin, unitId: ids.communeA, parentId: ids[target] })).toEqual({ status: 'into_own_subtree' });
    expect(await everything()).toEqual(before);
  });

  it('writes no entry when the parent does not change', async () => {
    expect((await moveUnit({ viewer: admin, unitId: ids.deskA, parentId: ids.communeA }))?.status).toBe('unchanged');
    expect(await unitAudit()).toEqual([]);
  });

  it('offers only units outside the own subtree as new parents', async () => {
    const targets = (await getUnitForAdmin({ viewer: admin, unitId: ids.deskA }))!.moveTargets.map((u) => u.id);
    expect(targets).toEqual([ids.province, ids.home, ids.communeA, ids.communeB, ids.deskB]);
  });
});

describe('renames keep codes', () => {
  it('renaming a unit changes its name and search name, never its code', async () => {
    const renamed = await renameUnit({ viewer: admin, unitId: ids.deskA, name: 'Trung tâm PVHCC xã Gia Viễn', address: 'Thôn Đông', sortOrder: 3 });
    expect(renamed).toMatchObject({ name: 'Trung tâm PVHCC xã Gia Viễn', code: 'GVX234', address: 'Thôn Đông', sortOrder: 3 });
    expect(await unit(ids.deskA)).toMatchObject({ searchName: 'trung tam pvhcc xa gia vien', code: 'GVX234', path: `/${ids.province}/${ids.communeA}/${ids.deskA}/` });
    expect((await getSurveyTarget({ code: 'GVX234' }))?.unit.name).toBe('Trung tâm PVHCC xã Gia Viễn');
  });

  it('renaming a counter keeps its code', async () => {
    await renameCounter({ viewer: admin, counterId: ids.counterA, name: 'Quầy Hộ tịch', sortOrder: 0 });
    expect((await getSurveyTarget({ code: 'GVQ234' }))?.counter).toEqual({ id: ids.counterA, name: 'Quầy Hộ tịch' });
  });

  it('writes no entry when nothing changed', async () => {
    await renameUnit({ viewer: admin, unitId: ids.deskA, name: 'Bộ phận Một cửa Gia Viễn', address: null, sortOrder: 0 });
    expect(await unitAudit()).toEqual([]);
  });
});

describe('disable, enable and codes', () => {
  it('a disabled unit and its counters answer like unknown codes; enabling restores them', async () => {
    await setUnitActive({ viewer: admin, unitId: ids.deskA, active: false });
    expect(await getSurveyTarget({ code: 'GVX234' })).toBeNull();
    expect(await getSurveyTarget({ code: 'GVQ234' })).toBeNull();
    // Units below keep their own state.
    expect(await getSurveyTarget({ code: 'DTN234' })).not.toBeNull();
    await setUnitActive({ viewer: admin, unitId: ids.deskA, active: true });
    expect(await getSurveyTarget({ code: 'GVQ234' })).not.toBeNull();
  });

  it('a disabled counter answers like an unknown code', async () => {
    await setCounterActive({ viewer: admin, counterId: ids.counterA, active: false });
    expect(await getSurveyTarget({ code: 'GVQ234' })).toBeNull();
    expect(await getSurveyTarget({ code: 'GVX234' })).not.toBeNull();
  });

  it('making a unit rateable gives it a fresh code once', async () => {
    const first = (await makeUnitRateable({ viewer: admin, unitId: ids.communeA }))!;
    expect(first.code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTWXYZ]{6}$/);
    expect((await makeUnitRateable({ viewer: admin, unitId: ids.communeA }))?.code).toBe(first.code);
    expect((await getSurveyTarget({ code: first.code! }))?.unit.id).toBe(ids.communeA);
    expect((await unitAudit()).filter((e) => e.action === 'unit.make_rateable')).toHaveLength(1);
  });

  it('new units and counters get codes; a rateable unit only when asked', async () => {
    const plain = (await createUnitInScope({ viewer: admin, parentId: ids.communeA, kind: 'other', name: 'Tổ công tác', address: null, rateable: false }))!;
    const rated = (await createUnitInScope({ viewer: admin, parentId: ids.communeA, kind: 'office', name: 'Điểm tiếp nhận thôn Tây', address: 'Thôn Tây', rateable: true }))!;
    expect(plain.code).toBeNull();
    expect(rated).toMatchObject({ path: `/${ids.province}/${ids.communeA}/${rated.id}/`, address: 'Thôn Tây' });
    expect((await getSurveyTarget({ code: rated.code! }))?.unit.id).toBe(rated.id);
    const quay2 = (await createCounterInScope({ viewer: admin, unitId: ids.deskA, name: 'Quầy 2' }))!;
    expect(quay2.sortOrder).toBe(1);
    expect((await getSurveyTarget({ code: quay2.code }))?.counter?.name).toBe('Quầy 2');
  });
});

describe('audit: every change writes an entry with the values before and after', () => {
  // Expectations are thunks: the ids exist only once beforeEach has run.
  type Case = [string, () => Promise<unknown>, () => Promise<{ action: string; entityType: string; entityId: number; before: unknown; after: unknown }>];
  const cases: Case[] = [
    [
      'create a unit',
      () => createUnitInScope({ viewer: admin, parentId: ids.communeB, kind: 'office', name: 'Điểm tiếp nhận', address: null, rateable: false }),
      async () => ({ action: 'unit.create', entityType: 'unit', entityId: await idByName(units, 'Điểm tiếp nhận'), before: null, after: expect.objectContaining({ name: 'Điểm tiếp nhận', kind: 'office', parentId: ids.communeB, code: null }) }),
    ],
    [
      'rename a unit',
      () =>
        renameUnit({ viewer: admin, unitId: ids.home, name: 'Sở Nội vụ tỉnh Ninh Bình', address: '1 Lê Hồng Phong', sortOrder: 0, aliases: ['Sở Lao động – Thương binh và Xã hội'] }),
      async () => ({
        action: 'unit.rename',
        entityType: 'unit',
        entityId: ids.home,
        before: { name: 'Sở Nội vụ', address: null, sortOrder: 0, aliases: [] },
        after: { name: 'Sở Nội vụ tỉnh Ninh Bình', address: '1 Lê Hồng Phong', sortOrder: 0, aliases: ['Sở Lao động – Thương binh và Xã hội'] },
      }),
    ],
    [
      'move a unit',
      () => moveUnit({ viewer: admin, unitId: ids.deskA, parentId: ids.communeB }),
      async () => ({
        action: 'unit.move',
        entityType: 'unit',
        entityId: ids.deskA,
        before: { parentId: ids.communeA, parentName: 'Xã Gia Viễn', path: `/${ids.province}/${ids.communeA}/${ids.deskA}/` },
        after: { parentId: ids.communeB, parentName: 'Xã Hoa Lư', path: `/${ids.province}/${ids.communeB}/${ids.deskA}/`, unitsMoved: 2 },
      }),
    ],
    ['disable a unit', () => setUnitActive({ viewer: admin, unitId: ids.deskB, active: false }), async () => ({ action: 'unit.disable', entityType: 'unit', entityId: ids.deskB, before: { active: true }, after: { active: false } })],
    [
      'make a unit rateable',
      () => makeUnitRateable({ viewer: admin, unitId: ids.communeB }),
      async () => ({ action: 'unit.make_rateable', entityType: 'unit', entityId: ids.communeB, before: { code: null }, after: { code: expect.stringMatching(/^\w{6}$/) } }),
    ],
    [
      'add a counter',
      () => createCounterInScope({ viewer: admin, unitId: ids.deskB, name: 'Quầy 2' }),
      async () => ({ action: 'counter.create', entityType: 'counter', entityId: await idByName(counters, 'Quầy 2'), before: null, after: { unitId: ids.deskB, name: 'Quầy 2', code: expect.any(String), sortOrder: 1 } }),
    ],
    [
      'rename a counter',
      () => renameCounter({ viewer: admin, counterId: ids.counterB, name: 'Quầy Đất đai', sortOrder: 2 }),
      async () => ({ action: 'counter.rename', entityType: 'counter', entityId: ids.counterB, before: { name: 'Quầy 1', sortOrder: 0 }, after: { name: 'Quầy Đất đai', sortOrder: 2 } }),
    ],
    ['disable a counter', () => setCounterActive({ viewer: admin, counterId: ids.counterB, active: false }), async () => ({ action: 'counter.disable', entityType: 'counter', entityId: ids.counterB, before: { active: true }, after: { active: false } })],
    [
      'add a procedure field',
      () => createProcedureFieldInScope({ viewer: admin, unitId: ids.deskB, name: 'Chứng thực' }),
      async () => ({ action: 'procedure_field.create', entityType: 'procedure_field', entityId: await idByName(procedureFields, 'Chứng thực'), before: null, after: { unitId: ids.deskB, name: 'Chứng thực', sortOrder: 1 } }),
    ],
    [
      'rename a procedure field',
      () => renameProcedureField({ viewer: admin, fieldId: ids.fieldB, name: 'Đất đai, nhà ở', sortOrder: 0 }),
      async () => ({ action: 'procedure_field.rename', entityType: 'procedure_field', entityId: ids.fieldB, before: { name: 'Đất đai', sortOrder: 0 }, after: { name: 'Đất đai, nhà ở', sortOrder: 0 } }),
    ],
    [
      'disable a procedure field',
      () => setProcedureFieldActive({ viewer: admin, fieldId: ids.fieldB, active: false }),
      async () => ({ action: 'procedure_field.disable', entityType: 'procedure_field', entityId: ids.fieldB, before: { active: true }, after: { active: false } }),
    ],
  ];

  it.each(cases)('%s', async (_, change, expected) => {
    expect(await change()).not.toBeNull();
    const want = await expected();
    const mine = await auditEntries();
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ action: want.action, entityType: want.entityType, entityId: String(want.entityId), actorId: admin.userId });
    expect(mine[0]!.before).toEqual(want.before);
    expect(mine[0]!.after).toEqual(want.after);
  });

  it('enabling again is recorded as its own entry', async () => {
    await setCounterActive({ viewer: admin, counterId: ids.counterB, active: false });
    await setCounterActive({ viewer: admin, counterId: ids.counterB, active: true });
    await setProcedureFieldActive({ viewer: admin, fieldId: ids.fieldB, active: false });
    await setProcedureFieldActive({ viewer: admin, fieldId: ids.fieldB, active: true });
    await setUnitActive({ viewer: admin, unitId: ids.deskB, active: false });
    await setUnitActive({ viewer: admin, unitId: ids.deskB, active: true });
    expect((await auditEntries()).map((r) => r.action).reverse()).toEqual([
      'counter.disable',
      'counter.enable',
      'procedure_field.disable',
      'procedure_field.enable',
      'unit.disable',
      'unit.enable',
    ]);
  });
});

describe('scope: an office head cannot change anything outside the own office', () => {
  const outside: [string, () => Promise<unknown>][] = [
    ['create a unit under another commune', () => createUnitInScope({ viewer: headA, parentId: ids.communeB, kind: 'office', name: 'X', address: null, rateable: true })],
    ['rename another office', () => renameUnit({ viewer: headA, unitId: ids.deskB, name: 'Đã bị đổi', address: null, sortOrder: 0 })],
    ['rename the own commune (above the scope)', () => renameUnit({ viewer: headA, unitId: ids.communeA, name: 'Đã bị đổi', address: null, sortOrder: 0 })],
    ['move another office', () => moveUnit({ viewer: headA, unitId: ids.deskB, parentId: ids.deskA })],
    ['move the own sub-office out of the scope', () => moveUnit({ viewer: headA, unitId: ids.annexA, parentId: ids.communeB })],
    ['disable another office', () => setUnitActive({ viewer: headA, unitId: ids.deskB, active: false })],
    ['make another unit rateable', () => makeUnitRateable({ viewer: headA, unitId: ids.communeB })],
    ['add a counter to another office', () => createCounterInScope({ viewer: headA, unitId: ids.deskB, name: 'Quầy lạ' })],
    ['rename a counter of another office', () => renameCounter({ viewer: headA, counterId: ids.counterB, name: 'Đã bị đổi', sortOrder: 0 })],
    ['disable a counter of another office', () => setCounterActive({ viewer: headA, counterId: ids.counterB, active: false })],
    ['add a field to another office', () => createProcedureFieldInScope({ viewer: headA, unitId: ids.deskB, name: 'Lạ' })],
    ['rename a field of another office', () => renameProcedureField({ viewer: headA, fieldId: ids.fieldB, name: 'Đã bị đổi', sortOrder: 0 })],
    ['disable a field of another office', () => setProcedureFieldActive({ viewer: headA, fieldId: ids.fieldB, active: false })],
    ['read another office', () => getUnitForAdmin({ viewer: headA, unitId: ids.deskB })],
  ];

  it.each(outside)('%s → null, nothing changed', async (_, attempt) => {
    const before = await everything();
    expect(await attempt()).toBeNull();
    expect(await everything()).toEqual(before);
  });

  it('the same viewer can change what lies inside the own office', async () => {
    expect(await renameCounter({ viewer: headA, counterId: ids.counterA, name: 'Quầy A', sortOrder: 0 })).not.toBeNull();
    expect((await moveUnit({ viewer: headA, unitId: ids.annexA, parentId: ids.deskA }))?.status).toBe('unchanged');
  });

  it('lists only the own subtree', async () => {
    expect((await listUnitsForAdmin({ viewer: headA })).map((u) => [u.name, u.depth, u.counterCount])).toEqual([
      ['Bộ phận Một cửa Gia Viễn', 0, 1],
      ['Điểm tiếp nhận thôn Đông', 1, 0],
    ]);
    expect((await listPosterUnitsInScope({ viewer: headA })).map((u) => u.code)).toEqual(['GVX234', 'DTN234']);
  });
});

describe('reads for the administration pages', () => {
  it('the tree counts active counters only', async () => {
    await createCounterInScope({ viewer: admin, unitId: ids.deskA, name: 'Quầy 2' });
    await setCounterActive({ viewer: admin, counterId: ids.counterA, active: false });
    const row = (await listUnitsForAdmin({ viewer: admin })).find((u) => u.id === ids.deskA)!;
    expect(row.counterCount).toBe(1);
  });

  it('a unit page shows the way down from the scope root, counters and fields, disabled ones too', async () => {
    await setProcedureFieldActive({ viewer: admin, fieldId: ids.fieldA, active: false });
    const page = (await getUnitForAdmin({ viewer: admin, unitId: ids.annexA }))!;
    expect(page.ancestors.map((a) => a.name)).toEqual(['Tỉnh Ninh Bình', 'Xã Gia Viễn', 'Bộ phận Một cửa Gia Viễn']);
    const desk = (await getUnitForAdmin({ viewer: headA, unitId: ids.deskA }))!;
    expect(desk.ancestors).toEqual([]);
    expect(desk.counters).toEqual([{ id: ids.counterA, name: 'Quầy 1', code: 'GVQ234', active: true, sortOrder: 0 }]);
    expect(desk.procedureFields).toEqual([{ id: ids.fieldA, name: 'Hộ tịch', active: false, sortOrder: 0 }]);
  });

  it('posters: each unit with its own code and its active counters, disabled units left out', async () => {
    await setUnitActive({ viewer: admin, unitId: ids.home, active: false });
    expect(await listPosterUnitsInScope({ viewer: admin })).toEqual([
      { unitId: ids.deskA, name: 'Bộ phận Một cửa Gia Viễn', parentName: 'Xã Gia Viễn', code: 'GVX234', counters: [{ id: ids.counterA, code: 'GVQ234', name: 'Quầy 1' }] },
      { unitId: ids.annexA, name: 'Điểm tiếp nhận thôn Đông', parentName: 'Bộ phận Một cửa Gia Viễn', code: 'DTN234', counters: [] },
      { unitId: ids.deskB, name: 'Bộ phận Một cửa Hoa Lư', parentName: 'Xã Hoa Lư', code: 'HLX234', counters: [{ id: ids.counterB, code: 'HLQ234', name: 'Quầy 1' }] },
    ]);
  });
});

describe('at the same moment (several app servers on PostgreSQL)', () => {
  /** Every unit's path is its parent's path and its own id: what every subtree read relies on. */
  const treeIsConsistent = async () => {
    const all = await t.conn.db.select({ id: units.id, parentId: units.parentId, path: units.path }).from(units);
    const byId = new Map(all.map((u) => [u.id, u]));
    return all.filter((u) => u.path !== `${u.parentId == null ? '/' : byId.get(u.parentId)!.path}${u.id}/`).map((u) => u.id);
  };

  it('two crossed moves (A under B, B under A) never make a loop: one moves, the other is refused', async () => {
    const results = await Promise.all([
      moveUnit({ viewer: admin, unitId: ids.communeA, parentId: ids.deskB }),
      moveUnit({ viewer: admin, unitId: ids.communeB, parentId: ids.deskA }),
    ]);
    expect(results.map((r) => r?.status).sort()).toEqual(['into_own_subtree', 'moved']);
    expect(await treeIsConsistent()).toEqual([]);
  });

  it('moving a unit while its new ancestor moves, and creating under a unit that moves, keep every path right', async () => {
    const [, , created] = await Promise.all([
      moveUnit({ viewer: admin, unitId: ids.deskB, parentId: ids.annexA }),
      moveUnit({ viewer: admin, unitId: ids.communeA, parentId: ids.home }),
      createUnitInScope({ viewer: admin, parentId: ids.deskA, kind: 'office', name: 'Điểm mới', address: null, rateable: true }),
      moveUnit({ viewer: admin, unitId: ids.deskA, parentId: ids.communeB }),
    ]);
    expect(created).not.toBeNull();
    expect(await treeIsConsistent()).toEqual([]);
  });

  it('a unit made rateable twice at once gets one code, and one entry', async () => {
    const [a, b] = await Promise.all([makeUnitRateable({ viewer: admin, unitId: ids.communeA }), makeUnitRateable({ viewer: admin, unitId: ids.communeA })]);
    expect(a!.code).not.toBeNull();
    expect(b!.code).toBe(a!.code);
    expect((await unit(ids.communeA)).code).toBe(a!.code);
    expect((await unitAudit()).filter((e) => e.action === 'unit.make_rateable')).toHaveLength(1);
  });

  it('two renames at once: each entry starts from what the other left', async () => {
    await Promise.all([
      renameUnit({ viewer: admin, unitId: ids.home, name: 'Tên một', address: null, sortOrder: 0 }),
      renameUnit({ viewer: admin, unitId: ids.home, name: 'Tên hai', address: null, sortOrder: 0 }),
    ]);
    const entries = (await unitAudit()).filter((e) => e.action === 'unit.rename').sort((x, y) => x.id - y.id);
    expect(entries).toHaveLength(2);
    expect(entries[0]!.before).toMatchObject({ name: 'Sở Nội vụ' });
    expect(entries[1]!.before).toEqual(entries[0]!.after);
    expect((await unit(ids.home)).name).toBe((entries[1]!.after as { name: string }).name);
  });
});

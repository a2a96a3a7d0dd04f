import { asc, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Viewer } from '@/lib/auth/roles';
import { openTestDb } from '../testing';
import { auditLog, counters, procedureFields, units } from '../schema';
import { listAuditEntries } from './audit';
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
import { createUser, getViewer, type NewUser } from './users';

let db: ReturnType<typeof openTestDb>;
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
beforeEach(() => {
  db = openTestDb();
  const province = createUnit(db, { parentId: null, kind: 'province', name: 'Tỉnh Ninh Bình', rateable: false });
  const home = createUnit(db, { parentId: province.id, kind: 'department', name: 'Sở Nội vụ', rateable: true, code: 'SNV234' });
  const communeA = createUnit(db, { parentId: province.id, kind: 'commune', name: 'Xã Gia Viễn', rateable: false });
  const deskA = createUnit(db, { parentId: communeA.id, kind: 'office', name: 'Bộ phận Một cửa Gia Viễn', rateable: true, code: 'GVX234' });
  const annexA = createUnit(db, { parentId: deskA.id, kind: 'office', name: 'Điểm tiếp nhận thôn Đông', rateable: true, code: 'DTN234' });
  const communeB = createUnit(db, { parentId: province.id, kind: 'commune', name: 'Xã Hoa Lư', rateable: false });
  const deskB = createUnit(db, { parentId: communeB.id, kind: 'office', name: 'Bộ phận Một cửa Hoa Lư', rateable: true, code: 'HLX234' });
  const counterA = createCounter(db, { unitId: deskA.id, name: 'Quầy 1', code: 'GVQ234' });
  const counterB = createCounter(db, { unitId: deskB.id, name: 'Quầy 1', code: 'HLQ234' });
  const fieldA = createProcedureField(db, { unitId: deskA.id, name: 'Hộ tịch' });
  const fieldB = createProcedureField(db, { unitId: deskB.id, name: 'Đất đai' });
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
  const account = (over: Partial<NewUser>): NewUser => ({
    username: 'x',
    email: null,
    displayName: 'X',
    passwordHash: 'not-a-real-hash',
    role: 'admin',
    scopeUnitId: province.id,
    mustChangePassword: false,
    ...over,
  });
  const adminRow = createUser(db, { user: account({ username: 'quantri' }), actorId: null });
  const headRow = createUser(db, { user: account({ username: 'thutruong.giavien', role: 'office_head', scopeUnitId: deskA.id }), actorId: null });
  admin = getViewer(db, { userId: adminRow.id, sessionVersion: 1 })!;
  headA = getViewer(db, { userId: headRow.id, sessionVersion: 1 })!;
});
afterEach(() => db.dispose());

const unit = (id: number) => db.select().from(units).where(eq(units.id, id)).get()!;
const pathsById = () => Object.fromEntries(db.select({ id: units.id, path: units.path }).from(units).all().map((u) => [u.id, u.path]));
/** Everything the administration may change, to prove a refused call changed nothing. */
const everything = () => ({
  units: db.select().from(units).orderBy(asc(units.id)).all(),
  counters: db.select().from(counters).orderBy(asc(counters.id)).all(),
  fields: db.select().from(procedureFields).orderBy(asc(procedureFields.id)).all(),
  audit: db.select().from(auditLog).orderBy(asc(auditLog.id)).all(),
});
const unitAudit = () => db.select().from(auditLog).where(eq(auditLog.entityType, 'unit')).all();

describe('moveUnit', () => {
  it('moves a unit under a new parent and rewrites the paths of its whole subtree', () => {
    const before = pathsById();
    const result = moveUnit(db, { viewer: admin, unitId: ids.deskA, parentId: ids.communeB });
    expect(result?.status).toBe('moved');

    const after = pathsById();
    expect(after[ids.deskA]).toBe(`/${ids.province}/${ids.communeB}/${ids.deskA}/`);
    expect(after[ids.annexA]).toBe(`/${ids.province}/${ids.communeB}/${ids.deskA}/${ids.annexA}/`);
    expect(unit(ids.deskA).parentId).toBe(ids.communeB);
    expect(unit(ids.annexA).parentId).toBe(ids.deskA);
    // Everything outside the moved subtree is untouched.
    for (const id of [ids.province, ids.home, ids.communeA, ids.communeB, ids.deskB]) expect(after[id]).toBe(before[id]);
  });

  it('keeps the codes, so printed posters still open the survey', () => {
    moveUnit(db, { viewer: admin, unitId: ids.communeA, parentId: ids.home });
    expect(unit(ids.deskA).code).toBe('GVX234');
    expect(getSurveyTarget(db, { code: 'GVX234' })?.unit).toMatchObject({ id: ids.deskA, path: `/${ids.province}/${ids.home}/${ids.communeA}/${ids.deskA}/` });
    expect(getSurveyTarget(db, { code: 'GVQ234' })?.counter).toMatchObject({ id: ids.counterA });
    expect(getSurveyTarget(db, { code: 'DTN234' })?.unit.parentName).toBe('Bộ phận Một cửa Gia Viễn');
  });

  it('does not mistake a sibling with a longer id for a descendant', () => {
    // "/1/3/" must not catch "/1/30/": the range in inSubtree ends at "/1/30".
    const many = Array.from({ length: 30 }, (_, i) => createUnit(db, { parentId: ids.province, kind: 'other', name: `Đơn vị ${i}`, rateable: false }));
    const prefixTwin = many.find((u) => String(u.id).startsWith(String(ids.communeA)) && u.id !== ids.communeA)!;
    expect(prefixTwin).toBeDefined();
    moveUnit(db, { viewer: admin, unitId: ids.communeA, parentId: ids.communeB });
    expect(unit(prefixTwin.id).path).toBe(`/${ids.province}/${prefixTwin.id}/`);
  });

  it.each([
    ['itself', 'deskA'],
    ['its child', 'annexA'],
  ] as const)('refuses to move a unit into %s, and changes nothing', (_, target) => {
    const before = everything();
    expect(moveUnit(db, { viewer: admin, unitId: ids.deskA, parentId: ids[target] })).toEqual({ status: 'into_own_subtree' });
    expect(moveUnit(db, { viewer: admin, unitId: ids.communeA, parentId: ids[target] })).toEqual({ status: 'into_own_subtree' });
    expect(everything()).toEqual(before);
  });

  it('writes no entry when the parent does not change', () => {
    expect(moveUnit(db, { viewer: admin, unitId: ids.deskA, parentId: ids.communeA })?.status).toBe('unchanged');
    expect(unitAudit()).toEqual([]);
  });

  it('offers only units outside the own subtree as new parents', () => {
    const targets = getUnitForAdmin(db, { viewer: admin, unitId: ids.deskA })!.moveTargets.map((u) => u.id);
    expect(targets).toEqual([ids.province, ids.home, ids.communeA, ids.communeB, ids.deskB]);
  });
});

describe('renames keep codes', () => {
  it('renaming a unit changes its name and search name, never its code', () => {
    const renamed = renameUnit(db, { viewer: admin, unitId: ids.deskA, name: 'Trung tâm PVHCC xã Gia Viễn', address: 'Thôn Đông', sortOrder: 3 });
    expect(renamed).toMatchObject({ name: 'Trung tâm PVHCC xã Gia Viễn', code: 'GVX234', address: 'Thôn Đông', sortOrder: 3 });
    expect(unit(ids.deskA)).toMatchObject({ searchName: 'trung tam pvhcc xa gia vien', code: 'GVX234', path: `/${ids.province}/${ids.communeA}/${ids.deskA}/` });
    expect(getSurveyTarget(db, { code: 'GVX234' })?.unit.name).toBe('Trung tâm PVHCC xã Gia Viễn');
  });

  it('renaming a counter keeps its code', () => {
    renameCounter(db, { viewer: admin, counterId: ids.counterA, name: 'Quầy Hộ tịch', sortOrder: 0 });
    expect(getSurveyTarget(db, { code: 'GVQ234' })?.counter).toEqual({ id: ids.counterA, name: 'Quầy Hộ tịch' });
  });

  it('writes no entry when nothing changed', () => {
    renameUnit(db, { viewer: admin, unitId: ids.deskA, name: 'Bộ phận Một cửa Gia Viễn', address: null, sortOrder: 0 });
    expect(unitAudit()).toEqual([]);
  });
});

describe('disable, enable and codes', () => {
  it('a disabled unit and its counters answer like unknown codes; enabling restores them', () => {
    setUnitActive(db, { viewer: admin, unitId: ids.deskA, active: false });
    expect(getSurveyTarget(db, { code: 'GVX234' })).toBeNull();
    expect(getSurveyTarget(db, { code: 'GVQ234' })).toBeNull();
    // Units below keep their own state.
    expect(getSurveyTarget(db, { code: 'DTN234' })).not.toBeNull();
    setUnitActive(db, { viewer: admin, unitId: ids.deskA, active: true });
    expect(getSurveyTarget(db, { code: 'GVQ234' })).not.toBeNull();
  });

  it('a disabled counter answers like an unknown code', () => {
    setCounterActive(db, { viewer: admin, counterId: ids.counterA, active: false });
    expect(getSurveyTarget(db, { code: 'GVQ234' })).toBeNull();
    expect(getSurveyTarget(db, { code: 'GVX234' })).not.toBeNull();
  });

  it('making a unit rateable gives it a fresh code once', () => {
    const first = makeUnitRateable(db, { viewer: admin, unitId: ids.communeA })!;
    expect(first.code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTWXYZ]{6}$/);
    expect(makeUnitRateable(db, { viewer: admin, unitId: ids.communeA })?.code).toBe(first.code);
    expect(getSurveyTarget(db, { code: first.code! })?.unit.id).toBe(ids.communeA);
    expect(unitAudit().filter((e) => e.action === 'unit.make_rateable')).toHaveLength(1);
  });

  it('new units and counters get codes; a rateable unit only when asked', () => {
    const plain = createUnitInScope(db, { viewer: admin, parentId: ids.communeA, kind: 'other', name: 'Tổ công tác', address: null, rateable: false })!;
    const rated = createUnitInScope(db, { viewer: admin, parentId: ids.communeA, kind: 'office', name: 'Điểm tiếp nhận thôn Tây', address: 'Thôn Tây', rateable: true })!;
    expect(plain.code).toBeNull();
    expect(rated).toMatchObject({ path: `/${ids.province}/${ids.communeA}/${rated.id}/`, address: 'Thôn Tây' });
    expect(getSurveyTarget(db, { code: rated.code! })?.unit.id).toBe(rated.id);
    const quay2 = createCounterInScope(db, { viewer: admin, unitId: ids.deskA, name: 'Quầy 2' })!;
    expect(quay2.sortOrder).toBe(1);
    expect(getSurveyTarget(db, { code: quay2.code })?.counter?.name).toBe('Quầy 2');
  });
});

describe('audit: every change writes an entry with the values before and after', () => {
  // Expectations are thunks: the ids exist only once beforeEach has run.
  type Case = [string, () => unknown, () => { action: string; entityType: string; entityId: number; before: unknown; after: unknown }];
  const cases: Case[] = [
    [
      'create a unit',
      () => createUnitInScope(db, { viewer: admin, parentId: ids.communeB, kind: 'office', name: 'Điểm tiếp nhận', address: null, rateable: false }),
      () => ({ action: 'unit.create', entityType: 'unit', entityId: db.select().from(units).where(eq(units.name, 'Điểm tiếp nhận')).get()!.id, before: null, after: expect.objectContaining({ name: 'Điểm tiếp nhận', kind: 'office', parentId: ids.communeB, code: null }) }),
    ],
    [
      'rename a unit',
      () => renameUnit(db, { viewer: admin, unitId: ids.home, name: 'Sở Nội vụ tỉnh Ninh Bình', address: '1 Lê Hồng Phong', sortOrder: 0 }),
      () => ({ action: 'unit.rename', entityType: 'unit', entityId: ids.home, before: { name: 'Sở Nội vụ', address: null, sortOrder: 0 }, after: { name: 'Sở Nội vụ tỉnh Ninh Bình', address: '1 Lê Hồng Phong', sortOrder: 0 } }),
    ],
    [
      'move a unit',
      () => moveUnit(db, { viewer: admin, unitId: ids.deskA, parentId: ids.communeB }),
      () => ({
        action: 'unit.move',
        entityType: 'unit',
        entityId: ids.deskA,
        before: { parentId: ids.communeA, parentName: 'Xã Gia Viễn', path: `/${ids.province}/${ids.communeA}/${ids.deskA}/` },
        after: { parentId: ids.communeB, parentName: 'Xã Hoa Lư', path: `/${ids.province}/${ids.communeB}/${ids.deskA}/`, unitsMoved: 2 },
      }),
    ],
    ['disable a unit', () => setUnitActive(db, { viewer: admin, unitId: ids.deskB, active: false }), () => ({ action: 'unit.disable', entityType: 'unit', entityId: ids.deskB, before: { active: true }, after: { active: false } })],
    [
      'make a unit rateable',
      () => makeUnitRateable(db, { viewer: admin, unitId: ids.communeB }),
      () => ({ action: 'unit.make_rateable', entityType: 'unit', entityId: ids.communeB, before: { code: null }, after: { code: expect.stringMatching(/^\w{6}$/) } }),
    ],
    [
      'add a counter',
      () => createCounterInScope(db, { viewer: admin, unitId: ids.deskB, name: 'Quầy 2' }),
      () => ({ action: 'counter.create', entityType: 'counter', entityId: db.select().from(counters).where(eq(counters.name, 'Quầy 2')).get()!.id, before: null, after: { unitId: ids.deskB, name: 'Quầy 2', code: expect.any(String), sortOrder: 1 } }),
    ],
    [
      'rename a counter',
      () => renameCounter(db, { viewer: admin, counterId: ids.counterB, name: 'Quầy Đất đai', sortOrder: 2 }),
      () => ({ action: 'counter.rename', entityType: 'counter', entityId: ids.counterB, before: { name: 'Quầy 1', sortOrder: 0 }, after: { name: 'Quầy Đất đai', sortOrder: 2 } }),
    ],
    ['disable a counter', () => setCounterActive(db, { viewer: admin, counterId: ids.counterB, active: false }), () => ({ action: 'counter.disable', entityType: 'counter', entityId: ids.counterB, before: { active: true }, after: { active: false } })],
    [
      'add a procedure field',
      () => createProcedureFieldInScope(db, { viewer: admin, unitId: ids.deskB, name: 'Chứng thực' }),
      () => ({ action: 'procedure_field.create', entityType: 'procedure_field', entityId: db.select().from(procedureFields).where(eq(procedureFields.name, 'Chứng thực')).get()!.id, before: null, after: { unitId: ids.deskB, name: 'Chứng thực', sortOrder: 1 } }),
    ],
    [
      'rename a procedure field',
      () => renameProcedureField(db, { viewer: admin, fieldId: ids.fieldB, name: 'Đất đai, nhà ở', sortOrder: 0 }),
      () => ({ action: 'procedure_field.rename', entityType: 'procedure_field', entityId: ids.fieldB, before: { name: 'Đất đai', sortOrder: 0 }, after: { name: 'Đất đai, nhà ở', sortOrder: 0 } }),
    ],
    [
      'disable a procedure field',
      () => setProcedureFieldActive(db, { viewer: admin, fieldId: ids.fieldB, active: false }),
      () => ({ action: 'procedure_field.disable', entityType: 'procedure_field', entityId: ids.fieldB, before: { active: true }, after: { active: false } }),
    ],
  ];

  it.each(cases)('%s', (_, change, expected) => {
    expect(change()).not.toBeNull();
    const want = expected();
    const { rows } = listAuditEntries(db, { viewer: admin, limit: 10, offset: 0 });
    const mine = rows.filter((r) => r.action !== 'user.create');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ action: want.action, entityType: want.entityType, entityId: String(want.entityId), actorId: admin.userId });
    expect(mine[0]!.before).toEqual(want.before);
    expect(mine[0]!.after).toEqual(want.after);
  });

  it('enabling again is recorded as its own entry', () => {
    setCounterActive(db, { viewer: admin, counterId: ids.counterB, active: false });
    setCounterActive(db, { viewer: admin, counterId: ids.counterB, active: true });
    setProcedureFieldActive(db, { viewer: admin, fieldId: ids.fieldB, active: false });
    setProcedureFieldActive(db, { viewer: admin, fieldId: ids.fieldB, active: true });
    setUnitActive(db, { viewer: admin, unitId: ids.deskB, active: false });
    setUnitActive(db, { viewer: admin, unitId: ids.deskB, active: true });
    expect(listAuditEntries(db, { viewer: admin, limit: 20, offset: 0 }).rows.map((r) => r.action).filter((a) => a !== 'user.create').reverse()).toEqual([
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
  const outside: [string, () => unknown][] = [
    ['create a unit under another commune', () => createUnitInScope(db, { viewer: headA, parentId: ids.communeB, kind: 'office', name: 'X', address: null, rateable: true })],
    ['rename another office', () => renameUnit(db, { viewer: headA, unitId: ids.deskB, name: 'Đã bị đổi', address: null, sortOrder: 0 })],
    ['rename the own commune (above the scope)', () => renameUnit(db, { viewer: headA, unitId: ids.communeA, name: 'Đã bị đổi', address: null, sortOrder: 0 })],
    ['move another office', () => moveUnit(db, { viewer: headA, unitId: ids.deskB, parentId: ids.deskA })],
    ['move the own sub-office out of the scope', () => moveUnit(db, { viewer: headA, unitId: ids.annexA, parentId: ids.communeB })],
    ['disable another office', () => setUnitActive(db, { viewer: headA, unitId: ids.deskB, active: false })],
    ['make another unit rateable', () => makeUnitRateable(db, { viewer: headA, unitId: ids.communeB })],
    ['add a counter to another office', () => createCounterInScope(db, { viewer: headA, unitId: ids.deskB, name: 'Quầy lạ' })],
    ['rename a counter of another office', () => renameCounter(db, { viewer: headA, counterId: ids.counterB, name: 'Đã bị đổi', sortOrder: 0 })],
    ['disable a counter of another office', () => setCounterActive(db, { viewer: headA, counterId: ids.counterB, active: false })],
    ['add a field to another office', () => createProcedureFieldInScope(db, { viewer: headA, unitId: ids.deskB, name: 'Lạ' })],
    ['rename a field of another office', () => renameProcedureField(db, { viewer: headA, fieldId: ids.fieldB, name: 'Đã bị đổi', sortOrder: 0 })],
    ['disable a field of another office', () => setProcedureFieldActive(db, { viewer: headA, fieldId: ids.fieldB, active: false })],
    ['read another office', () => getUnitForAdmin(db, { viewer: headA, unitId: ids.deskB })],
  ];

  it.each(outside)('%s → null, nothing changed', (_, attempt) => {
    const before = everything();
    expect(attempt()).toBeNull();
    expect(everything()).toEqual(before);
  });

  it('the same viewer can change what lies inside the own office', () => {
    expect(renameCounter(db, { viewer: headA, counterId: ids.counterA, name: 'Quầy A', sortOrder: 0 })).not.toBeNull();
    expect(moveUnit(db, { viewer: headA, unitId: ids.annexA, parentId: ids.deskA })?.status).toBe('unchanged');
  });

  it('lists only the own subtree', () => {
    expect(listUnitsForAdmin(db, { viewer: headA }).map((u) => [u.name, u.depth, u.counterCount])).toEqual([
      ['Bộ phận Một cửa Gia Viễn', 0, 1],
      ['Điểm tiếp nhận thôn Đông', 1, 0],
    ]);
    expect(listPosterUnitsInScope(db, { viewer: headA }).map((u) => u.code)).toEqual(['GVX234', 'DTN234']);
  });
});

describe('reads for the administration pages', () => {
  it('the tree counts active counters only', () => {
    createCounterInScope(db, { viewer: admin, unitId: ids.deskA, name: 'Quầy 2' });
    setCounterActive(db, { viewer: admin, counterId: ids.counterA, active: false });
    const row = listUnitsForAdmin(db, { viewer: admin }).find((u) => u.id === ids.deskA)!;
    expect(row.counterCount).toBe(1);
  });

  it('a unit page shows the way down from the scope root, counters and fields, disabled ones too', () => {
    setProcedureFieldActive(db, { viewer: admin, fieldId: ids.fieldA, active: false });
    const page = getUnitForAdmin(db, { viewer: admin, unitId: ids.annexA })!;
    expect(page.ancestors.map((a) => a.name)).toEqual(['Tỉnh Ninh Bình', 'Xã Gia Viễn', 'Bộ phận Một cửa Gia Viễn']);
    const desk = getUnitForAdmin(db, { viewer: headA, unitId: ids.deskA })!;
    expect(desk.ancestors).toEqual([]);
    expect(desk.counters).toEqual([{ id: ids.counterA, name: 'Quầy 1', code: 'GVQ234', active: true, sortOrder: 0 }]);
    expect(desk.procedureFields).toEqual([{ id: ids.fieldA, name: 'Hộ tịch', active: false, sortOrder: 0 }]);
  });

  it('posters: each unit with its own code and its active counters, disabled units left out', () => {
    setUnitActive(db, { viewer: admin, unitId: ids.home, active: false });
    expect(listPosterUnitsInScope(db, { viewer: admin })).toEqual([
      { unitId: ids.deskA, name: 'Bộ phận Một cửa Gia Viễn', parentName: 'Xã Gia Viễn', code: 'GVX234', counters: [{ id: ids.counterA, code: 'GVQ234', name: 'Quầy 1' }] },
      { unitId: ids.annexA, name: 'Điểm tiếp nhận thôn Đông', parentName: 'Bộ phận Một cửa Gia Viễn', code: 'DTN234', counters: [] },
      { unitId: ids.deskB, name: 'Bộ phận Một cửa Hoa Lư', parentName: 'Xã Hoa Lư', code: 'HLX234', counters: [{ id: ids.counterB, code: 'HLQ234', name: 'Quầy 1' }] },
    ]);
  });
});

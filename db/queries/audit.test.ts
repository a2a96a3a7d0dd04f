import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Viewer } from '@/lib/auth/roles';
import { engineKind } from '../engine/kind';
import { rubricPreset } from '@/lib/evaluation/rubric';
import { auditNameRefs } from '@/lib/audit-names';
import { counters, evaluationPeriods, evaluationSheets, kiosks, questionSets, units } from '../schema';
import { withConn } from '../store';
import { openTestStore, type TestStore } from '../testing';
import { createAnonymousFailureEntry, createAuditEntry, listAuditActions, listAuditActors, listAuditEntries, listAuditNames } from './audit';
import { createUser, getViewer, recordSignIn, updateUser } from './users';

// A province with two wards, each with its one-stop office; administrators of the province and of ward A.
let t: TestStore;
let u: Record<'province' | 'wardA' | 'officeA' | 'wardB' | 'officeB', number>;
let provinceAdmin: Viewer;
let wardAdmin: Viewer;
let headB: Viewer;

async function addUnit(parentId: number | null, kind: string, name: string) {
  const [parent] = parentId == null ? [] : await t.conn.db.select({ path: units.path }).from(units).where(eq(units.id, parentId));
  const [row] = await t.conn.db.insert(units).values({ parentId, path: '/', kind, name, searchName: name.toLowerCase() }).returning({ id: units.id });
  await t.conn.db.update(units).set({ path: `${parent?.path ?? '/'}${row!.id}/` }).where(eq(units.id, row!.id));
  return row!.id;
}

/** The audit entries other modules write when they change things (unit-admin.ts, question-set-admin.ts), with their entities. */
async function addCounter(unitId: number, name: string) {
  const [row] = await t.conn.db.insert(counters).values({ unitId, name, code: `Q${unitId}${name.length}` }).returning({ id: counters.id });
  return row!.id;
}
async function addQuestionSet(ownerUnitId: number, name: string, isDefault = false) {
  const [row] = await t.conn.db.insert(questionSets).values({ name, isDefault, ownerUnitId }).returning({ id: questionSets.id });
  return row!.id;
}
const renameUnit = (actor: Viewer, unitId: number) => createAuditEntry({ actorId: actor.userId, action: 'unit.rename', entityType: 'unit', entityId: unitId, before: { name: 'a' }, after: { name: 'b' } });
const renameCounter = (actor: Viewer, counterId: number) => createAuditEntry({ actorId: actor.userId, action: 'counter.rename', entityType: 'counter', entityId: counterId });
const copyQuestionSet = async (actor: Viewer, name: string) => {
  const id = await addQuestionSet(actor.scopeUnitId, name);
  await createAuditEntry({ actorId: actor.userId, action: 'question_set.create', entityType: 'question_set', entityId: id });
  return id;
};

beforeEach(async () => {
  t = await openTestStore();
  const province = await addUnit(null, 'province', 'Tỉnh');
  const wardA = await addUnit(province, 'commune', 'Phường A');
  const wardB = await addUnit(province, 'commune', 'Phường B');
  u = { province, wardA, officeA: await addUnit(wardA, 'office', 'Một cửa A'), wardB, officeB: await addUnit(wardB, 'office', 'Một cửa B') };
  await addQuestionSet(province, 'Mặc định', true);
  const account = async (username: string, role: Viewer['role'], scopeUnitId: number, email: string) =>
    (await getViewer({
      userId: (await createUser({ user: { username, email, displayName: `Tên ${username}`, passwordHash: 'x', role, scopeUnitId, mustChangePassword: false }, actorId: null })).id,
      sessionVersion: 1,
    }))!;
  provinceAdmin = await account('quantri', 'admin', province, 'quantri@tinh.gov.vn');
  wardAdmin = await account('quantri.a', 'admin', wardA, 'quantri.a@phuong.gov.vn');
  headB = await account('thutruong.b', 'office_head', u.officeB, 'thutruong.b@phuong.gov.vn');
});
afterEach(() => t.dispose());

const unitsOf = () =>
  withConn((c) => c.all<{ action: string; type: string; id: string | null; unitId: number | null }>('select action, entity_type as "type", entity_id as id, unit_id as "unitId" from audit_log order by audit_log.id'));
const all = (viewer: Viewer) => listAuditEntries({ viewer, limit: 100, offset: 0 });

describe('createAuditEntry', () => {
  it('derives the unit an entry concerns from its entity', async () => {
    const counter = await addCounter(u.officeB, 'Quầy 1');
    await renameUnit(provinceAdmin, u.officeA);
    await renameCounter(provinceAdmin, counter);
    await updateUser({ viewer: provinceAdmin, userId: headB.userId, changes: { displayName: 'Trưởng B' } });
    const set = await copyQuestionSet(wardAdmin, 'Bộ của phường A');
    await createAuditEntry({ actorId: null, action: 'contact.purge', entityType: 'contact', after: { count: 3 } });
    await createAuditEntry({ actorId: null, action: 'x.unknown', entityType: 'unit', entityId: 'abc' });
    await createAuditEntry({ actorId: provinceAdmin.userId, action: 'export.evaluation', entityType: 'evaluation_period', entityId: 999, unitId: u.officeA });
    expect((await unitsOf()).filter((r) => !r.action.startsWith('user.create'))).toEqual([
      { action: 'unit.rename', type: 'unit', id: String(u.officeA), unitId: u.officeA },
      { action: 'counter.rename', type: 'counter', id: String(counter), unitId: u.officeB },
      { action: 'user.update', type: 'user', id: String(headB.userId), unitId: u.officeB },
      { action: 'question_set.create', type: 'question_set', id: String(set), unitId: u.wardA },
      { action: 'contact.purge', type: 'contact', id: null, unitId: null },
      { action: 'x.unknown', type: 'unit', id: 'abc', unitId: null },
      // A caller that knows better passes the unit.
      { action: 'export.evaluation', type: 'evaluation_period', id: '999', unitId: u.officeA },
    ]);
  });

  it('keeps anonymous failures concerning different offices in separate rows', async () => {
    const at = new Date('2026-12-04T03:00:00Z');
    for (const [userId, minutes] of [[headB.userId, 0], [headB.userId, 1], [wardAdmin.userId, 2], [null, 3]] as const) {
      await createAnonymousFailureEntry({ action: 'auth.sign_in_failed', entityType: 'user', entityId: userId, networkHash: 'n1', at: new Date(at.getTime() + minutes * 60_000) });
    }
    const rows = await withConn((c) => c.all('select unit_id as "unitId", count from audit_log where action = ? order by id', ['auth.sign_in_failed']));
    expect(rows).toEqual([
      { unitId: u.officeB, count: 2 },
      { unitId: u.wardA, count: 1 },
      { unitId: null, count: 1 },
    ]);
  });

  it('opens a new row once the window of the open one has passed', async () => {
    const at = new Date('2026-12-04T03:00:00Z');
    for (const minutes of [0, 14, 15, 16]) {
      await createAnonymousFailureEntry({ action: 'kiosk.pair_failed', entityType: 'kiosk', networkHash: 'n1', at: new Date(at.getTime() + minutes * 60_000) });
    }
    const rows = await withConn((c) => c.all('select count, last_at as "lastAt" from audit_log where action = ? order by id', ['kiosk.pair_failed']));
    expect(rows).toEqual([
      { count: 3, lastAt: at.getTime() + 15 * 60_000 },
      { count: 1, lastAt: null },
    ]);
  });

  it('aggregates concurrent anonymous failures of one window into one row', async () => {
    // Two app servers recording a failure from one network at the same moment: one row counting both, never two rows.
    const at = new Date('2026-12-04T04:00:00Z');
    for (const round of [1, 2, 3]) {
      const fail = (i: number) =>
        createAnonymousFailureEntry({ action: `auth.sign_in_failed`, entityType: 'user', entityId: null, after: { login: `x${i}` }, networkHash: `net-${round}`, at: new Date(at.getTime() + i) });
      await Promise.all([fail(0), fail(1)]);
    }
    const rows = await withConn((c) => c.all('select network_hash as "networkHash", count from audit_log where action = ? order by network_hash', ['auth.sign_in_failed']));
    expect(rows).toEqual([
      { networkHash: 'net-1', count: 2 },
      { networkHash: 'net-2', count: 2 },
      { networkHash: 'net-3', count: 2 },
    ]);
  });
});

describe('listAuditEntries', () => {
  beforeEach(async () => {
    await renameUnit(provinceAdmin, u.officeA);
    await renameUnit(provinceAdmin, u.officeB);
    await recordSignIn({ userId: headB.userId, accountKey: 'thutruong.b', networkHash: null, ok: true, at: new Date() });
    await recordSignIn({ userId: null, accountKey: 'ai-do', networkHash: null, ok: false, at: new Date() });
  });

  it('shows a ward administrator only the entries of their ward, never another office’s or the whole system’s', async () => {
    const { rows, total } = await all(wardAdmin);
    const seen = rows.map((r) => `${r.action} ${r.entityType} ${r.entityId}`);
    expect(seen).toContain(`unit.rename unit ${u.officeA}`);
    expect(seen).not.toContain(`unit.rename unit ${u.officeB}`);
    expect(seen).not.toContain(`auth.sign_in user ${headB.userId}`);
    expect(rows.some((r) => r.action === 'auth.sign_in_failed')).toBe(false);
    // The province administrator's account (created at the province) is not the ward's either.
    expect(seen).not.toContain(`user.create user ${provinceAdmin.userId}`);
    expect(total).toBe(rows.length);
    expect(JSON.stringify(rows)).not.toContain('thutruong.b');
  });

  it('shows a provincial administrator everything, including entries without a unit', async () => {
    const { rows } = await all(provinceAdmin);
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['unit.rename', 'auth.sign_in', 'auth.sign_in_failed']));
    expect(rows.filter((r) => r.action === 'unit.rename')).toHaveLength(2);
  });

  it('pages newest first and counts every entry the viewer may read', async () => {
    const first = await listAuditEntries({ viewer: provinceAdmin, limit: 2, offset: 0 });
    const second = await listAuditEntries({ viewer: provinceAdmin, limit: 2, offset: 2 });
    const everything = (await all(provinceAdmin)).rows;
    expect(first.total).toBe(everything.length);
    expect([...first.rows, ...second.rows].map((r) => r.id)).toEqual(everything.slice(0, 4).map((r) => r.id));
    expect(typeof first.total).toBe('number');
  });

  it('names an actor from above the ward but gives neither their login nor their e-mail', async () => {
    const entry = (await all(wardAdmin)).rows.find((r) => r.action === 'unit.rename')!;
    expect(entry).toMatchObject({ actorId: provinceAdmin.userId, actorName: 'Tên quantri', actorUsername: null });
    expect(JSON.stringify((await all(wardAdmin)).rows)).not.toContain('quantri@tinh.gov.vn');
    expect((await all(provinceAdmin)).rows.find((r) => r.action === 'unit.rename')).toMatchObject({ actorUsername: 'quantri' });
  });

  it('offers as filters only the actions and actors of the entries the viewer reads', async () => {
    expect(await listAuditActions({ viewer: wardAdmin })).toEqual(['unit.rename', 'user.create']);
    expect(await listAuditActors({ viewer: wardAdmin })).toEqual([{ id: provinceAdmin.userId, displayName: 'Tên quantri', username: null }]);
    expect(await listAuditActions({ viewer: provinceAdmin })).toEqual(['auth.sign_in', 'auth.sign_in_failed', 'unit.rename', 'user.create']);
    expect((await listAuditActors({ viewer: provinceAdmin })).map((a) => a.username)).toEqual(['quantri', 'thutruong.b']);
  });
});

// SQLite only: 0008 is a migration of the SQLite history. PostgreSQL databases start from one
// migration of today's schema (db/migrations/pg), with no older rows to backfill.
describe('listAuditNames', () => {
  it('names the accounts, units, counters, kiosks, sets, periods and sheets a page of entries mentions', async () => {
    const counter = await addCounter(u.officeA, 'Quầy 1');
    const [kiosk] = await t.conn.db.insert(kiosks).values({ unitId: u.officeA, name: 'Máy sảnh' }).returning({ id: kiosks.id });
    const set = await addQuestionSet(u.wardA, 'Bộ của phường A');
    const now = new Date('2026-12-05T03:00:00Z');
    const [period] = await t.conn.db
      .insert(evaluationPeriods)
      .values({ year: 2026, name: 'Đánh giá năm 2026', unitId: u.province, dueDate: '2026-12-15', rubric: JSON.stringify(rubricPreset('mac-dinh')), createdBy: null, createdAt: now, updatedAt: now })
      .returning({ id: evaluationPeriods.id });
    const [sheet] = await t.conn.db.insert(evaluationSheets).values({ periodId: period!.id, unitId: u.officeA, status: 'reviewed', updatedAt: now }).returning({ id: evaluationSheets.id });
    await createAuditEntry({ actorId: provinceAdmin.userId, action: 'evaluation.finalise', entityType: 'evaluation', entityId: sheet!.id, before: { status: 'reviewed' }, after: { periodId: period!.id, unitId: u.officeA, status: 'finalised' } });
    await createAuditEntry({ actorId: provinceAdmin.userId, action: 'user.update', entityType: 'user', entityId: headB.userId, before: { scopeUnitId: u.officeB }, after: { scopeUnitId: u.officeA } });
    await createAuditEntry({ actorId: provinceAdmin.userId, action: 'kiosk.update', entityType: 'kiosk', entityId: kiosk!.id, after: { counterId: counter } });
    await createAuditEntry({ actorId: wardAdmin.userId, action: 'unit.assign_question_set', entityType: 'unit', entityId: u.officeA, after: { questionSetId: set } });

    const { rows } = await listAuditEntries({ viewer: provinceAdmin, limit: 10, offset: 0 });
    expect(rows.find((r) => r.action === 'evaluation.finalise')!.unitName).toBe('Một cửa A');
    const names = await listAuditNames(auditNameRefs(rows));
    expect(names.sheets.get(sheet!.id)).toEqual({ unitName: 'Một cửa A', periodId: period!.id });
    expect(names.periods.get(period!.id)!.name).toBe('Đánh giá năm 2026');
    expect(names.periods.get(period!.id)!.criteria.get('ke-hoach')).toBe('Ban hành kế hoạch, quy chế thực hiện mô hình');
    expect(names.users.get(headB.userId)).toBe('Tên thutruong.b');
    expect(names.units.get(u.officeB)).toBe('Một cửa B');
    expect(names.units.get(u.officeA)).toBe('Một cửa A');
    expect(names.counters.get(counter)).toBe('Quầy 1 (Một cửa A)');
    expect(names.kiosks.get(kiosk!.id)).toBe('Máy sảnh');
    expect(names.questionSets.get(set)).toBe('Bộ của phường A');
  });

  it('asks nothing for no ids and leaves out ids that are gone', async () => {
    const none = await listAuditNames({});
    expect(Object.values(none).every((m) => m.size === 0)).toBe(true);
    const gone = await listAuditNames({ users: [999_999], units: [u.province, 999_998], periods: [999_997] });
    expect([...gone.users.keys(), ...gone.periods.keys()]).toEqual([]);
    expect([...gone.units.keys()]).toEqual([u.province]);
  });
});

describe.runIf(engineKind() === 'sqlite')('the backfill in migration 0008', () => {
  it('gives older entries and question sets the same units as createAuditEntry and copyQuestionSet do', async () => {
    const counter = await addCounter(u.officeB, 'Quầy 1');
    await renameUnit(provinceAdmin, u.officeA);
    await renameCounter(provinceAdmin, counter);
    await copyQuestionSet(wardAdmin, 'Bộ của phường A');
    await recordSignIn({ userId: headB.userId, accountKey: 'thutruong.b', networkHash: null, ok: true, at: new Date() });
    await createAuditEntry({ actorId: null, action: 'contact.purge', entityType: 'contact', after: { count: 3 } });
    const snapshot = () => withConn((c) => c.all<{ id: number; unitId: number | null }>('select id, unit_id as "unitId" from audit_log order by id'));
    const want = await snapshot();
    expect(want.filter((r) => r.unitId !== null).length).toBeGreaterThan(5);

    // The state before 0008: no unit on any entry; the default set without an owner.
    await withConn(async (c) => {
      await c.run('update audit_log set unit_id = null');
      await c.run('update question_sets set owner_unit_id = null where id = 1');
      const statements = fs.readFileSync(path.join(__dirname, '../migrations/sqlite/0008_hardening.sql'), 'utf8').split('--> statement-breakpoint');
      for (const statement of statements.filter((s) => /^\s*UPDATE `(audit_log|question_sets)`/.test(s))) await c.run(statement);
    });
    expect(await snapshot()).toEqual(want);
    expect(await withConn((c) => c.get('select owner_unit_id as owner from question_sets where id = 1'))).toEqual({ owner: u.province });
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Viewer } from '@/lib/auth/roles';
import { DEFAULT_QUESTION_SET } from '@/lib/survey/question-set';
import { openTestDb } from '../testing';
import { createAnonymousFailureEntry, createAuditEntry, listAuditActions, listAuditActors, listAuditEntries } from './audit';
// eslint-disable-next-line no-restricted-imports -- TRANSITIONAL (issue 12): copying a set is a use case of server/ now; this test of audit.ts still makes one through it.
import { copyQuestionSet } from '@/server/question-sets';
import { createQuestionSet } from './question-sets';
import { renameCounter, renameUnit } from './unit-admin';
import { createCounter, createUnit } from './units';
import { createUser, getViewer, recordSignIn, updateUser } from './users';

// A province with two wards, each with its one-stop office; administrators of the province and of ward A.
let db: ReturnType<typeof openTestDb>;
let u: Record<'province' | 'wardA' | 'officeA' | 'wardB' | 'officeB', number>;
let provinceAdmin: Viewer;
let wardAdmin: Viewer;
let headB: Viewer;

beforeEach(async () => {
  db = openTestDb();
  const province = (await createUnit({ parentId: null, kind: 'province', name: 'Tỉnh', rateable: false })).id;
  const wardA = (await createUnit({ parentId: province, kind: 'commune', name: 'Phường A', rateable: false })).id;
  const wardB = (await createUnit({ parentId: province, kind: 'commune', name: 'Phường B', rateable: false })).id;
  u = {
    province,
    wardA,
    officeA: (await createUnit({ parentId: wardA, kind: 'office', name: 'Một cửa A', rateable: true })).id,
    wardB,
    officeB: (await createUnit({ parentId: wardB, kind: 'office', name: 'Một cửa B', rateable: true })).id,
  };
  createQuestionSet(db, { name: 'Mặc định', isDefault: true, definition: DEFAULT_QUESTION_SET, ownerUnitId: province });
  const account = (username: string, role: Viewer['role'], scopeUnitId: number, email: string) =>
    getViewer(db, {
      userId: createUser(db, { user: { username, email, displayName: `Tên ${username}`, passwordHash: 'x', role, scopeUnitId, mustChangePassword: false }, actorId: null }).id,
      sessionVersion: 1,
    })!;
  provinceAdmin = account('quantri', 'admin', province, 'quantri@tinh.gov.vn');
  wardAdmin = account('quantri.a', 'admin', wardA, 'quantri.a@phuong.gov.vn');
  headB = account('thutruong.b', 'office_head', u.officeB, 'thutruong.b@phuong.gov.vn');
});
afterEach(() => db.dispose());

const unitsOf = () => db.$client.prepare('select action, entity_type as type, entity_id as id, unit_id as unitId from audit_log order by rowid').all() as { action: string; type: string; id: string | null; unitId: number | null }[];
const all = (viewer: Viewer) => listAuditEntries(db, { viewer, limit: 100, offset: 0 });

describe('createAuditEntry', () => {
  it('derives the unit an entry concerns from its entity', async () => {
    const counter = await createCounter({ unitId: u.officeB, name: 'Quầy 1' });
    await renameUnit({ viewer: provinceAdmin, unitId: u.officeA, name: 'Một cửa A mới', address: null, sortOrder: 0 });
    await renameCounter({ viewer: provinceAdmin, counterId: counter.id, name: 'Quầy 1 mới', sortOrder: 0 });
    updateUser(db, { viewer: provinceAdmin, userId: headB.userId, changes: { displayName: 'Trưởng B' } });
    const set = (await copyQuestionSet({ viewer: wardAdmin, sourceId: 1, name: 'Bộ của phường A' }))!;
    createAuditEntry(db, { actorId: null, action: 'contact.purge', entityType: 'contact', after: { count: 3 } });
    createAuditEntry(db, { actorId: null, action: 'x.unknown', entityType: 'unit', entityId: 'abc' });
    createAuditEntry(db, { actorId: provinceAdmin.userId, action: 'export.evaluation', entityType: 'evaluation_period', entityId: 999, unitId: u.officeA });
    expect(unitsOf().filter((r) => !r.action.startsWith('user.create'))).toEqual([
      { action: 'unit.rename', type: 'unit', id: String(u.officeA), unitId: u.officeA },
      { action: 'counter.rename', type: 'counter', id: String(counter.id), unitId: u.officeB },
      { action: 'user.update', type: 'user', id: String(headB.userId), unitId: u.officeB },
      { action: 'question_set.create', type: 'question_set', id: String(set.id), unitId: u.wardA },
      { action: 'contact.purge', type: 'contact', id: null, unitId: null },
      { action: 'x.unknown', type: 'unit', id: 'abc', unitId: null },
      // A caller that knows better passes the unit.
      { action: 'export.evaluation', type: 'evaluation_period', id: '999', unitId: u.officeA },
    ]);
  });

  it('keeps anonymous failures concerning different offices in separate rows', () => {
    const at = new Date('2026-12-04T03:00:00Z');
    for (const [userId, minutes] of [[headB.userId, 0], [headB.userId, 1], [wardAdmin.userId, 2], [null, 3]] as const) {
      createAnonymousFailureEntry(db, { action: 'auth.sign_in_failed', entityType: 'user', entityId: userId, networkHash: 'n1', at: new Date(at.getTime() + minutes * 60_000) });
    }
    const rows = db.$client.prepare("select unit_id as unitId, count from audit_log where action = 'auth.sign_in_failed' order by id").all();
    expect(rows).toEqual([
      { unitId: u.officeB, count: 2 },
      { unitId: u.wardA, count: 1 },
      { unitId: null, count: 1 },
    ]);
  });
});

describe('listAuditEntries', () => {
  beforeEach(async () => {
    await renameUnit({ viewer: provinceAdmin, unitId: u.officeA, name: 'Một cửa A mới', address: null, sortOrder: 0 });
    await renameUnit({ viewer: provinceAdmin, unitId: u.officeB, name: 'Một cửa B mới', address: null, sortOrder: 0 });
    recordSignIn(db, { userId: headB.userId, accountKey: 'thutruong.b', networkHash: null, ok: true, at: new Date() });
    recordSignIn(db, { userId: null, accountKey: 'ai-do', networkHash: null, ok: false, at: new Date() });
  });

  it('shows a ward administrator only the entries of their ward, never another office’s or the whole system’s', () => {
    const { rows, total } = all(wardAdmin);
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

  it('shows a provincial administrator everything, including entries without a unit', () => {
    const { rows } = all(provinceAdmin);
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['unit.rename', 'auth.sign_in', 'auth.sign_in_failed']));
    expect(rows.filter((r) => r.action === 'unit.rename')).toHaveLength(2);
  });

  it('names an actor from above the ward but gives neither their login nor their e-mail', () => {
    const entry = all(wardAdmin).rows.find((r) => r.action === 'unit.rename')!;
    expect(entry).toMatchObject({ actorId: provinceAdmin.userId, actorName: 'Tên quantri', actorUsername: null });
    expect(JSON.stringify(all(wardAdmin).rows)).not.toContain('quantri@tinh.gov.vn');
    expect(all(provinceAdmin).rows.find((r) => r.action === 'unit.rename')).toMatchObject({ actorUsername: 'quantri' });
  });

  it('offers as filters only the actions and actors of the entries the viewer reads', () => {
    expect(listAuditActions(db, { viewer: wardAdmin })).toEqual(['unit.rename', 'user.create']);
    expect(listAuditActors(db, { viewer: wardAdmin })).toEqual([{ id: provinceAdmin.userId, displayName: 'Tên quantri', username: null }]);
    expect(listAuditActions(db, { viewer: provinceAdmin })).toEqual(['auth.sign_in', 'auth.sign_in_failed', 'unit.rename', 'user.create']);
    expect(listAuditActors(db, { viewer: provinceAdmin }).map((a) => a.username)).toEqual(['quantri', 'thutruong.b']);
  });
});

describe('the backfill in migration 0008', () => {
  it('gives older entries and question sets the same units as createAuditEntry and copyQuestionSet do', async () => {
    const counter = await createCounter({ unitId: u.officeB, name: 'Quầy 1' });
    await renameUnit({ viewer: provinceAdmin, unitId: u.officeA, name: 'Một cửa A mới', address: null, sortOrder: 0 });
    await renameCounter({ viewer: provinceAdmin, counterId: counter.id, name: 'Quầy 1 mới', sortOrder: 0 });
    await copyQuestionSet({ viewer: wardAdmin, sourceId: 1, name: 'Bộ của phường A' });
    recordSignIn(db, { userId: headB.userId, accountKey: 'thutruong.b', networkHash: null, ok: true, at: new Date() });
    createAuditEntry(db, { actorId: null, action: 'contact.purge', entityType: 'contact', after: { count: 3 } });
    const snapshot = () => db.$client.prepare('select id, unit_id as unitId from audit_log order by id').all();
    const want = snapshot();
    expect(want.filter((r) => (r as { unitId: number | null }).unitId !== null).length).toBeGreaterThan(5);

    // The state before 0008: no unit on any entry; the default set without an owner.
    db.$client.exec('update audit_log set unit_id = null; update question_sets set owner_unit_id = null where id = 1');
    const statements = fs.readFileSync(path.join(__dirname, '../migrations/sqlite/0008_hardening.sql'), 'utf8').split('--> statement-breakpoint');
    for (const statement of statements.filter((s) => /^\s*UPDATE `(audit_log|question_sets)`/.test(s))) db.$client.exec(statement);
    expect(snapshot()).toEqual(want);
    expect(db.$client.prepare('select owner_unit_id as owner from question_sets where id = 1').get()).toEqual({ owner: u.province });
  });
});

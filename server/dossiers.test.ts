import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getDossierByCode, getDossierRating, listDossiers } from '@/db/queries/dossiers';
import { getIntegration, listIntegrations, revokeIntegration } from '@/db/queries/integrations';
import { addTestViewer, openTestStore, type TestStore } from '@/db/testing';
import { addCounter, addQuestionSet, addUnit, type UnitRef } from '@/db/testing-reading';
import type { Viewer } from '@/lib/auth/roles';
import { isGenuineDossierToken } from '@/lib/dossier-token';
import type { DossierInput } from '@/lib/validation/dossier';
import { dossierTokenKey, importDossiers, registerDossierByApi, registerDossiers } from './dossiers';
import { admitApiCall, authenticateApiKey, createIntegrationKey } from './integrations';

let t: TestStore;
let province: UnitRef;
let ward: UnitRef;
let officeA: UnitRef;
let officeB: UnitRef;
let wardOffice: UnitRef;
let counterA: number;
let admin: Viewer;
let wardAdmin: Viewer;
let headA: Viewer;

const NOW = new Date('2026-12-05T03:00:00Z');
const code = async (u: UnitRef) => (await t.conn.value<string>('select code from units where id = ?', [u.id]))!;
const counterCode = async (id: number) => (await t.conn.value<string>('select code from counters where id = ?', [id]))!;
const count = async (sql: string, params: unknown[] = []) => Number(await t.conn.value<number>(sql, params));

function dossier(over: Partial<DossierInput> & Pick<DossierInput, 'officeCode'>): DossierInput {
  return {
    code: 'H56-241205-0001',
    procedure: 'Đăng ký khai sinh',
    receivedAt: new Date('2026-12-05T01:30:00Z'),
    dueAt: new Date('2026-12-10T10:00:00Z'),
    returnedAt: null,
    ...over,
  };
}

beforeEach(async () => {
  t = await openTestStore();
  province = await addUnit(null, 'province', 'Tỉnh');
  officeA = await addUnit(province, 'office', 'Trung tâm A');
  officeB = await addUnit(province, 'office', 'Sở B');
  ward = await addUnit(province, 'ward', 'Phường C');
  wardOffice = await addUnit(ward, 'office', 'Bộ phận một cửa phường C');
  counterA = await addCounter(officeA.id, 'Quầy 1');
  admin = await addTestViewer('admin', province, 'admin');
  wardAdmin = await addTestViewer('admin', ward, 'admin.ward');
  headA = await addTestViewer('office_head', officeA, 'head.a');
});
afterEach(() => t.dispose());

const byKey = (integrationId: number, scopePath: string, d: DossierInput, now = NOW) => registerDossierByApi({ integrationId, scopePath, dossier: d, now });

describe('registering a dossier through the API', () => {
  it('stores it with a genuine token, again updates its times and keeps its link, each call audited with the key', async () => {
    const made = (await createIntegrationKey({ viewer: admin, unitId: province.id, name: 'Một cửa tỉnh', now: NOW }))!;
    const id = made.integration.id;
    const first = await byKey(id, province.path, dossier({ officeCode: await counterCode(counterA) }));
    expect(first.problems).toEqual([]);
    expect(first.stored).toMatchObject([{ code: 'H56-241205-0001', unitId: officeA.id, created: true }]);
    const token = first.stored[0]!.token;
    expect(isGenuineDossierToken(dossierTokenKey(), token)).toBe(true);
    // The view the API answers with, built without reading back, is what a read gives (office and counter named by the counter's code).
    expect(first.stored[0]!.view).toEqual(await getDossierByCode({ code: 'H56-241205-0001', scopePath: province.path }));
    expect(first.stored[0]!.view).toMatchObject({ officeName: 'Trung tâm A', counterName: 'Quầy 1' });

    const later = new Date(NOW.getTime() + 3600_000);
    const again = await byKey(id, province.path, dossier({ officeCode: await code(officeA), returnedAt: new Date('2026-12-05T03:30:00Z'), procedure: 'Khai sinh' }), later);
    expect(again.stored).toMatchObject([{ id: first.stored[0]!.id, token, created: false }]);

    const view = (await getDossierByCode({ code: 'H56-241205-0001', scopePath: province.path }))!;
    expect(view).toMatchObject({ unitId: officeA.id, counterName: null, procedure: 'Khai sinh', token, source: 'api', returnedAt: new Date('2026-12-05T03:30:00Z'), updatedAt: later });
    expect(again.stored[0]!.view).toEqual(view);
    expect(await count('select count(*) from dossiers')).toBe(1);
    const audit = await t.conn.all<{ actorId: number | null; integrationId: number; unitId: number; after: string }>(
      `select actor_id as "actorId", integration_id as "integrationId", unit_id as "unitId", after from audit_log where action = 'api.dossier.register' order by id`,
    );
    expect(audit.map((a) => [a.actorId, a.integrationId, a.unitId, JSON.parse(a.after).created])).toEqual([
      [null, id, officeA.id, true],
      [null, id, officeA.id, false],
    ]);
  });

  it('refuses an office outside the key’s subtree like an unknown one, and a code held outside it as a conflict; nothing stored', async () => {
    const wardKey = (await createIntegrationKey({ viewer: wardAdmin, unitId: ward.id, name: 'Một cửa phường', now: NOW }))!.integration.id;
    const provinceKey = (await createIntegrationKey({ viewer: admin, unitId: province.id, name: 'Một cửa tỉnh', now: NOW }))!.integration.id;

    const outside = await byKey(wardKey, ward.path, dossier({ officeCode: await code(officeA) }));
    const unknown = await byKey(wardKey, ward.path, dossier({ officeCode: 'ZZZZ99' }));
    expect([outside.problems[0]?.kind, unknown.problems[0]?.kind]).toEqual(['unknown_office', 'unknown_office']);
    expect(outside.problems[0]!.message).toBe(unknown.problems[0]!.message.replace('ZZZZ99', await code(officeA)));
    expect(await count('select count(*) from dossiers')).toBe(0);

    await byKey(provinceKey, province.path, dossier({ code: 'P-1', officeCode: await code(officeA) }));
    const taken = await byKey(wardKey, ward.path, dossier({ code: 'P-1', officeCode: await code(wardOffice) }));
    expect(taken.problems).toMatchObject([{ kind: 'code_elsewhere', field: 'code' }]);
    const moved = await byKey(provinceKey, province.path, dossier({ code: 'P-1', officeCode: await code(officeB) }));
    expect(moved.problems).toMatchObject([{ kind: 'other_office' }]);
    expect(await t.conn.all('select code, unit_id as "unitId" from dossiers')).toEqual([{ code: 'P-1', unitId: officeA.id }]);
    // The ward's key cannot read the province's dossier either.
    expect(await getDossierByCode({ code: 'P-1', scopePath: ward.path })).toBeNull();
  });

  it('reads back the rating given through the link', async () => {
    const id = (await createIntegrationKey({ viewer: admin, unitId: province.id, name: 'K', now: NOW }))!.integration.id;
    const stored = (await byKey(id, province.path, dossier({ officeCode: await code(officeA) }))).stored[0]!;
    expect(await getDossierRating({ dossierId: stored.id })).toBeNull();
    const versionId = await addQuestionSet();
    const at = new Date('2026-12-05T04:00:00Z').getTime();
    await t.conn.run(
      `insert into responses (client_id, unit_id, question_set_version_id, channel, submitted_at, received_at, lang, dossier_id) values ('c-1', ?, ?, 'dossier', ?, ?, 'vi', ?)`,
      [officeA.id, versionId, at, at, stored.id],
    );
    const responseId = (await t.conn.value<number>(`select id from responses where client_id = 'c-1'`))!;
    await t.conn.run(`insert into answers (response_id, question_key, score, choice) values (?, 'q1', 5, null), (?, 'q2', 2, null), (?, 'q10', null, 'wait')`, [
      responseId,
      responseId,
      responseId,
    ]);
    expect(await getDossierRating({ dossierId: stored.id })).toEqual({
      responseId: Number(responseId),
      ratedAt: new Date(at),
      scores: [
        { questionKey: 'q1', score: 5 },
        { questionKey: 'q2', score: 2 },
      ],
    });
  });
});

describe('a head’s CSV', () => {
  const rows = async () => [
    dossier({ code: 'C-1', officeCode: await code(officeA) }),
    dossier({ code: 'C-2', officeCode: await code(officeB) }),
    dossier({ code: 'C-3', officeCode: await counterCode(counterA) }),
  ];

  it('stores nothing when a row is refused, unless asked to store the valid rows; audited once', async () => {
    const refused = await importDossiers({ viewer: headA, rows: await rows(), mode: 'all_or_nothing', fileName: 'a.csv', now: NOW });
    expect(refused.problems).toMatchObject([{ index: 1, kind: 'unknown_office' }]);
    expect(refused.stored).toEqual([]);
    const checked = await importDossiers({ viewer: headA, rows: await rows(), mode: 'check', fileName: 'a.csv', now: NOW });
    expect(checked.stored).toEqual([]);
    expect(await count('select count(*) from dossiers')).toBe(0);
    expect(await count(`select count(*) from audit_log where action = 'dossier.import'`)).toBe(0);

    const valid = await importDossiers({ viewer: headA, rows: await rows(), mode: 'valid_only', fileName: 'a.csv', now: NOW });
    expect(valid).toMatchObject({ created: 2, updated: 0 });
    expect(valid.stored.map((s) => s.code)).toEqual(['C-1', 'C-3']);
    const listed = await listDossiers({ viewer: headA, updatedAt: NOW });
    expect(listed.map((d) => [d.code, d.source, d.counterName])).toEqual([
      ['C-1', 'csv', null],
      ['C-3', 'csv', 'Quầy 1'],
    ]);
    const audit = await t.conn.all<{ actorId: number; after: string }>(`select actor_id as "actorId", after from audit_log where action = 'dossier.import'`);
    expect(audit.map((a) => [a.actorId, JSON.parse(a.after)])).toEqual([[headA.userId, { fileName: 'a.csv', rows: 3, created: 2, updated: 0, refused: 1 }]]);
    // Another head's scope sees none of them.
    const headB = await addTestViewer('office_head', officeB, 'head.b');
    expect(await listDossiers({ viewer: headB })).toEqual([]);
  });

  it('imports 10,000 rows in one transaction, and again as updates', async () => {
    const office = await code(officeA);
    const many = Array.from({ length: 10_000 }, (_, i) => dossier({ code: `BULK-${i}`, officeCode: office }));
    const started = Date.now();
    const first = await importDossiers({ viewer: headA, rows: many, mode: 'all_or_nothing', fileName: 'big.csv', now: NOW });
    const later = new Date(NOW.getTime() + 60_000);
    const second = await importDossiers({ viewer: headA, rows: many, mode: 'all_or_nothing', fileName: 'big.csv', now: later });
    expect(Date.now() - started).toBeLessThan(20_000);
    expect([first.created, second.updated]).toEqual([10_000, 10_000]);
    expect(await count('select count(*) from dossiers where updated_at = ?', [later.getTime()])).toBe(10_000);
    expect(new Set(first.stored.map((s) => s.token)).size).toBe(10_000);
  }, 60_000);
});

describe('keys', () => {
  it('authenticates only the whole key, until revoked; a ward administrator manages only the ward’s keys', async () => {
    const made = (await createIntegrationKey({ viewer: admin, unitId: officeA.id, name: 'K', now: NOW }))!;
    expect(await authenticateApiKey({ key: made.key, networkHash: null, now: NOW })).toMatchObject({ integrationId: made.integration.id, unitPath: officeA.path });
    expect(await authenticateApiKey({ key: `${made.key.slice(0, -2)}xx`, networkHash: null, now: NOW })).toBeNull();
    expect(await authenticateApiKey({ key: null, networkHash: null, now: NOW })).toBeNull();
    // Aggregated per network and unit concerned: the wrong key concerns its own office, the missing one nothing.
    expect(await t.conn.all(`select unit_id as "unitId", count from audit_log where action = 'api.auth_failed' order by id`)).toEqual([
      { unitId: officeA.id, count: 1 },
      { unitId: null, count: 1 },
    ]);

    expect(await createIntegrationKey({ viewer: wardAdmin, unitId: officeA.id, name: 'K2', now: NOW })).toBeNull();
    expect(await revokeIntegration({ viewer: wardAdmin, integrationId: made.integration.id })).toBeNull();
    expect(await listIntegrations({ viewer: wardAdmin })).toEqual([]);

    const revoked = await revokeIntegration({ viewer: admin, integrationId: made.integration.id, now: NOW });
    expect(revoked?.revokedAt).toEqual(NOW);
    expect(await authenticateApiKey({ key: made.key, networkHash: null, now: NOW })).toBeNull();
    expect((await getIntegration({ viewer: admin, integrationId: made.integration.id }))?.revokedAt).toEqual(NOW);
    expect(await t.conn.value('select count(*) from integrations where key_hash like ?', [`%${made.key}%`])).toBe(0);
  });

  it('admits a burst of 10 seconds of calls, then one call per interval, and says when to retry', async () => {
    const id = (await createIntegrationKey({ viewer: admin, unitId: officeA.id, name: 'K', now: NOW }))!.integration.id;
    const at = (ms: number) => new Date(NOW.getTime() + ms);
    // 2 calls a second: after a quiet spell, 20 at once pass; the 21st is refused and told to come back in 0.5 s (rounded up to 1).
    for (let i = 0; i < 20; i++) expect(await admitApiCall({ integrationId: id, now: NOW, perSecond: 2 })).toEqual({ allowed: true });
    expect(await admitApiCall({ integrationId: id, now: NOW, perSecond: 2 })).toEqual({ allowed: false, retryAfterS: 1, limit: 20, windowS: 10 });
    // Refused calls take nothing: 0.4 s later it is still too early; at 0.5 s one more passes, and the next again waits.
    expect(await admitApiCall({ integrationId: id, now: at(400), perSecond: 2 })).toMatchObject({ allowed: false });
    expect(await admitApiCall({ integrationId: id, now: at(500), perSecond: 2 })).toEqual({ allowed: true });
    expect(await admitApiCall({ integrationId: id, now: at(500), perSecond: 2 })).toMatchObject({ allowed: false });
    // A steady 2 a second passes indefinitely.
    for (let s = 1; s <= 30; s++) {
      expect(await admitApiCall({ integrationId: id, now: at(500 + s * 500), perSecond: 2 })).toEqual({ allowed: true });
    }
    // After 10 quiet seconds the whole burst is back, and no more.
    const later = 500 + 30 * 500 + 10_000;
    for (let i = 0; i < 20; i++) expect(await admitApiCall({ integrationId: id, now: at(later), perSecond: 2 })).toEqual({ allowed: true });
    expect(await admitApiCall({ integrationId: id, now: at(later), perSecond: 2 })).toEqual({ allowed: false, retryAfterS: 1, limit: 20, windowS: 10 });
    // Last use is noted at most once a minute: the first call's time, then one 60 s on.
    expect((await getIntegration({ viewer: admin, integrationId: id }))?.lastUsedAt).toEqual(NOW);
    expect(await admitApiCall({ integrationId: id, now: at(70_000), perSecond: 2 })).toEqual({ allowed: true });
    expect((await getIntegration({ viewer: admin, integrationId: id }))?.lastUsedAt).toEqual(at(70_000));
  });

  it('counts a key once across concurrent calls: of 40 at once with a burst of 20, exactly 20 pass', async () => {
    const id = (await createIntegrationKey({ viewer: admin, unitId: officeA.id, name: 'K2', now: NOW }))!.integration.id;
    const answers = await Promise.all(Array.from({ length: 40 }, () => admitApiCall({ integrationId: id, now: NOW, perSecond: 2 })));
    expect(answers.filter((a) => a.allowed)).toHaveLength(20);
  });
});

it('registerDossiers in check mode only reports', async () => {
  const r = await registerDossiers({ registrar: { kind: 'user', userId: headA.userId, scopePath: officeA.path, scopeUnitId: officeA.id }, dossiers: [dossier({ officeCode: await code(officeA) })], mode: 'check', now: NOW });
  expect(r).toEqual({ problems: [], stored: [], at: NOW });
  expect(await count('select count(*) from dossiers')).toBe(0);
});

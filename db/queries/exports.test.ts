import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Role, Viewer } from '@/lib/auth/roles';
import { customPeriod } from '@/lib/indicators/periods';
import { installStore } from '../store';
import { addTestViewer, openTestStore, type TestStore } from '../testing';
import { addCounter, addProcedureField, addQuestionSet, addRating, addUnit, type TestRating, type UnitRef } from '../testing-reading';
import { createExportAuditEntry, getExportUnit, openExportStore, openResponseExport, type ResponseExport } from './exports';

let t: TestStore;
let versionId: number;
let province: UnitRef;
let officeA: UnitRef;
let officeA2: UnitRef;
let officeB: UnitRef;
const NOVEMBER = customPeriod('2026-11-01', '2026-11-30');
const IN_PERIOD = new Date('2026-11-20T02:00:00Z');

function viewerFor(role: Role, scope: UnitRef): Promise<Viewer> {
  return addTestViewer(role, scope, `${role}.${scope.id}.${randomUUID().slice(0, 6)}`);
}

/** A rating in November (flagged ratings carry a flag and are excluded, as the abuse rules leave them). */
function rate(unitId: number, over: Partial<TestRating> & { flagged?: boolean } = {}) {
  const { flagged = false, ...rest } = over;
  return addRating({ unitId, versionId, submittedAt: IN_PERIOD, ...(flagged ? { flags: 'network_burst' } : {}), ...rest });
}

async function drain(exp: ResponseExport) {
  const batches = [];
  for (let b = await exp.nextBatch(); b.length; b = await exp.nextBatch()) batches.push(b);
  return batches;
}
const idsOf = async (exp: ResponseExport) => (await drain(exp)).flat().map((r) => r.id);

beforeEach(async () => {
  t = await openTestStore();
  versionId = await addQuestionSet();
  province = await addUnit(null, 'province', 'Tỉnh');
  officeA = await addUnit(province, 'office', 'Văn phòng A');
  officeA2 = await addUnit(officeA, 'office', 'Tổ A2');
  officeB = await addUnit(province, 'office', 'Văn phòng B');
});
afterEach(() => t.dispose());

describe('openResponseExport: scope', () => {
  it("gives office A's head A's subtree and never B's rows", async () => {
    const a = [await rate(officeA.id), await rate(officeA2.id), await rate(officeA.id)];
    await rate(officeB.id);
    const exp = (await openResponseExport({ viewer: await viewerFor('office_head', officeA), period: NOVEMBER }))!;
    expect(exp.root.id).toBe(officeA.id);
    expect((await idsOf(exp)).sort((x, y) => x - y)).toEqual(a);
  });

  it('refuses a unit outside the scope, as if it did not exist', async () => {
    const headA = await viewerFor('office_head', officeA);
    expect(await openResponseExport({ viewer: headA, unitId: officeB.id, period: NOVEMBER })).toBeNull();
    expect(await openResponseExport({ viewer: headA, unitId: province.id, period: NOVEMBER })).toBeNull();
    expect(await getExportUnit({ viewer: headA, unitId: 999_999 })).toBeNull();
  });

  it('narrows a province viewer to the unit asked for and its subtree', async () => {
    const a2 = await rate(officeA2.id);
    await rate(officeA.id);
    await rate(officeB.id);
    const exp = (await openResponseExport({ viewer: await viewerFor('assessor', province), unitId: officeA2.id, period: NOVEMBER }))!;
    expect(await idsOf(exp)).toEqual([a2]);
  });

  it('keeps to the period, in Vietnamese days', async () => {
    const first = await rate(officeA.id, { submittedAt: new Date('2026-10-31T17:00:00Z') }); // 1 Nov 00:00 UTC+7
    await rate(officeA.id, { submittedAt: new Date('2026-10-31T16:59:59Z') }); // 31 Oct 23:59:59 UTC+7
    const last = await rate(officeA.id, { submittedAt: new Date('2026-11-30T16:59:59Z') }); // 30 Nov 23:59:59 UTC+7
    await rate(officeA.id, { submittedAt: new Date('2026-11-30T17:00:00Z') }); // 1 Dec
    const exp = (await openResponseExport({ viewer: await viewerFor('office_head', officeA), period: NOVEMBER }))!;
    expect(await idsOf(exp)).toEqual([first, last]);
  });
});

describe('openResponseExport: exclusions', () => {
  it('leaves flagged responses out by default, as the screens do', async () => {
    const kept = await rate(officeA.id);
    await rate(officeA.id, { flagged: true });
    const exp = (await openResponseExport({ viewer: await viewerFor('office_head', officeA), period: NOVEMBER }))!;
    expect(exp.includeFlagged).toBe(false);
    expect(await idsOf(exp)).toEqual([kept]);
  });

  it('includes them, marked with their flags, when asked', async () => {
    const kept = await rate(officeA.id);
    const flagged = await rate(officeA.id, { flagged: true });
    const exp = (await openResponseExport({ viewer: await viewerFor('office_head', officeA), period: NOVEMBER, includeFlagged: true }))!;
    const rows = (await drain(exp)).flat();
    expect(rows.map((r) => [r.id, r.excluded, r.flags])).toEqual([
      [kept, false, null],
      [flagged, true, 'network_burst'],
    ]);
  });
});

describe('openResponseExport: contacts', () => {
  const contact = { phone: '0912345678', purgeAfter: new Date('2027-11-20T02:00:00Z') };

  it.each([
    ['office_head', true],
    ['assessor', true],
    ['supervisor', false],
    ['admin', false],
  ] as const)('%s sees phone numbers: %s', async (role, visible) => {
    const id = await rate(officeA.id, { comment: 'Gọi lại giúp tôi', contact });
    const exp = (await openResponseExport({ viewer: await viewerFor(role, province), period: NOVEMBER }))!;
    expect(exp.withContacts).toBe(visible);
    const [row] = (await drain(exp)).flat();
    expect(row!.id).toBe(id);
    if (visible) expect(row!.phone).toBe('0912345678');
    else expect(row).not.toHaveProperty('phone');
  });
});

describe('openResponseExport: batches', () => {
  it('covers every row exactly once across offices and ties on the same instant', async () => {
    const want: { id: number; unit: number; at: number }[] = [];
    const add = async (unit: number, at: Date) => want.push({ id: await rate(unit, { submittedAt: at }), unit, at: at.getTime() });
    for (let i = 0; i < 23; i++) await add(officeA.id, new Date(IN_PERIOD.getTime() + ((i * 3) % 4) * 1000));
    for (let i = 0; i < 9; i++) await add(officeA2.id, IN_PERIOD);
    for (let i = 0; i < 6; i++) await add(officeB.id, new Date(IN_PERIOD.getTime() - i * 60_000));
    const exp = (await openResponseExport({ viewer: await viewerFor('assessor', province), period: NOVEMBER, batchSize: 5 }))!;
    const batches = (await drain(exp));
    expect(batches.every((b) => b.length <= 5)).toBe(true);
    const ids = batches.flat().map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    // Office by office in tree order (A, its child A2, then B), each in time order, ties by id: the same order on both engines.
    const tree = [officeA.id, officeA2.id, officeB.id];
    expect(ids).toEqual([...want].sort((x, y) => tree.indexOf(x.unit) - tree.indexOf(y.unit) || x.at - y.at || x.id - y.id).map((w) => w.id));
    const units = batches.flat().map((r) => r.unitName);
    expect([...new Set(units)]).toEqual(['Văn phòng A', 'Tổ A2', 'Văn phòng B']);
    expect(await exp.nextBatch()).toEqual([]);
  });

  it('lets other statements run on the same connection between batches', async () => {
    for (let i = 0; i < 12; i++) await rate(officeA.id);
    const exp = (await openResponseExport({ viewer: await viewerFor('office_head', officeA), period: NOVEMBER, batchSize: 5 }))!;
    let seen = 0;
    for (let b = await exp.nextBatch(); b.length; b = await exp.nextBatch()) {
      seen += b.length;
      await rate(officeB.id); // a write in the middle of the export, as a citizen's rating would be
    }
    expect(seen).toBe(12);
  });

  it('reads an office whose rows fill the last batch exactly, and stops early when closed', async () => {
    for (let i = 0; i < 10; i++) await rate(officeA.id, { submittedAt: new Date(IN_PERIOD.getTime() + i) });
    await rate(officeB.id);
    const viewer = await viewerFor('assessor', province);
    const exp = (await openResponseExport({ viewer, period: NOVEMBER, batchSize: 5 }))!;
    expect((await drain(exp)).map((b) => b.length)).toEqual([5, 5, 1]);
    const early = (await openResponseExport({ viewer, period: NOVEMBER, batchSize: 5 }))!;
    expect(await early.nextBatch()).toHaveLength(5);
    await early.close();
    expect(await early.nextBatch()).toEqual([]);
    // Nothing is left holding the database: a write goes through at once.
    await rate(officeB.id);
  });

  it('reads answers, names and comment status', async () => {
    const counter = await addCounter(officeA.id, 'Quầy 1');
    const field = await addProcedureField(officeA.id, 'Hộ tịch');
    const id = await rate(officeA.id, {
      counterId: counter,
      procedureFieldId: field,
      channel: 'kiosk',
      comment: 'Chờ lâu',
      answers: [
        { questionKey: 'q1', score: 2, choice: null },
        { questionKey: 'q2', score: 1, choice: null },
        { questionKey: 'q10', score: null, choice: 'waiting' },
        { questionKey: 'q10', score: null, choice: 'late' },
      ],
    });
    const head = await viewerFor('office_head', officeA);
    await t.conn.run("insert into comment_threads (response_id, status, updated_at) values (?, 'in_progress', ?)", [id, IN_PERIOD.getTime()]);
    const exp = (await openResponseExport({ viewer: head, period: NOVEMBER }))!;
    expect(exp.definitions).toHaveLength(1);
    expect((await drain(exp)).flat()[0]).toMatchObject({
      id,
      submittedAt: IN_PERIOD.getTime(),
      excluded: false,
      flags: null,
      questionSetVersionId: versionId,
      unitName: 'Văn phòng A',
      counterName: 'Quầy 1',
      procedureField: 'Hộ tịch',
      channel: 'kiosk',
      comment: 'Chờ lâu',
      commentStatus: 'in_progress',
      answers: [
        { questionKey: 'q1', score: 2, choice: null },
        { questionKey: 'q2', score: 1, choice: null },
        { questionKey: 'q10', score: null, choice: 'waiting' },
        { questionKey: 'q10', score: null, choice: 'late' },
      ],
    });
  });
});

describe("the worker's own store", () => {
  it('reads the same rows in the same order as the app, with its own connection', async () => {
    for (let i = 0; i < 7; i++) await rate(i % 2 ? officeA2.id : officeA.id, { submittedAt: new Date(IN_PERIOD.getTime() + (i % 3) * 1000), comment: i % 2 ? 'Góp ý' : null });
    await rate(officeB.id, { flagged: true });
    const viewer = await viewerFor('assessor', province);
    const options = { viewer, period: NOVEMBER, includeFlagged: true, batchSize: 3 };
    const app = (await drain((await openResponseExport(options))!)).flat();
    const own = await openExportStore(t.kind === 'pg' ? { kind: 'pg', url: t.location } : { kind: 'sqlite', path: t.location });
    installStore(own);
    try {
      const worker = (await drain((await openResponseExport(options))!)).flat();
      expect(worker).toEqual(app);
      expect(worker).toHaveLength(8);
    } finally {
      installStore(t);
      await own.close();
    }
  });
});

describe('createExportAuditEntry', () => {
  it('records who exported which unit, the period and whether contacts were in it', async () => {
    const head = await viewerFor('office_head', officeA);
    const unit = (await getExportUnit({ viewer: head }))!;
    await createExportAuditEntry({ viewer: head, kind: 'responses', unit, format: 'csv', from: '2026-11-01', to: '2026-11-30', includeFlagged: false, withContacts: true });
    const row = (await t.conn.get<Record<string, unknown>>(
      `select actor_id as "actorId", action, entity_type as t, entity_id as e, after from audit_log where action like 'export.%'`,
    ))!;
    expect(row).toMatchObject({ actorId: head.userId, action: 'export.responses', t: 'unit', e: String(officeA.id) });
    expect(JSON.parse(row.after as string)).toEqual({ name: 'Văn phòng A', format: 'csv', from: '2026-11-01', to: '2026-11-30', includeFlagged: false, contacts: true });
  });
});

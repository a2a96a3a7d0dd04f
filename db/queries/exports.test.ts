import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_ABUSE_RULES } from '@/lib/abuse';
import type { Role, Viewer } from '@/lib/auth/roles';
import { customPeriod } from '@/lib/indicators/periods';
import { DEFAULT_QUESTION_SET } from '@/lib/survey/question-set';
import { createTestViewer, openTestDb, testResponse } from '../testing';
import { setCommentStatus } from './comments';
import { createExportAuditEntry, getExportUnit, openResponseExport, type ResponseExport } from './exports';
import { createQuestionSet } from './question-sets';
import { createResponse, type NewResponse } from './responses';
import { createCounter, createProcedureField, createUnit } from './units';

let db: ReturnType<typeof openTestDb>;
let versionId: number;
let province: { id: number; path: string };
let officeA: { id: number; path: string };
let officeA2: { id: number; path: string };
let officeB: { id: number; path: string };
const NOVEMBER = customPeriod('2026-11-01', '2026-11-30');
const IN_PERIOD = new Date('2026-11-20T02:00:00Z');

function viewerFor(role: Role, scope: { id: number; path: string }): Viewer {
  return createTestViewer(db, role, scope, `${role}.${scope.id}.${randomUUID().slice(0, 6)}`);
}

function rate(unitId: number, over: Partial<NewResponse> & { flagged?: boolean } = {}) {
  const { flagged = false, ...rest } = over;
  const r = createResponse(db, {
    ...testResponse({ unitId, questionSetVersionId: versionId, submittedAt: IN_PERIOD, ...rest }),
    rules: DEFAULT_ABUSE_RULES,
  });
  if (r.status !== 'created') throw new Error(r.status);
  // Flags are decided by the abuse rules; set them directly for an exact fixture.
  if (flagged) db.$client.prepare("update responses set excluded = 1, flags = 'network_burst' where id = ?").run(r.responseId);
  return r.responseId;
}

function drain(exp: ResponseExport) {
  const batches = [];
  for (let b = exp.nextBatch(); b.length; b = exp.nextBatch()) batches.push(b);
  return batches;
}
const idsOf = (exp: ResponseExport) => drain(exp).flat().map((r) => r.id);

beforeEach(async () => {
  db = openTestDb();
  versionId = createQuestionSet(db, { name: 'Mặc định', isDefault: true, definition: DEFAULT_QUESTION_SET }).version.id;
  province = await createUnit({ parentId: null, kind: 'province', name: 'Tỉnh', rateable: false });
  officeA = await createUnit({ parentId: province.id, kind: 'office', name: 'Văn phòng A', rateable: true });
  officeA2 = await createUnit({ parentId: officeA.id, kind: 'office', name: 'Tổ A2', rateable: true });
  officeB = await createUnit({ parentId: province.id, kind: 'office', name: 'Văn phòng B', rateable: true });
});
afterEach(() => db.dispose());

describe('openResponseExport: scope', () => {
  it("gives office A's head A's subtree and never B's rows", () => {
    const a = [rate(officeA.id), rate(officeA2.id), rate(officeA.id)];
    rate(officeB.id);
    const exp = openResponseExport(db, { viewer: viewerFor('office_head', officeA), period: NOVEMBER })!;
    expect(exp.root.id).toBe(officeA.id);
    expect(idsOf(exp).sort((x, y) => x - y)).toEqual(a);
  });

  it('refuses a unit outside the scope, as if it did not exist', () => {
    const headA = viewerFor('office_head', officeA);
    expect(openResponseExport(db, { viewer: headA, unitId: officeB.id, period: NOVEMBER })).toBeNull();
    expect(openResponseExport(db, { viewer: headA, unitId: province.id, period: NOVEMBER })).toBeNull();
    expect(getExportUnit(db, { viewer: headA, unitId: 999_999 })).toBeNull();
  });

  it('narrows a province viewer to the unit asked for and its subtree', () => {
    const a2 = rate(officeA2.id);
    rate(officeA.id);
    rate(officeB.id);
    const exp = openResponseExport(db, { viewer: viewerFor('assessor', province), unitId: officeA2.id, period: NOVEMBER })!;
    expect(idsOf(exp)).toEqual([a2]);
  });

  it('keeps to the period, in Vietnamese days', () => {
    const first = rate(officeA.id, { submittedAt: new Date('2026-10-31T17:00:00Z') }); // 1 Nov 00:00 UTC+7
    rate(officeA.id, { submittedAt: new Date('2026-10-31T16:59:59Z') }); // 31 Oct 23:59:59 UTC+7
    const last = rate(officeA.id, { submittedAt: new Date('2026-11-30T16:59:59Z') }); // 30 Nov 23:59:59 UTC+7
    rate(officeA.id, { submittedAt: new Date('2026-11-30T17:00:00Z') }); // 1 Dec
    const exp = openResponseExport(db, { viewer: viewerFor('office_head', officeA), period: NOVEMBER })!;
    expect(idsOf(exp)).toEqual([first, last]);
  });
});

describe('openResponseExport: exclusions', () => {
  it('leaves flagged responses out by default, as the screens do', () => {
    const kept = rate(officeA.id);
    rate(officeA.id, { flagged: true });
    const exp = openResponseExport(db, { viewer: viewerFor('office_head', officeA), period: NOVEMBER })!;
    expect(exp.includeFlagged).toBe(false);
    expect(idsOf(exp)).toEqual([kept]);
  });

  it('includes them, marked with their flags, when asked', () => {
    const kept = rate(officeA.id);
    const flagged = rate(officeA.id, { flagged: true });
    const exp = openResponseExport(db, { viewer: viewerFor('office_head', officeA), period: NOVEMBER, includeFlagged: true })!;
    const rows = drain(exp).flat();
    expect(rows.map((r) => [r.id, r.excluded, r.flags])).toEqual([
      [kept, false, null],
      [flagged, true, 'network_burst'],
    ]);
  });
});

describe('openResponseExport: contacts', () => {
  const contact = { phone: '0912345678', consentVersion: 'lien-he-v1', purgeAfter: new Date('2027-11-20T02:00:00Z') };

  it.each([
    ['office_head', true],
    ['assessor', true],
    ['supervisor', false],
    ['admin', false],
  ] as const)('%s sees phone numbers: %s', (role, visible) => {
    const id = rate(officeA.id, { comment: 'Gọi lại giúp tôi', contact });
    const exp = openResponseExport(db, { viewer: viewerFor(role, province), period: NOVEMBER })!;
    expect(exp.withContacts).toBe(visible);
    const [row] = drain(exp).flat();
    expect(row!.id).toBe(id);
    if (visible) expect(row!.phone).toBe('0912345678');
    else expect(row).not.toHaveProperty('phone');
  });
});

describe('openResponseExport: batches', () => {
  it('covers every row exactly once across offices and ties on the same instant', () => {
    const want: number[] = [];
    for (let i = 0; i < 23; i++) want.push(rate(officeA.id, { submittedAt: new Date(IN_PERIOD.getTime() + (i % 4) * 1000) }));
    for (let i = 0; i < 9; i++) want.push(rate(officeA2.id));
    for (let i = 0; i < 6; i++) want.push(rate(officeB.id, { submittedAt: new Date(IN_PERIOD.getTime() - i * 60_000) }));
    const exp = openResponseExport(db, { viewer: viewerFor('assessor', province), period: NOVEMBER, batchSize: 5 })!;
    const batches = drain(exp);
    expect(batches.every((b) => b.length <= 5)).toBe(true);
    const ids = batches.flat().map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort((x, y) => x - y)).toEqual(want.sort((x, y) => x - y));
    // Office by office in tree order (A, its child A2, then B), each in time order.
    const units = batches.flat().map((r) => r.unitName);
    expect([...new Set(units)]).toEqual(['Văn phòng A', 'Tổ A2', 'Văn phòng B']);
    expect(exp.nextBatch()).toEqual([]);
  });

  it('lets other statements run on the same connection between batches', () => {
    for (let i = 0; i < 12; i++) rate(officeA.id);
    const exp = openResponseExport(db, { viewer: viewerFor('office_head', officeA), period: NOVEMBER, batchSize: 5 })!;
    let seen = 0;
    for (let b = exp.nextBatch(); b.length; b = exp.nextBatch()) {
      seen += b.length;
      rate(officeB.id); // a write in the middle of the export, as a citizen's rating would be
    }
    expect(seen).toBe(12);
  });

  it('reads answers, names and comment status', async () => {
    const counter = await createCounter({ unitId: officeA.id, name: 'Quầy 1' });
    const field = await createProcedureField({ unitId: officeA.id, name: 'Hộ tịch' });
    const id = rate(officeA.id, {
      counterId: counter.id,
      procedureFieldId: field.id,
      channel: 'kiosk',
      comment: 'Chờ lâu',
      answers: [
        { questionKey: 'q1', score: 2, choice: null },
        { questionKey: 'q2', score: 1, choice: null },
        { questionKey: 'q10', score: null, choice: 'waiting' },
        { questionKey: 'q10', score: null, choice: 'late' },
      ],
    });
    const head = viewerFor('office_head', officeA);
    setCommentStatus(db, { viewer: head, responseId: id, status: 'in_progress' });
    const exp = openResponseExport(db, { viewer: head, period: NOVEMBER })!;
    expect(exp.definitions).toHaveLength(1);
    expect(drain(exp).flat()[0]).toMatchObject({
      id,
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

describe('createExportAuditEntry', () => {
  it('records who exported which unit, the period and whether contacts were in it', () => {
    const head = viewerFor('office_head', officeA);
    const unit = getExportUnit(db, { viewer: head })!;
    createExportAuditEntry(db, { viewer: head, kind: 'responses', unit, format: 'csv', from: '2026-11-01', to: '2026-11-30', includeFlagged: false, withContacts: true });
    const row = db.$client.prepare("select actor_id as actorId, action, entity_type as t, entity_id as e, after from audit_log where action like 'export.%'").get() as Record<string, unknown>;
    expect(row).toMatchObject({ actorId: head.userId, action: 'export.responses', t: 'unit', e: String(officeA.id) });
    expect(JSON.parse(row.after as string)).toEqual({ name: 'Văn phòng A', format: 'csv', from: '2026-11-01', to: '2026-11-30', includeFlagged: false, contacts: true });
  });
});

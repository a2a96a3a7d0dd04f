import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listPublishedGoodExamples } from '@/db/queries/publishing';
import { evaluationPeriods, evaluationSheets } from '@/db/schema';
import { addTestViewer, openTestStore, type TestStore } from '@/db/testing';
import { addQuestionSet, addRatings, addRollups, addUnit, type TestRating, type UnitRef } from '@/db/testing-reading';
import type { Viewer } from '@/lib/auth/roles';
import { rubricPreset } from '@/lib/evaluation/rubric';
import { wilsonInterval } from '@/lib/indicators/rates';
import { loadOpenData, loadPublicHome, loadPublicIndex, loadPublicOffice, loadPublicOfficeFigure, loadPublicPeriod, loadProvincesPublishing, provinceParam } from './public-results';
import { publishQuarter, publishYear, PUBLISHING_REFUSALS, saveGoodExample, withdrawPublication, type Outcome } from './publishing';
import { quarterPeriod, yearPeriodKey } from '@/lib/publishing/publication';

let t: TestStore;
let province: UnitRef;
let ward: UnitRef;
let officeA: UnitRef & { code: string };
let officeB: UnitRef & { code: string };
let assessor: Viewer;
let wardAssessor: Viewer;
let head: Viewer;

const NOW = new Date('2026-12-05T03:00:00Z');
const at = (day: string) => new Date(`${day}T02:00:00Z`);

function ok(outcome: Outcome): number {
  if (outcome.status !== 'ok') throw new Error(JSON.stringify(outcome));
  return outcome.id;
}

const count = async (table: string) => Number(await t.conn.value(`select count(*) from ${table}`));
const auditOf = (action: string) => t.conn.all<{ entityId: string; actorId: number; unitId: number }>('select entity_id as "entityId", actor_id as "actorId", unit_id as "unitId" from audit_log where action = ? order by id', [action]);

async function rate(list: TestRating[]) {
  const ids = await addRatings(list);
  await addRollups(
    list.map((r, i) => ({ ...r, id: ids[i]! })),
    new Set(['q1', 'q2']),
  );
}

const many = (n: number, r: Omit<TestRating, 'versionId'> & { versionId: number }) => Array.from({ length: n }, () => ({ ...r }));

beforeEach(async () => {
  t = await openTestStore();
  const versionId = await addQuestionSet();
  province = await addUnit(null, 'province', 'Tỉnh Thử');
  ward = await addUnit(province, 'ward', 'Phường Một');
  officeA = { ...(await addUnit(province, 'office', 'Trung tâm A', { code: 'TTA001' })), code: 'TTA001' };
  officeB = { ...(await addUnit(ward, 'office', 'Bộ phận B', { code: 'BPB001' })), code: 'BPB001' };
  assessor = await addTestViewer('assessor', province, 'thamdinh');
  wardAssessor = await addTestViewer('assessor', ward, 'thamdinh.phuong');
  head = await addTestViewer('office_head', officeA, 'thutruong.a');
  // Quarter III: A has 40 answers to Q2 (36 at 4–5), B 12; quarter IV (not ended, not published) has other answers.
  await rate([
    ...many(30, { unitId: officeA.id, versionId, submittedAt: at('2026-08-10'), q2: 5 }),
    ...many(6, { unitId: officeA.id, versionId, submittedAt: at('2026-09-30'), q2: 4 }),
    ...many(4, { unitId: officeA.id, versionId, submittedAt: at('2026-07-01'), q2: 2 }),
    ...many(12, { unitId: officeB.id, versionId, submittedAt: at('2026-08-20'), q2: 5 }),
    ...many(50, { unitId: officeB.id, versionId, submittedAt: at('2026-10-01'), q2: 1 }),
    ...many(7, { unitId: officeA.id, versionId, submittedAt: at('2026-06-30'), q2: 1 }),
  ]);
});
afterEach(() => t.dispose());

describe('several provinces on one platform', () => {
  it('keeps each province apart: addresses without ?tinh= stay as they were for one province, and ask for a choice once a second one publishes', async () => {
    const versionId = await addQuestionSet();
    const other = await addUnit(null, 'province', 'Tỉnh Bên Cạnh');
    const officeC = await addUnit(other, 'office', 'Trung tâm C', { code: 'TTC001' });
    const otherAssessor = await addTestViewer('assessor', other, 'thamdinh.ben');
    await rate(many(35, { unitId: officeC.id, versionId, submittedAt: at('2026-08-12'), q2: 5 }));

    ok(await publishQuarter({ viewer: assessor, year: 2026, quarter: 3, now: NOW }));
    // One province publishes: no choice, no ?tinh= in its links.
    expect((await loadPublicIndex()).province?.id).toBe(province.id);
    expect(provinceParam(await loadPublicIndex())).toBeNull();
    expect((await loadPublicPeriod('2026-Q3'))?.view.provinceName).toBe('Tỉnh Thử');

    ok(await publishQuarter({ viewer: otherAssessor, year: 2026, quarter: 3, now: NOW }));
    const index = await loadPublicIndex();
    expect(index.provinces.map((p) => p.name)).toEqual(['Tỉnh Bên Cạnh', 'Tỉnh Thử']);
    expect(index.province).toBeNull();
    expect(await loadPublicPeriod('2026-Q3')).toBeNull();
    expect((await loadProvincesPublishing('2026-Q3')).map((p) => p.id)).toEqual([other.id, province.id]);
    expect(await loadProvincesPublishing('2026-Q2')).toEqual([]);
    // A period only one of them published needs no ?tinh= (its addresses predate the second province), but its links carry it.
    ok(await publishQuarter({ viewer: otherAssessor, year: 2026, quarter: 2, now: NOW }));
    const q2 = (await loadPublicPeriod('2026-Q2'))!;
    expect(q2.view.provinceName).toBe('Tỉnh Bên Cạnh');
    expect(provinceParam(q2.index)).toBe(String(other.id));
    expect(await loadPublicPeriod('2026-Q2', province.id)).toBeNull();

    // Each province by ?tinh=: its own figures only.
    const mine = (await loadPublicPeriod('2026-Q3', province.id))!;
    const theirs = (await loadPublicPeriod('2026-Q3', other.id))!;
    expect(mine.view.offices.map((o) => o.code)).toEqual(['TTA001', 'BPB001']);
    expect(theirs.view.offices.map((o) => o.code)).toEqual(['TTC001']);
    expect(provinceParam(mine.index)).toBe(String(province.id));
    expect((await loadPublicHome(other.id)).quarter?.provinceName).toBe('Tỉnh Bên Cạnh');
    expect(await loadPublicPeriod('2026-Q3', officeA.id)).toBeNull();

    // An office's code names its province: its page and badge need no ?tinh=.
    expect((await loadPublicOffice('2026-Q3', 'TTC001'))?.figure).toMatchObject({ name: 'Trung tâm C', respondents: 35 });
    expect((await loadPublicOffice('2026-Q3', 'TTC001'))?.index.province?.id).toBe(other.id);
    expect((await loadPublicOfficeFigure('2026-Q3', 'TTA001'))?.view.provinceName).toBe('Tỉnh Thử');

    // Open data: by province; without one, a message naming the choices.
    const csv = await loadOpenData('2026-Q3', String(other.id));
    expect('view' in csv && csv.view.csv()).toContain('"TTC001"');
    expect('view' in csv && csv.view.csv()).not.toContain('TTA001');
    expect(await loadOpenData('2026-Q3', null)).toEqual({ missing: `Nhiều tỉnh, thành phố đã công bố kỳ này; thêm ?tinh=<mã> vào địa chỉ: ${other.id} (Tỉnh Bên Cạnh), ${province.id} (Tỉnh Thử).` });
    expect(await loadOpenData('2026-Q3', 'abc')).toEqual({ missing: 'Kỳ này chưa được công bố hoặc đã được thu hồi.' });
  });
});

describe('publishing a quarter', () => {
  it('freezes every office and the province from the indicator functions, ranked, audited; the public reads show exactly that', async () => {
    const id = ok(await publishQuarter({ viewer: assessor, year: 2026, quarter: 3, now: NOW }));
    const w = wilsonInterval(36, 40)!;
    const rows = await t.conn.all('select unit_id as "unitId", name, code, respondents, satisfied, low_x10000 as low, high_x10000 as high, rank, total_x100 as total, final_class as "class" from published_figures where publication_id = ? order by unit_id', [id]);
    expect(rows).toEqual([
      { unitId: province.id, name: 'Tỉnh Thử', code: null, respondents: 52, satisfied: 48, low: Math.round(wilsonInterval(48, 52)!.low * 10_000), high: Math.round(wilsonInterval(48, 52)!.high * 10_000), rank: null, total: null, class: null },
      { unitId: officeA.id, name: 'Trung tâm A', code: 'TTA001', respondents: 40, satisfied: 36, low: Math.round(w.low * 10_000), high: Math.round(w.high * 10_000), rank: 1, total: null, class: null },
      { unitId: officeB.id, name: 'Bộ phận B', code: 'BPB001', respondents: 12, satisfied: 12, low: null, high: null, rank: null, total: null, class: null },
    ]);
    expect(await t.conn.get('select kind, period_key as "periodKey", published_by as "by", withdrawn_at as "withdrawnAt" from publications where id = ?', [id])).toEqual({ kind: 'quarter', periodKey: '2026-Q3', by: assessor.userId, withdrawnAt: null });
    expect(await auditOf('publication.publish')).toEqual([{ entityId: String(id), actorId: assessor.userId, unitId: province.id }]);

    const home = await loadPublicHome();
    expect(home.province).toMatchObject({ id: province.id, name: 'Tỉnh Thử' });
    expect(home.quarter?.offices.map((o) => [o.code, o.rank])).toEqual([
      ['TTA001', 1],
      ['BPB001', null],
    ]);
    expect(home.year).toBeNull();
    const office = await loadPublicOffice('2026-Q3', 'TTA001');
    expect(office?.figure).toMatchObject({ respondents: 40, satisfied: 36 });
    expect(await loadPublicOffice('2026-Q3', 'NOPE00')).toBeNull();
    expect(await loadPublicPeriod('2026-Q2')).toBeNull();
    const csv = (await loadPublicPeriod('2026-Q3'))!.view.csv();
    expect(csv).toContain('"2026-Q3","office","TTA001","Trung tâm A",40,36,0.9,');
    expect(csv).toContain('"2026-Q3","office","BPB001","Bộ phận B",12,,,,,0,,,');
  });

  it('refuses a quarter not ended, one published already, and narrower scopes — nothing stored', async () => {
    expect(await publishQuarter({ viewer: assessor, year: 2026, quarter: 4, now: NOW })).toEqual({ status: 'refused', message: PUBLISHING_REFUSALS.notEnded(quarterPeriod(2026, 4)), field: 'quarter' });
    expect(await publishQuarter({ viewer: wardAssessor, year: 2026, quarter: 3, now: NOW })).toEqual({ status: 'refused', message: PUBLISHING_REFUSALS.province });
    expect(await publishQuarter({ viewer: head, year: 2026, quarter: 3, now: NOW })).toEqual({ status: 'refused', message: PUBLISHING_REFUSALS.province });
    expect(await count('publications')).toBe(0);
    ok(await publishQuarter({ viewer: assessor, year: 2026, quarter: 3, now: NOW }));
    expect(await publishQuarter({ viewer: assessor, year: 2026, quarter: 3, now: NOW })).toEqual({ status: 'refused', message: PUBLISHING_REFUSALS.twice(quarterPeriod(2026, 3)) });
    expect(await count('publications')).toBe(1);
    expect(await count('published_figures')).toBe(3);
    expect(PUBLISHING_REFUSALS.notEnded(quarterPeriod(2026, 4))).toBe('Quý IV/2026 chưa kết thúc: chỉ công bố được từ sau ngày 31/12/2026.');
  });
});

describe('withdrawing', () => {
  it('keeps the rows, hides the period at once (also when another server withdrew it), and allows publishing again as a new row', async () => {
    const first = ok(await publishQuarter({ viewer: assessor, year: 2026, quarter: 3, now: NOW }));
    expect((await loadPublicPeriod('2026-Q3'))?.view.publicationId).toBe(first);
    expect(await withdrawPublication({ viewer: wardAssessor, publicationId: first, now: NOW })).toEqual({ status: 'refused', message: PUBLISHING_REFUSALS.province });
    ok(await withdrawPublication({ viewer: assessor, publicationId: first, now: NOW }));
    expect(await withdrawPublication({ viewer: assessor, publicationId: first, now: NOW })).toEqual({ status: 'not_found' });
    expect(await loadPublicPeriod('2026-Q3')).toBeNull();
    expect((await loadPublicIndex()).province).toBeNull();
    expect(await auditOf('publication.withdraw')).toEqual([{ entityId: String(first), actorId: assessor.userId, unitId: province.id }]);

    const second = ok(await publishQuarter({ viewer: assessor, year: 2026, quarter: 3, now: NOW }));
    expect(second).not.toBe(first);
    expect(await count('published_figures')).toBe(6);
    expect((await loadPublicPeriod('2026-Q3'))?.view.publicationId).toBe(second);
    // Another app server withdraws it: this process's cache still holds the view, but the live list says no.
    await t.conn.run('update publications set withdrawn_at = ? where id = ?', [NOW.getTime(), second]);
    expect(await loadPublicPeriod('2026-Q3')).toBeNull();
  });
});

describe('publishing a year', () => {
  let periodId: number;
  beforeEach(async () => {
    const [p] = await t.conn.db
      .insert(evaluationPeriods)
      .values({ year: 2025, name: 'Đánh giá năm 2025', unitId: province.id, dueDate: '2025-12-15', rubric: JSON.stringify(rubricPreset('mac-dinh')), createdAt: NOW, updatedAt: NOW })
      .returning({ id: evaluationPeriods.id });
    periodId = p!.id;
  });
  const sheet = (unitId: number, status: 'finalised' | 'reviewed', total: number | null, finalClass: string | null) =>
    t.conn.db.insert(evaluationSheets).values({ periodId, unitId, status, finalTotal: total, finalClass, finalisedAt: status === 'finalised' ? NOW : null, updatedAt: NOW });

  it('is refused until every office is finalised (nothing stored), then carries the totals and classes', async () => {
    await sheet(officeA.id, 'finalised', 9250, 'Xuất sắc');
    const refused = await publishYear({ viewer: assessor, periodId, now: NOW });
    expect(refused).toEqual({ status: 'refused', message: PUBLISHING_REFUSALS.notFinal(yearPeriodKey(2025), ['Bộ phận B']), field: 'periodId' });
    expect((refused as { message: string }).message).toContain('còn 1 đơn vị chưa được chốt kết quả đánh giá (Bộ phận B)');
    expect(await count('publications')).toBe(0);
    expect(await count('published_figures')).toBe(0);

    await sheet(officeB.id, 'finalised', 6800, 'Đạt');
    const id = ok(await publishYear({ viewer: assessor, periodId, now: NOW }));
    expect(await t.conn.all('select code, total_x100 as total, final_class as "class" from published_figures where publication_id = ? order by unit_id', [id])).toEqual([
      { code: null, total: null, class: null },
      { code: 'TTA001', total: 9250, class: 'Xuất sắc' },
      { code: 'BPB001', total: 6800, class: 'Đạt' },
    ]);
    expect((await loadPublicHome()).year?.period.key).toBe('2025');
  });

  it('is refused while the year runs', async () => {
    const [p] = await t.conn.db
      .insert(evaluationPeriods)
      .values({ year: 2026, name: 'Đánh giá năm 2026', unitId: province.id, dueDate: '2026-12-15', rubric: JSON.stringify(rubricPreset('mac-dinh')), createdAt: NOW, updatedAt: NOW })
      .returning({ id: evaluationPeriods.id });
    expect(await publishYear({ viewer: assessor, periodId: p!.id, now: NOW })).toEqual({ status: 'refused', message: PUBLISHING_REFUSALS.notEnded(yearPeriodKey(2026)), field: 'periodId' });
    expect(await count('publications')).toBe(0);
  });
});

describe('good examples', () => {
  const input = (unitId: number, published: boolean) => ({ unitId, title: 'Một cửa không chờ', body: 'Hẹn giờ qua điện thoại.', periodLabel: 'Quý III/2026', published });

  it('are about an office in the curator’s scope; only published ones are public; audited', async () => {
    expect(await saveGoodExample({ viewer: wardAssessor, input: input(officeA.id, true), now: NOW })).toEqual({ status: 'refused', message: PUBLISHING_REFUSALS.notOffice, field: 'unitId' });
    expect(await saveGoodExample({ viewer: assessor, input: input(ward.id, true), now: NOW })).toEqual({ status: 'refused', message: PUBLISHING_REFUSALS.notOffice, field: 'unitId' });
    expect(await count('good_examples')).toBe(0);
    const shown = ok(await saveGoodExample({ viewer: wardAssessor, input: input(officeB.id, true), now: NOW }));
    ok(await saveGoodExample({ viewer: assessor, input: input(officeA.id, false), now: NOW }));
    expect((await listPublishedGoodExamples({ provincePath: province.path })).map((e) => e.id)).toEqual([shown]);
    expect(await auditOf('good_example.create')).toHaveLength(2);
  });
});

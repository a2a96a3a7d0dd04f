import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_QUESTION_SET } from '@/lib/survey/question-set';
import { counters, procedureFields, questionSets, questionSetVersions, units } from '../schema';
import { openTestStore, type TestStore } from '../testing';
import { createCounter, createProcedureField, createUnit, getSurveyTarget, getSurveyTargetAndVersionId, listProcedureFields } from './units';

// The code generator, so a test can make two creations draw the same code; by default the real one.
const codes = vi.hoisted(() => ({ queue: [] as string[] }));
vi.mock('../ids', async (importOriginal) => {
  const real = await importOriginal<typeof import('../ids')>();
  return { newCode: (length: number) => codes.queue.shift() ?? real.newCode(length) };
});

type Unit = Awaited<ReturnType<typeof createUnit>>;
let t: TestStore;
let province: Unit;
let office: Unit;
let counter: Awaited<ReturnType<typeof createCounter>>;

/** A question set with its version 1, written directly (question-sets.ts belongs to the ratings' conversion). */
async function addQuestionSet(name: string, isDefault: boolean) {
  const [set] = await t.conn.db.insert(questionSets).values({ name, isDefault }).returning({ id: questionSets.id });
  const [version] = await t.conn.db.insert(questionSetVersions).values({ questionSetId: set!.id, version: 1, definition: DEFAULT_QUESTION_SET }).returning({ id: questionSetVersions.id });
  return { setId: set!.id, versionId: version!.id };
}

let defaultVersionId: number;
beforeEach(async () => {
  codes.queue = [];
  t = await openTestStore();
  defaultVersionId = (await addQuestionSet('Mặc định', true)).versionId;
  province = await createUnit({ parentId: null, kind: 'province', name: 'Tỉnh Ninh Bình', rateable: false });
  office = await createUnit({ parentId: province.id, kind: 'office', name: 'Bộ phận Một cửa', rateable: true });
  counter = await createCounter({ unitId: office.id, name: 'Quầy 1' });
});
afterEach(() => t.dispose());

const officeTarget = () => ({
  code: office.code,
  unit: { id: office.id, name: 'Bộ phận Một cửa', path: office.path, questionSetId: null, parentName: 'Tỉnh Ninh Bình' },
  counter: null,
});

describe('createUnit, createCounter', () => {
  it('derive the path from the parent and give survey codes only when asked', async () => {
    expect(province).toMatchObject({ path: `/${province.id}/`, code: null, searchName: 'tinh ninh binh' });
    expect(office).toMatchObject({ path: `/${province.id}/${office.id}/`, parentId: province.id });
    expect(office.code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTWXYZ]{6}$/);
    expect(counter.code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTWXYZ]{6}$/);
    await expect(createUnit({ parentId: 9999, kind: 'office', name: 'X', rateable: true })).rejects.toThrow(/not found/);
  });

  it('draw again when a code is taken by an office or a counter: codes share one namespace', async () => {
    codes.queue = [office.code!, counter.code, 'KKKK22', counter.code, 'MMMM22'];
    const unit = await createUnit({ parentId: province.id, kind: 'office', name: 'Khác', rateable: true });
    const other = await createCounter({ unitId: office.id, name: 'Quầy 2' });
    expect([unit.code, other.code]).toEqual(['KKKK22', 'MMMM22']);
  });

  it('refuse a fixed code that is already used', async () => {
    await expect(createCounter({ unitId: office.id, name: 'Quầy 2', code: counter.code })).rejects.toThrow();
    // The failed creation left nothing behind.
    expect(await t.conn.db.select().from(counters)).toHaveLength(1);
  });

  it('give distinct codes to offices and counters created at the same moment, even when they draw the same code', async () => {
    // Every creation first draws the same code: on PostgreSQL without the code's lock and the retry
    // in a savepoint, two of them would store it (one office, one counter) or one would fail.
    codes.queue = ['SAME22', 'SAME22', 'SAME22', 'SAME22', 'SAME22', 'SAME22', 'NEXT23', 'NEXT24', 'NEXT25', 'NEXT26', 'NEXT27', 'NEXT28'];
    const made = await Promise.all([
      createUnit({ parentId: province.id, kind: 'office', name: 'A', rateable: true }),
      createCounter({ unitId: office.id, name: 'B' }),
      createUnit({ parentId: province.id, kind: 'office', name: 'C', rateable: true }),
      createCounter({ unitId: office.id, name: 'D' }),
      createUnit({ parentId: office.id, kind: 'office', name: 'E', rateable: true }),
      createCounter({ unitId: office.id, name: 'F' }),
    ]);
    const all = [...(await t.conn.db.select({ code: units.code }).from(units)), ...(await t.conn.db.select({ code: counters.code }).from(counters))]
      .map((r) => r.code)
      .filter((c) => c !== null);
    expect(new Set(all).size).toBe(all.length);
    expect(made.filter((m) => m.code === 'SAME22')).toHaveLength(1);
  });
});

describe('getSurveyTarget and getSurveyTargetAndVersionId', () => {
  it('resolve an office code, with the unit above it', async () => {
    expect(await getSurveyTarget({ code: office.code! })).toEqual(officeTarget());
    expect(await getSurveyTargetAndVersionId({ code: office.code! })).toEqual({ target: officeTarget(), versionId: defaultVersionId });
  });

  it('resolve a counter code to its office and counter', async () => {
    const target = { ...officeTarget(), code: counter.code, counter: { id: counter.id, name: 'Quầy 1' } };
    expect(await getSurveyTarget({ code: counter.code })).toEqual(target);
    expect(await getSurveyTargetAndVersionId({ code: counter.code })).toEqual({ target, versionId: defaultVersionId });
  });

  it('give the version of the set chosen by the unit or its nearest ancestor', async () => {
    const own = await addQuestionSet('Riêng', false);
    await t.conn.db.update(units).set({ questionSetId: own.setId }).where(eq(units.id, province.id));
    expect((await getSurveyTargetAndVersionId({ code: counter.code }))?.versionId).toBe(own.versionId);
    const nearer = await addQuestionSet('Của bộ phận', false);
    await t.conn.db.update(units).set({ questionSetId: nearer.setId }).where(eq(units.id, office.id));
    expect((await getSurveyTargetAndVersionId({ code: counter.code }))?.versionId).toBe(nearer.versionId);
  });

  it('answer null for unknown codes, a disabled counter and every code of a disabled office', async () => {
    expect(await getSurveyTargetAndVersionId({ code: 'NOPE22' })).toBeNull();
    await t.conn.db.update(counters).set({ active: false }).where(eq(counters.id, counter.id));
    expect(await getSurveyTarget({ code: counter.code })).toBeNull();
    expect(await getSurveyTargetAndVersionId({ code: counter.code })).toBeNull();
    expect(await getSurveyTarget({ code: office.code! })).not.toBeNull();
    await t.conn.db.update(counters).set({ active: true }).where(eq(counters.id, counter.id));
    await t.conn.db.update(units).set({ active: false }).where(eq(units.id, office.id));
    for (const code of [office.code!, counter.code]) {
      expect(await getSurveyTarget({ code })).toBeNull();
      expect(await getSurveyTargetAndVersionId({ code })).toBeNull();
    }
  });

  it('read the office as it is now, never a remembered copy', async () => {
    expect((await getSurveyTarget({ code: office.code! }))?.unit.name).toBe('Bộ phận Một cửa');
    await t.conn.db.update(units).set({ name: 'Trung tâm Phục vụ hành chính công' }).where(eq(units.id, office.id));
    expect((await getSurveyTargetAndVersionId({ code: office.code! }))?.target.unit.name).toBe('Trung tâm Phục vụ hành chính công');
  });
});

describe('listProcedureFields', () => {
  it('lists the active fields in display order, then by name', async () => {
    await createProcedureField({ unitId: office.id, name: 'Tư pháp', sortOrder: 2 });
    await createProcedureField({ unitId: office.id, name: 'Đất đai', sortOrder: 1 });
    await createProcedureField({ unitId: office.id, name: 'Xây dựng', sortOrder: 1 });
    const closed = await createProcedureField({ unitId: office.id, name: 'Hộ tịch', sortOrder: 0 });
    await t.conn.db.update(procedureFields).set({ active: false }).where(eq(procedureFields.id, closed.id));
    await createProcedureField({ unitId: province.id, name: 'Khác', sortOrder: 0 });
    expect((await listProcedureFields({ unitId: office.id })).map((f) => f.name)).toEqual(['Xây dựng', 'Đất đai', 'Tư pháp']);
  });
});

import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_QUESTION_SET } from '@/lib/survey/question-set';
import { counters, procedureFields, units } from '../schema';
import { openTestDb } from '../testing';
import { createQuestionSet, getActiveQuestionSetVersionId } from './question-sets';
import { createCounter, createProcedureField, createUnit, getSurveyTarget, getSurveyTargetAndVersionId, listProcedureFields } from './units';

let db: ReturnType<typeof openTestDb>;
let province: ReturnType<typeof createUnit>;
let office: ReturnType<typeof createUnit>;
let counter: ReturnType<typeof createCounter>;

beforeEach(() => {
  db = openTestDb();
  createQuestionSet(db, { name: 'Mặc định', isDefault: true, definition: DEFAULT_QUESTION_SET });
  province = createUnit(db, { parentId: null, kind: 'province', name: 'Tỉnh Ninh Bình', rateable: false });
  office = createUnit(db, { parentId: province.id, kind: 'office', name: 'Bộ phận Một cửa', rateable: true });
  counter = createCounter(db, { unitId: office.id, name: 'Quầy 1' });
});
afterEach(() => db.dispose());

const officeTarget = () => ({
  code: office.code,
  unit: { id: office.id, name: 'Bộ phận Một cửa', path: office.path, questionSetId: null, parentName: 'Tỉnh Ninh Bình' },
  counter: null,
});

describe('getSurveyTarget and getSurveyTargetAndVersionId', () => {
  it('resolve an office code, with the unit above it', () => {
    expect(getSurveyTarget(db, { code: office.code! })).toEqual(officeTarget());
    expect(getSurveyTargetAndVersionId(db, { code: office.code! })).toEqual({ target: officeTarget(), versionId: 1 });
  });

  it('resolve a counter code to its office and counter', () => {
    const target = { ...officeTarget(), code: counter.code, counter: { id: counter.id, name: 'Quầy 1' } };
    expect(getSurveyTarget(db, { code: counter.code })).toEqual(target);
    expect(getSurveyTargetAndVersionId(db, { code: counter.code })).toEqual({ target, versionId: 1 });
  });

  it('give the version the unit would get from getActiveQuestionSetVersionId', () => {
    const own = createQuestionSet(db, { name: 'Riêng', isDefault: false, definition: DEFAULT_QUESTION_SET });
    db.update(units).set({ questionSetId: own.set.id }).where(eq(units.id, province.id)).run();
    expect(getSurveyTargetAndVersionId(db, { code: counter.code })?.versionId).toBe(own.version.id);
    expect(getActiveQuestionSetVersionId(db, { unitPath: office.path })).toBe(own.version.id);
  });

  it('answer null for unknown codes, a disabled counter and every code of a disabled office', () => {
    expect(getSurveyTargetAndVersionId(db, { code: 'NOPE22' })).toBeNull();
    db.update(counters).set({ active: false }).where(eq(counters.id, counter.id)).run();
    expect(getSurveyTarget(db, { code: counter.code })).toBeNull();
    expect(getSurveyTargetAndVersionId(db, { code: counter.code })).toBeNull();
    expect(getSurveyTarget(db, { code: office.code! })).not.toBeNull();
    db.update(counters).set({ active: true }).where(eq(counters.id, counter.id)).run();
    db.update(units).set({ active: false }).where(eq(units.id, office.id)).run();
    for (const code of [office.code!, counter.code]) {
      expect(getSurveyTarget(db, { code })).toBeNull();
      expect(getSurveyTargetAndVersionId(db, { code })).toBeNull();
    }
  });

  it('read the office as it is now, never a remembered copy', () => {
    expect(getSurveyTarget(db, { code: office.code! })?.unit.name).toBe('Bộ phận Một cửa');
    db.update(units).set({ name: 'Trung tâm Phục vụ hành chính công' }).where(eq(units.id, office.id)).run();
    expect(getSurveyTargetAndVersionId(db, { code: office.code! })?.target.unit.name).toBe('Trung tâm Phục vụ hành chính công');
  });
});

describe('listProcedureFields', () => {
  it('lists the active fields in display order, then by name', () => {
    createProcedureField(db, { unitId: office.id, name: 'Tư pháp', sortOrder: 2 });
    createProcedureField(db, { unitId: office.id, name: 'Đất đai', sortOrder: 1 });
    createProcedureField(db, { unitId: office.id, name: 'Xây dựng', sortOrder: 1 });
    const closed = createProcedureField(db, { unitId: office.id, name: 'Hộ tịch', sortOrder: 0 });
    db.update(procedureFields).set({ active: false }).where(eq(procedureFields.id, closed.id)).run();
    createProcedureField(db, { unitId: province.id, name: 'Khác', sortOrder: 0 });
    expect(listProcedureFields(db, { unitId: office.id }).map((f) => f.name)).toEqual(['Xây dựng', 'Đất đai', 'Tư pháp']);
  });
});

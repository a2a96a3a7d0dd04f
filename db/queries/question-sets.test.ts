import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_QUESTION_SET, type QuestionSetDefinition } from '@/lib/survey/question-set';
import type { Db } from '../client';
import { questionSetVersions, units } from '../schema';
import { openTestDb } from '../testing';
import { createQuestionSet, getActiveQuestionSetVersion, getActiveQuestionSetVersionId, getQuestionSetVersion } from './question-sets';
import { createUnit } from './units';

let db: ReturnType<typeof openTestDb>;
let province: { id: number; path: string };
let office: { id: number; path: string };
let defaultSetId: number;

const withComment = (n: number): QuestionSetDefinition => ({ ...DEFAULT_QUESTION_SET, commentMaxLength: n });
const addVersion = (questionSetId: number, version: number, definition: QuestionSetDefinition) =>
  db.insert(questionSetVersions).values({ questionSetId, version, definition }).returning({ id: questionSetVersions.id }).all()[0]!.id;
const choose = (unitId: number, questionSetId: number | null) => db.update(units).set({ questionSetId }).where(eq(units.id, unitId)).run();

beforeEach(async () => {
  db = openTestDb();
  defaultSetId = createQuestionSet(db, { name: 'Mặc định', isDefault: true, definition: DEFAULT_QUESTION_SET }).set.id;
  province = await createUnit({ parentId: null, kind: 'province', name: 'Tỉnh', rateable: false });
  const district = await createUnit({ parentId: province.id, kind: 'district', name: 'Huyện', rateable: false });
  office = await createUnit({ parentId: district.id, kind: 'office', name: 'Bộ phận Một cửa', rateable: true });
});
afterEach(() => db.dispose());

describe('getActiveQuestionSetVersion', () => {
  it('uses the default set when no unit above chose one', () => {
    expect(getActiveQuestionSetVersion(db, { unitPath: office.path })).toMatchObject({ questionSetId: defaultSetId, version: 1 });
  });

  it('uses the set of the nearest unit that chose one', () => {
    const provinceSet = createQuestionSet(db, { name: 'Tỉnh', isDefault: false, definition: withComment(300) }).set.id;
    const officeSet = createQuestionSet(db, { name: 'Một cửa', isDefault: false, definition: withComment(200) }).set.id;
    choose(province.id, provinceSet);
    expect(getActiveQuestionSetVersion(db, { unitPath: office.path })).toMatchObject({ questionSetId: provinceSet, definition: { commentMaxLength: 300 } });
    choose(office.id, officeSet);
    expect(getActiveQuestionSetVersion(db, { unitPath: office.path })).toMatchObject({ questionSetId: officeSet, definition: { commentMaxLength: 200 } });
    expect(getActiveQuestionSetVersion(db, { unitPath: province.path })).toMatchObject({ questionSetId: provinceSet });
    choose(office.id, null);
    expect(getActiveQuestionSetVersion(db, { unitPath: office.path })).toMatchObject({ questionSetId: provinceSet });
  });

  it('takes a new version at once, while the old one stays readable by id', () => {
    const first = getActiveQuestionSetVersion(db, { unitPath: office.path })!;
    const second = addVersion(defaultSetId, 2, withComment(100));
    expect(getActiveQuestionSetVersionId(db, { unitPath: office.path })).toBe(second);
    expect(getActiveQuestionSetVersion(db, { unitPath: office.path })).toMatchObject({ id: second, version: 2, definition: { commentMaxLength: 100 } });
    expect(getQuestionSetVersion(db, { id: first.id })).toMatchObject({ version: 1, definition: { commentMaxLength: 500 } });
  });

  it('is null without a default set', async () => {
    const empty = openTestDb();
    try {
      const unit = await createUnit({ parentId: null, kind: 'office', name: 'X', rateable: true });
      expect(getActiveQuestionSetVersion(empty, { unitPath: unit.path })).toBeNull();
    } finally {
      empty.dispose();
    }
  });
});

describe('getQuestionSetVersion', () => {
  it('parses a version once and shares it, frozen', () => {
    const id = getActiveQuestionSetVersionId(db, { unitPath: office.path })!;
    const a = getQuestionSetVersion(db, { id })!;
    expect(getQuestionSetVersion(db, { id })).toBe(a);
    expect(a.definition).toEqual(DEFAULT_QUESTION_SET);
    expect(Object.isFrozen(a.definition.questions[0])).toBe(true);
  });

  it('keeps the versions of different databases apart', () => {
    const other = openTestDb();
    try {
      createQuestionSet(other, { name: 'Khác', isDefault: true, definition: withComment(42) });
      expect(getQuestionSetVersion(db, { id: 1 })!.definition.commentMaxLength).toBe(500);
      expect(getQuestionSetVersion(other, { id: 1 })!.definition.commentMaxLength).toBe(42);
    } finally {
      other.dispose();
    }
  });

  it('is null for an unknown id, and finds the version once it exists', () => {
    expect(getQuestionSetVersion(db, { id: 2 })).toBeNull();
    expect(addVersion(defaultSetId, 2, withComment(100))).toBe(2);
    expect(getQuestionSetVersion(db, { id: 2 })).toMatchObject({ version: 2 });
  });

  it('reads inside a transaction passed as a database', () => {
    const version = db.transaction((tx) => getActiveQuestionSetVersion(tx as unknown as Db, { unitPath: office.path }));
    expect(version).toMatchObject({ questionSetId: defaultSetId });
  });
});

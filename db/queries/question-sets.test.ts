import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_QUESTION_SET, type QuestionSetDefinition } from '@/lib/survey/question-set';
import { questionSetVersions, units } from '../schema';
import { installStore, transaction } from '../store';
import { openTestStore, type TestStore } from '../testing';
import { addTestUnit } from '../testing-ratings';
import { createQuestionSet, getActiveQuestionSetVersion, getActiveQuestionSetVersionId, getQuestionSetVersion } from './question-sets';

let t: TestStore;
let province: { id: number; path: string };
let office: { id: number; path: string };
let defaultSetId: number;

const withComment = (n: number): QuestionSetDefinition => ({ ...DEFAULT_QUESTION_SET, commentMaxLength: n });
const addVersion = async (questionSetId: number, version: number, definition: QuestionSetDefinition) =>
  (await t.conn.db.insert(questionSetVersions).values({ questionSetId, version, definition }).returning({ id: questionSetVersions.id }))[0]!.id;
const choose = (unitId: number, questionSetId: number | null) => t.conn.db.update(units).set({ questionSetId }).where(eq(units.id, unitId));

beforeEach(async () => {
  t = await openTestStore();
  defaultSetId = (await createQuestionSet({ name: 'Mặc định', isDefault: true, definition: DEFAULT_QUESTION_SET })).set.id;
  province = await addTestUnit({ parentId: null, kind: 'province', name: 'Tỉnh', rateable: false });
  const district = await addTestUnit({ parentId: province.id, kind: 'district', name: 'Huyện', rateable: false });
  office = await addTestUnit({ parentId: district.id, kind: 'office', name: 'Bộ phận Một cửa' });
});
afterEach(() => t.dispose());

describe('getActiveQuestionSetVersion', () => {
  it('uses the default set when no unit above chose one', async () => {
    expect(await getActiveQuestionSetVersion({ unitPath: office.path })).toMatchObject({ questionSetId: defaultSetId, version: 1 });
  });

  it('uses the set of the nearest unit that chose one', async () => {
    const provinceSet = (await createQuestionSet({ name: 'Tỉnh', isDefault: false, definition: withComment(300) })).set.id;
    const officeSet = (await createQuestionSet({ name: 'Một cửa', isDefault: false, definition: withComment(200) })).set.id;
    await choose(province.id, provinceSet);
    expect(await getActiveQuestionSetVersion({ unitPath: office.path })).toMatchObject({ questionSetId: provinceSet, definition: { commentMaxLength: 300 } });
    await choose(office.id, officeSet);
    expect(await getActiveQuestionSetVersion({ unitPath: office.path })).toMatchObject({ questionSetId: officeSet, definition: { commentMaxLength: 200 } });
    expect(await getActiveQuestionSetVersion({ unitPath: province.path })).toMatchObject({ questionSetId: provinceSet });
    await choose(office.id, null);
    expect(await getActiveQuestionSetVersion({ unitPath: office.path })).toMatchObject({ questionSetId: provinceSet });
  });

  it('takes a new version at once, while the old one stays readable by id', async () => {
    const first = (await getActiveQuestionSetVersion({ unitPath: office.path }))!;
    const second = await addVersion(defaultSetId, 2, withComment(100));
    expect(await getActiveQuestionSetVersionId({ unitPath: office.path })).toBe(second);
    expect(await getActiveQuestionSetVersion({ unitPath: office.path })).toMatchObject({ id: second, version: 2, definition: { commentMaxLength: 100 } });
    expect(await getQuestionSetVersion({ id: first.id })).toMatchObject({ version: 1, definition: { commentMaxLength: 500 } });
  });

  it('is null without a default set', async () => {
    const empty = await openTestStore();
    try {
      const unit = await addTestUnit({ parentId: null, name: 'X' });
      expect(await getActiveQuestionSetVersion({ unitPath: unit.path })).toBeNull();
    } finally {
      await empty.dispose();
      installStore(t);
    }
  });
});

describe('getQuestionSetVersion', () => {
  it('parses a version once and shares it, frozen', async () => {
    const id = (await getActiveQuestionSetVersionId({ unitPath: office.path }))!;
    const a = (await getQuestionSetVersion({ id }))!;
    expect(await getQuestionSetVersion({ id })).toBe(a);
    expect(a.definition).toEqual(DEFAULT_QUESTION_SET);
    expect(Object.isFrozen(a.definition.questions[0])).toBe(true);
  });

  it('keeps the versions of different databases apart', async () => {
    expect((await getQuestionSetVersion({ id: 1 }))!.definition.commentMaxLength).toBe(500);
    const other = await openTestStore();
    try {
      await createQuestionSet({ name: 'Khác', isDefault: true, definition: withComment(42) });
      expect((await getQuestionSetVersion({ id: 1 }))!.definition.commentMaxLength).toBe(42);
    } finally {
      await other.dispose();
      installStore(t);
    }
    expect((await getQuestionSetVersion({ id: 1 }))!.definition.commentMaxLength).toBe(500);
  });

  it('is null for an unknown id, and finds the version once it exists', async () => {
    expect(await getQuestionSetVersion({ id: 2 })).toBeNull();
    expect(await addVersion(defaultSetId, 2, withComment(100))).toBe(2);
    expect(await getQuestionSetVersion({ id: 2 })).toMatchObject({ version: 2 });
  });

  it('reads inside a transaction', async () => {
    const version = await transaction(() => getActiveQuestionSetVersion({ unitPath: office.path }));
    expect(version).toMatchObject({ questionSetId: defaultSetId });
  });
});

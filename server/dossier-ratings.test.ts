import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDossierForTest } from '@/db/queries/dossier-ratings';
import { isDossierRatedAlready } from '@/db/queries/responses';
import { createQuestionSet } from '@/db/queries/question-sets';
import { rebuildRollupsAndCompare } from '@/db/queries/rollups';
import { openTestStore, testResponse, type TestStore } from '@/db/testing';
import { addTestCounter, addTestUnit } from '@/db/testing-ratings';
import { withConn } from '@/db/store';
import { DEFAULT_ABUSE_RULES } from '@/lib/abuse';
import { makeDossierToken } from '@/lib/dossier-token';
import { getEnv } from '@/lib/env';
import { deriveKey } from '@/lib/survey/form-token';
import { DEFAULT_QUESTION_SET } from '@/lib/survey/question-set';
import { changeDossierRating, loadDossierLink } from './dossier-ratings';
import { storeRating } from './ratings';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 11, 1, 2); // 1 Dec 2026, 09:00 in Vietnam

let t: TestStore;
let versionId: number;
let office: { id: number; path: string; code: string | null };
let counter: { id: number; code: string };

const key = () => deriveKey(getEnv().AUTH_SECRET, 'dossier-link');

async function addDossier(over: { receivedAt?: number; returnedAt?: number | null; dueAt?: number | null; counterId?: number | null } = {}) {
  const token = makeDossierToken(key());
  const id = await createDossierForTest({
    code: `H22.${randomBytes(4).toString('hex')}`,
    unitId: office.id,
    counterId: over.counterId === undefined ? counter.id : over.counterId,
    procedure: 'Đăng ký khai sinh',
    receivedAt: over.receivedAt ?? T0 - 3 * DAY,
    dueAt: over.dueAt ?? null,
    returnedAt: over.returnedAt === undefined ? T0 - DAY : over.returnedAt,
    token,
  });
  return { id, token };
}

/** The first rating of a dossier, as its page's post stores it (server/dossier-ratings.ts submitDossierRating). */
async function rateFirst(dossierId: number, at: number, q1 = 5, q2 = 4, comment: string | null = null) {
  const r = await storeRating({
    ...testResponse({ unitId: office.id, counterId: counter.id, questionSetVersionId: versionId, submittedAt: new Date(at), q1, q2, comment }),
    channel: 'dossier',
    dossierId,
    rules: DEFAULT_ABUSE_RULES,
  });
  if (r.status !== 'created') throw new Error(r.status);
  return r.responseId;
}

const change = (dossierId: number, at: number, q1: number, q2: number, comment: string | null = null) =>
  changeDossierRating({
    ...testResponse({ unitId: office.id, counterId: counter.id, questionSetVersionId: versionId, submittedAt: new Date(at), q1, q2, comment }),
    channel: 'dossier',
    dossierId,
    rules: DEFAULT_ABUSE_RULES,
  });

const answersOf = (responseId: number) =>
  withConn((c) => c.all<{ questionKey: string; score: number }>('select question_key as "questionKey", score from answers where response_id = ? order by question_key', [responseId]));

beforeEach(async () => {
  t = await openTestStore();
  versionId = (await createQuestionSet({ name: 'Mặc định', isDefault: true, definition: DEFAULT_QUESTION_SET })).version.id;
  const province = await addTestUnit({ parentId: null, kind: 'province', name: 'Tỉnh', rateable: false });
  office = await addTestUnit({ parentId: province.id, name: 'Trung tâm Phục vụ hành chính công' });
  counter = await addTestCounter({ unitId: office.id, name: 'Quầy 1' });
});
afterEach(() => t.dispose());

describe('a dossier link', () => {
  it('is unknown when the token was edited by hand, or no dossier carries it', async () => {
    const { token } = await addDossier();
    const edited = (token[0] === 'A' ? 'B' : 'A') + token.slice(1);
    expect((await loadDossierLink(edited, T0)).kind).toBe('unknown');
    expect((await loadDossierLink(makeDossierToken(key()), T0)).kind).toBe('unknown');
    expect((await loadDossierLink('not-a-token', T0)).kind).toBe('unknown');
    expect((await loadDossierLink(token, T0)).kind).toBe('open');
  });

  it('expires 90 days after the result was returned (or received, never returned) while not rated, and then points to the counter survey', async () => {
    const returned = await addDossier({ returnedAt: T0 - 91 * DAY, receivedAt: T0 - 95 * DAY });
    const neverReturned = await addDossier({ returnedAt: null, receivedAt: T0 - 89 * DAY });
    expect(await loadDossierLink(returned.token, T0)).toEqual({ kind: 'expired', office: 'Trung tâm Phục vụ hành chính công', officeCode: counter.code });
    expect((await loadDossierLink(neverReturned.token, T0)).kind).toBe('open');
    expect((await loadDossierLink(neverReturned.token, T0 + DAY)).kind).toBe('expired');
  });

  it('shows the survey, then the rating given, changeable for 7 days, then read only', async () => {
    const d = await addDossier();
    const before = await loadDossierLink(d.token, T0);
    expect(before.kind === 'open' && before.state).toBe('open');
    if (before.kind === 'open') {
      expect(before.survey.target.counter?.id).toBe(counter.id);
      expect(before.dossier.procedure).toBe('Đăng ký khai sinh');
    }
    const id = await rateFirst(d.id, T0, 5, 4);
    const after = await loadDossierLink(d.token, T0 + DAY);
    expect(after.kind === 'open' && after.state).toBe('changeable');
    expect(after.kind === 'open' && after.rating?.answers.map((a) => [a.questionKey, a.score])).toEqual([
      ['q1', 5],
      ['q2', 4],
    ]);
    expect(after.kind === 'open' && after.rating?.id).toBe(id);
    const late = await loadDossierLink(d.token, T0 + 7 * DAY);
    expect(late.kind === 'open' && late.state).toBe('final');
  });

  it('keeps one rating per dossier: a second insert is refused by the unique index', async () => {
    const d = await addDossier();
    await rateFirst(d.id, T0);
    const second = rateFirst(d.id, T0 + 1000);
    await expect(second).rejects.toSatisfy(isDossierRatedAlready);
  });
});

describe('changing a dossier rating', () => {
  it('replaces the answers and moves the rollups in one go: a rebuild finds nothing to fix', async () => {
    const d = await addDossier();
    const other = await addDossier();
    const id = await rateFirst(d.id, T0, 5, 4);
    await rateFirst(other.id, T0 + 60_000, 5, 5);
    const result = await change(d.id, T0 + 2 * DAY, 1, 2, 'Trả kết quả trễ hẹn.');
    expect(result).toMatchObject({ status: 'created', responseId: id });
    expect(await answersOf(id)).toEqual([
      { questionKey: 'q1', score: 1 },
      { questionKey: 'q2', score: 2 },
    ]);
    const row = await withConn((c) =>
      c.get<{ submittedAt: number; comment: string; receiptCode: string | null; channel: string }>(
        'select submitted_at as "submittedAt", comment, receipt_code as "receiptCode", channel from responses where id = ?',
        [id],
      ),
    );
    expect(Number(row!.submittedAt)).toBe(T0);
    expect(row!.comment).toBe('Trả kết quả trễ hẹn.');
    expect(row!.receiptCode).toMatch(/^[0-9A-Z]{8}$/);
    expect(row!.channel).toBe('dossier');
    expect(Number(await withConn((c) => c.value('select min_score from low_ratings where response_id = ?', [id])))).toBe(1);

    // Changed back up: the low rating goes, the comment is kept.
    await change(d.id, T0 + 3 * DAY, 4, 5, 'Trả kết quả trễ hẹn.');
    expect(Number(await withConn((c) => c.value('select count(*) from low_ratings where response_id = ?', [id])))).toBe(0);
    expect((await rebuildRollupsAndCompare({ dryRun: true })).changed).toEqual([]);

    const scores = await withConn((c) =>
      c.all<{ questionKey: string; score: number; n: number }>(
        `select question_key as "questionKey", score, sum(n) as n from rollup_scores where unit_id = ? and channel = 'dossier' group by question_key, score order by question_key, score`,
        [office.id],
      ),
    );
    expect(scores.map((s) => [s.questionKey, Number(s.score), Number(s.n)])).toEqual([
      ['q1', 4, 1],
      ['q1', 5, 1],
      ['q2', 5, 2],
    ]);
  });

  it('raises an alert of the office when the change makes the third low rating within the hour; a good change raises none', async () => {
    const alerts = () => t.conn.value<number>('select count(*) from alerts where unit_id = ?', [office.id]);
    // Two low ratings at the counter, then a dossier rated well: two low ratings in the hour, no alert (3 in 60 minutes).
    for (const at of [T0, T0 + 5 * 60_000]) {
      const r = await storeRating({ ...testResponse({ unitId: office.id, counterId: counter.id, questionSetVersionId: versionId, submittedAt: new Date(at), q1: 1, q2: 1 }), rules: DEFAULT_ABUSE_RULES });
      expect(r.status).toBe('created');
    }
    const d = await addDossier();
    await rateFirst(d.id, T0 + 10 * 60_000, 5, 5);
    expect(await alerts()).toBe(0);
    expect((await change(d.id, T0 + DAY, 4, 5)).status).toBe('created');
    expect(await alerts()).toBe(0);
    // Changed to "very dissatisfied" a day later: the third low rating of that hour, so one alert, spanning the three.
    expect((await change(d.id, T0 + DAY + 60_000, 1, 2)).status).toBe('created');
    expect(await t.conn.all('select low_count as "lowCount", start_at as "startAt", end_at as "endAt" from alerts where unit_id = ?', [office.id])).toEqual([
      { lowCount: 3, startAt: T0, endAt: T0 + 10 * 60_000 },
    ]);
    expect((await rebuildRollupsAndCompare({ dryRun: true })).changed).toEqual([]);
  });

  it('is refused after 7 days, and changes nothing', async () => {
    const d = await addDossier();
    const id = await rateFirst(d.id, T0, 5, 4);
    const result = await change(d.id, T0 + 7 * DAY, 1, 1);
    expect(result).toEqual({ status: 'refused', error: { key: 'dossier_change_closed' } });
    expect(await answersOf(id)).toEqual([
      { questionKey: 'q1', score: 5 },
      { questionKey: 'q2', score: 4 },
    ]);
    expect((await rebuildRollupsAndCompare({ dryRun: true })).changed).toEqual([]);
  });
});

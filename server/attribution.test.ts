import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getServingOfficial, officialOnDuty } from '@/db/queries/duty';
import { createQuestionSet } from '@/db/queries/question-sets';
import { readSurveyTargetAndFacts } from '@/db/queries/responses';
import { rebuildRollups } from '@/db/queries/rollups';
import { openTestStore, addTestViewer, testResponse, type TestStore } from '@/db/testing';
import { addTestCounter, addTestUnit } from '@/db/testing-ratings';
import { addOfficial } from '@/db/testing-reading';
import { DEFAULT_ABUSE_RULES } from '@/lib/abuse';
import type { Viewer } from '@/lib/auth/roles';
import { localDayStart, parseMinute } from '@/lib/duty';
import { DEFAULT_QUESTION_SET } from '@/lib/survey/question-set';
import { addDutyShift, addDutyTemplate, removeDutyShift, removeDutyTemplate } from './duty';
import { storeRating } from './ratings';

// 2026-12-07 is a Monday; local midnight is 17:00 UTC the day before.
const MON = '2026-12-07';
const SUN = '2026-12-06';
const at = (day: string, hhmm: string) => localDayStart(day) + parseMinute(hhmm)! * 60_000;

let t: TestStore;
let versionId: number;
let office: { id: number; path: string };
let other: { id: number; path: string };
let counter1: number;
let counter2: number;
let counterCodes: Record<number, string>;
let otherCounter: number;
let A: number;
let B: number;
let C: number;
let inactive: number;
let stranger: number;
let head: Viewer;

beforeEach(async () => {
  t = await openTestStore();
  versionId = (await createQuestionSet({ name: 'Mặc định', isDefault: true, definition: DEFAULT_QUESTION_SET })).version.id;
  const province = await addTestUnit({ parentId: null, kind: 'province', name: 'Tỉnh', rateable: false });
  office = await addTestUnit({ parentId: province.id, name: 'Bộ phận Một cửa' });
  other = await addTestUnit({ parentId: province.id, name: 'Cơ quan khác' });
  const c1 = await addTestCounter({ unitId: office.id, name: 'Quầy 1' });
  const c2 = await addTestCounter({ unitId: office.id, name: 'Quầy 2' });
  [counter1, counter2, counterCodes] = [c1.id, c2.id, { [c1.id]: c1.code, [c2.id]: c2.code }];
  otherCounter = (await addTestCounter({ unitId: other.id, name: 'Quầy khác' })).id;
  A = await addOfficial(office.id, 'Nguyễn Văn A');
  B = await addOfficial(office.id, 'Trần Thị B');
  C = await addOfficial(office.id, 'Lê Văn C');
  inactive = await addOfficial(office.id, 'Phạm Văn D', { active: false });
  stranger = await addOfficial(other.id, 'Hoàng E');
  head = await addTestViewer('office_head', office, 'head');
});
afterEach(() => t.dispose());

async function rate(counterId: number | null, when: number, q1 = 5): Promise<number> {
  const r = await storeRating({
    ...testResponse({ unitId: counterId === otherCounter ? other.id : office.id, counterId, questionSetVersionId: versionId, submittedAt: new Date(when), q1 }),
    rules: DEFAULT_ABUSE_RULES,
  });
  if (r.status !== 'created') throw new Error(r.status);
  return r.responseId;
}

/** Whom the survey's post attributes a rating at a counter's code to: it reads the official with the code's target. */
async function onDutyForThePost(counterId: number, when: number): Promise<number | null | undefined> {
  const found = await readSurveyTargetAndFacts({ code: counterCodes[counterId]!, clientId: randomUUID(), deviceHash: null, networkHash: null, deviceSince: 0, networkSince: 0, at: when });
  return found?.officialId;
}

async function officialOf(responseId: number): Promise<number | null> {
  const v = await t.conn.value<number | null>('select official_id from responses where id = ?', [responseId]);
  return v == null ? null : Number(v);
}

const template = (o: Partial<Parameters<typeof addDutyTemplate>[0]['template']>) => ({
  counterId: counter1,
  officialId: A,
  weekday: 1,
  startMinute: parseMinute('07:30')!,
  endMinute: parseMinute('11:30')!,
  validFrom: '2026-11-01',
  validTo: null,
  ...o,
});

async function officialRollups() {
  const days = await t.conn.all<Record<string, unknown>>(
    'select official_id, day, question_key, excluded, n1, n2, n3, n4, n5 from rollup_official_days order by official_id, day, question_key, excluded',
  );
  const months = await t.conn.all<Record<string, unknown>>(
    'select official_id, month, question_key, excluded, n1, n2, n3, n4, n5 from rollup_official_months order by official_id, month, question_key, excluded',
  );
  const norm = (rows: Record<string, unknown>[]) => rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'boolean' ? Number(v) : typeof v === 'string' ? v : Number(v)])));
  return { days: norm(days), months: norm(months) };
}

async function expectRollupsEqualRebuild() {
  const kept = await officialRollups();
  await rebuildRollups();
  expect(kept).toEqual(await officialRollups());
  return kept;
}

describe('attribution', () => {
  it('attributes by the schedule at the rating time, never a rating without a counter, and re-attributes after changes', async () => {
    const before = new Date(at(SUN, '20:00'));
    expect(await addDutyTemplate({ viewer: head, unitId: office.id, template: template({}), now: before })).toEqual({ ok: true, reattributed: 0 });
    // Sunday 23:00–24:00 at counter 2: B; Monday 00:00–01:00 at counter 2: C.
    expect((await addDutyTemplate({ viewer: head, unitId: office.id, template: template({ counterId: counter2, officialId: B, weekday: 7, startMinute: 1380, endMinute: 1440 }), now: before })).ok).toBe(true);
    expect((await addDutyTemplate({ viewer: head, unitId: office.id, template: template({ counterId: counter2, officialId: C, weekday: 1, startMinute: 0, endMinute: 60 }), now: before })).ok).toBe(true);

    const morning = await rate(counter1, at(MON, '08:00'));
    const late = await rate(counter1, at(MON, '11:30'));
    const noCounter = await rate(null, at(MON, '08:00'));
    const beforeMidnight = await rate(counter2, Date.parse('2026-12-06T16:59:59.999Z'));
    const atMidnight = await rate(counter2, Date.parse('2026-12-06T17:00:00.000Z'));
    expect(await officialOf(morning)).toBe(A);
    expect(await officialOf(late)).toBe(null);
    expect(await officialOf(noCounter)).toBe(null);
    expect(await officialOf(beforeMidnight)).toBe(B);
    expect(await officialOf(atMidnight)).toBe(C);
    expect(await officialOnDuty(counter1, at(MON, '08:00'))).toBe(A);
    // The survey's post reads the same official in the statement that finds its code's target.
    expect(await onDutyForThePost(counter1, at(MON, '08:00'))).toBe(A);
    expect(await onDutyForThePost(counter1, at(MON, '11:30'))).toBe(null);
    expect(await onDutyForThePost(counter2, Date.parse('2026-12-06T16:59:59.999Z'))).toBe(B);
    expect(await onDutyForThePost(counter2, Date.parse('2026-12-06T17:00:00.000Z'))).toBe(C);
    expect(await getServingOfficial({ counterId: counter1, at: at(MON, '08:00') })).toMatchObject({ id: A, fullName: 'Nguyễn Văn A', position: 'chuyên viên', photoVersion: 0 });
    expect(await getServingOfficial({ counterId: counter1, at: at(MON, '12:00') })).toBeNull();
    await expectRollupsEqualRebuild();

    // A same-day change starting earlier today re-attributes what it covers.
    const tenAm = new Date(at(MON, '10:00'));
    const changed = await addDutyShift({
      viewer: head,
      unitId: office.id,
      shift: { counterId: counter1, officialId: B, startAt: at(MON, '07:45'), endAt: at(MON, '09:00') },
      source: 'change',
      now: tenAm,
    });
    expect(changed).toEqual({ ok: true, reattributed: 1 });
    expect(await officialOf(morning)).toBe(B);
    expect(await onDutyForThePost(counter1, at(MON, '08:00'))).toBe(B);
    const afterChange = await rate(counter1, at(MON, '09:30'));
    expect(await officialOf(afterChange)).toBe(A);
    const audit = await t.conn.get<{ n: number }>(`select count(*) as n from audit_log where action = 'duty.reattribute'`);
    expect(Number(audit!.n)).toBe(1);
    await expectRollupsEqualRebuild();

    // The next day, a correction: nobody served counter 1 from 07:30 to 08:30 on Monday.
    const tuesday = new Date(at('2026-12-08', '09:00'));
    expect(
      await addDutyShift({
        viewer: head,
        unitId: office.id,
        shift: { counterId: counter1, officialId: null, startAt: at(MON, '07:30'), endAt: at(MON, '08:30') },
        source: 'correction',
        now: tuesday,
      }),
    ).toMatchObject({ ok: false });
    // …overlapping the change is refused: remove the change first, then correct.
    const shiftId = Number(await t.conn.value<number>(`select id from duty_shifts where source = 'change'`));
    expect(await removeDutyShift({ viewer: head, unitId: office.id, shiftId, now: tuesday })).toEqual({ ok: true, reattributed: 1 });
    expect(await officialOf(morning)).toBe(A);
    expect(
      await addDutyShift({
        viewer: head,
        unitId: office.id,
        shift: { counterId: counter1, officialId: null, startAt: at(MON, '07:30'), endAt: at(MON, '08:30') },
        source: 'correction',
        now: tuesday,
      }),
    ).toEqual({ ok: true, reattributed: 1 });
    expect(await officialOf(morning)).toBe(null);
    expect(await officialOf(afterChange)).toBe(A);

    // A template added with a validity that began in the past re-attributes too (Monday afternoon, counter 1).
    const afternoon = await rate(counter1, at(MON, '14:00'), 2);
    expect(await officialOf(afternoon)).toBe(null);
    expect(
      await addDutyTemplate({ viewer: head, unitId: office.id, template: template({ officialId: C, startMinute: 780, endMinute: 1020, validFrom: MON }), now: tuesday }),
    ).toEqual({ ok: true, reattributed: 1 });
    expect(await officialOf(afternoon)).toBe(C);
    const rollups = await expectRollupsEqualRebuild();
    expect(rollups.days.some((r) => r.official_id === C && r.n2 === 1)).toBe(true);
    expect(await officialOf(noCounter)).toBe(null);
  });

  it('removing a slot ends it after today: past attributions stay', async () => {
    const now = new Date(at(MON, '10:00'));
    await addDutyTemplate({ viewer: head, unitId: office.id, template: template({}), now: new Date(at(SUN, '10:00')) });
    const r = await rate(counter1, at(MON, '08:00'));
    const id = Number(await t.conn.value<number>('select id from duty_templates'));
    expect(await removeDutyTemplate({ viewer: head, unitId: office.id, templateId: id, now })).toEqual({ ok: true, reattributed: 0 });
    expect(await t.conn.value<string>('select valid_to from duty_templates where id = ?', [id])).toBe(MON);
    expect(await officialOf(r)).toBe(A);
    expect(await officialOnDuty(counter1, at('2026-12-14', '08:00'))).toBe(null);
  });
});

describe('bad input', () => {
  const now = new Date(at(MON, '06:00'));
  beforeEach(async () => {
    expect((await addDutyTemplate({ viewer: head, unitId: office.id, template: template({}), now })).ok).toBe(true);
  });
  const count = async () => Number(await t.conn.value<number>('select (select count(*) from duty_templates) + (select count(*) from duty_shifts)'));

  it.each([
    ['overlapping slots for one counter', () => template({ officialId: B, startMinute: 600, endMinute: 720 }), 'trùng giờ'],
    ['an official on two counters at once', () => template({ counterId: counter2, startMinute: 600, endMinute: 720 }), 'hai quầy'],
    ['a slot for an inactive official', () => template({ counterId: counter2, officialId: inactive }), 'ngừng hoạt động'],
    ['an official of another office', () => template({ counterId: counter2, officialId: stranger }), 'không thuộc'],
    ['a counter of another office', () => template({ counterId: otherCounter, officialId: B }), 'không thuộc'],
    ['start after end', () => template({ counterId: counter2, officialId: B, startMinute: 700, endMinute: 600 }), 'trước giờ kết thúc'],
    ['minutes past the day', () => template({ counterId: counter2, officialId: B, startMinute: 700, endMinute: 1500 }), 'trong ngày'],
  ])('refuses %s, stores nothing', async (_, make, message) => {
    const result = await addDutyTemplate({ viewer: head, unitId: office.id, template: make(), now });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.join(' ')).toContain(message);
    expect(await count()).toBe(1);
  });

  it('refuses a same-day change putting the templated official on another counter', async () => {
    const result = await addDutyShift({
      viewer: head,
      unitId: office.id,
      shift: { counterId: counter2, officialId: A, startAt: at(MON, '08:00'), endAt: at(MON, '09:00') },
      source: 'change',
      now,
    });
    expect(!result.ok && result.problems.join(' ')).toContain('hai quầy');
    expect(await count()).toBe(1);
  });

  it('lets an official’s account set the schedule only when the head delegated it, for their own office', async () => {
    const account = await addTestViewer('official', office, 'canbo-b');
    const slot = template({ counterId: counter2, officialId: B });
    expect(await addDutyTemplate({ viewer: account, unitId: office.id, template: slot, now })).toMatchObject({ ok: false });
    await t.conn.run(`update officials set user_id = ?, manages_duty = ${t.conn.kind === 'pg' ? 'true' : '1'} where id = ?`, [account.userId, B]);
    expect(await addDutyTemplate({ viewer: account, unitId: other.id, template: { ...slot, counterId: otherCounter, officialId: stranger }, now })).toMatchObject({ ok: false });
    expect(await addDutyTemplate({ viewer: account, unitId: office.id, template: slot, now })).toEqual({ ok: true, reattributed: 0 });
    expect(await count()).toBe(2);
  });

  it('refuses a head of another office', async () => {
    const otherHead = await addTestViewer('office_head', other, 'other-head');
    const result = await addDutyTemplate({ viewer: otherHead, unitId: office.id, template: template({ counterId: counter2, officialId: B }), now });
    expect(result.ok).toBe(false);
    expect(await count()).toBe(1);
  });
});

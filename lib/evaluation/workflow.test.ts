import { describe, expect, it } from 'vitest';
import type { Role } from '@/lib/auth/roles';
import type { EvaluationStatus } from '@/lib/validation/evaluation';
import { decideFinalise, decideReopen, decideRubricEdit, decideSaveStage } from './workflow';

const complete = { missing: [], classification: 'Tốt' };
const gaps = { missing: [{ key: 'x' }] as never[], classification: null };

describe('decideSaveStage', () => {
  it.each<[Role, 'self' | 'review', EvaluationStatus | null, unknown]>([
    ['office_head', 'self', 'not_started', { status: 'ok', next: 'self_assessed' }],
    ['office_head', 'self', 'self_assessed', { status: 'ok', next: 'self_assessed' }],
    ['office_head', 'self', 'reviewed', { status: 'locked', why: 'reviewed' }],
    ['office_head', 'self', 'finalised', { status: 'locked', why: 'finalised' }],
    ['office_head', 'self', null, { status: 'not_found' }],
    ['office_head', 'review', 'self_assessed', { status: 'not_found' }],
    ['assessor', 'review', 'not_started', { status: 'ok', next: 'reviewed' }],
    ['assessor', 'review', 'self_assessed', { status: 'ok', next: 'reviewed' }],
    ['assessor', 'review', 'reviewed', { status: 'ok', next: 'reviewed' }],
    ['assessor', 'review', 'finalised', { status: 'locked', why: 'finalised' }],
    ['assessor', 'self', 'not_started', { status: 'not_found' }],
    ['supervisor', 'self', 'not_started', { status: 'not_found' }],
    ['admin', 'review', 'reviewed', { status: 'not_found' }],
  ])('%s saving %s on %s → %j', (role, stage, status, want) => {
    expect(decideSaveStage(role, stage, status)).toEqual(want);
  });
});

describe('decideFinalise', () => {
  it.each<[Role, EvaluationStatus | null, typeof complete | typeof gaps, string | null, unknown]>([
    ['assessor', 'reviewed', complete, null, { status: 'ok', classification: 'Tốt' }],
    ['assessor', 'self_assessed', complete, null, { status: 'ok', classification: 'Tốt' }],
    ['assessor', 'reviewed', gaps, 'thiếu x', { status: 'incomplete', message: 'thiếu x' }],
    ['assessor', 'not_started', gaps, 'thiếu x', { status: 'incomplete', message: 'thiếu x' }],
    ['assessor', 'not_started', complete, null, { status: 'incomplete', message: 'Chưa chốt được: phiếu chưa được thẩm định.' }],
    ['assessor', 'finalised', complete, null, { status: 'locked' }],
    ['assessor', null, complete, null, { status: 'not_found' }],
    ['office_head', 'reviewed', complete, null, { status: 'not_found' }],
    ['admin', 'reviewed', complete, null, { status: 'not_found' }],
  ])('%s on %s → %j', (role, status, score, problem, want) => {
    expect(decideFinalise(role, status, score, problem)).toEqual(want);
  });
});

describe('decideReopen', () => {
  it.each<[Role, EvaluationStatus | null, string]>([
    ['admin', 'finalised', 'ok'],
    ['admin', 'reviewed', 'not_finalised'],
    ['admin', 'self_assessed', 'not_finalised'],
    ['admin', 'not_started', 'not_found'],
    ['admin', null, 'not_found'],
    ['assessor', 'finalised', 'not_found'],
    ['office_head', 'finalised', 'not_found'],
  ])('%s on %s → %s', (role, status, want) => {
    expect(decideReopen(role, status)).toBe(want);
  });
});

describe('decideRubricEdit', () => {
  it.each<[Role, boolean | null, number, string]>([
    ['admin', true, 0, 'ok'],
    ['admin', true, 1, 'locked'],
    ['admin', false, 0, 'not_found'],
    ['admin', null, 0, 'not_found'],
    ['assessor', true, 0, 'not_found'],
  ])('%s (manages: %s, finalised sheets: %i) → %s', (role, manages, finalised, want) => {
    expect(decideRubricEdit(role, manages, finalised)).toBe(want);
  });
});

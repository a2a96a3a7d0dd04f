import { describe, expect, it } from 'vitest';
import { canAssignQuestionSet, canChangeQuestionSet, canMakeQuestionSetDefault, canViewQuestionSet } from './question-set-scope';
import { isRootScope } from './roles';

// The demo tree: province /1/, ward /1/4/ with its office /1/4/9/, another ward /1/5/.
const province = { scopePath: '/1/' };
const ward = { scopePath: '/1/4/' };
const office = { scopePath: '/1/4/9/' };

describe('isRootScope', () => {
  it.each([
    ['/1/', true],
    ['/12/', true],
    ['/1/4/', false],
    ['/1/4/9/', false],
  ])('%s → %s', (scopePath, want) => expect(isRootScope({ scopePath })).toBe(want));
});

describe('canViewQuestionSet', () => {
  it.each([
    [province, '/1/', true],
    [province, '/1/4/', true],
    [ward, '/1/', true],
    [ward, '/1/4/', true],
    [ward, '/1/4/9/', true],
    [ward, '/1/5/', false],
    [ward, '/1/40/', false],
    [office, '/1/4/', true],
    [ward, null, true],
  ])('%j sees a set owned by %s → %s', (viewer, ownerPath, want) => expect(canViewQuestionSet(viewer, ownerPath)).toBe(want));
});

describe('canChangeQuestionSet', () => {
  it.each([
    [province, '/1/', true],
    [province, '/1/4/', true],
    [province, null, true],
    [ward, '/1/', false],
    [ward, null, false],
    [ward, '/1/4/', true],
    [ward, '/1/4/9/', true],
    [ward, '/1/5/', false],
    [office, '/1/4/', false],
  ])('%j changes a set owned by %s → %s', (viewer, ownerPath, want) => expect(canChangeQuestionSet(viewer, ownerPath)).toBe(want));
});

describe('canMakeQuestionSetDefault', () => {
  it.each([
    [province, '/1/', true],
    [province, null, true],
    [province, '/1/4/', false],
    [{ scopePath: '/2/' }, '/1/', false],
    [ward, '/1/4/', false],
    [ward, '/1/', false],
  ])('%j makes the default a set owned by %s → %s', (viewer, ownerPath, want) => expect(canMakeQuestionSetDefault(viewer, ownerPath)).toBe(want));
});

describe('canAssignQuestionSet', () => {
  it.each([
    [province, '/1/4/9/', '/1/', true],
    [province, '/1/', '/1/4/', false],
    [ward, '/1/4/9/', '/1/', true],
    [ward, '/1/4/9/', '/1/4/', true],
    [ward, '/1/4/', '/1/4/9/', false],
    [ward, '/1/5/', '/1/', false],
    [ward, '/1/5/', '/1/4/', false],
    [ward, '/1/4/9/', '/1/5/', false],
    [ward, '/1/', '/1/', false],
    [ward, '/1/4/9/', null, true],
  ])('%j assigns to unit %s a set owned by %s → %s', (viewer, unitPath, ownerPath, want) =>
    expect(canAssignQuestionSet(viewer, { unitPath, ownerPath })).toBe(want),
  );
});

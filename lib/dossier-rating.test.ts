import { describe, expect, it } from 'vitest';
import {
  classifyDossier,
  countDossiers,
  dossierIndex,
  dossierLinkState,
  DOSSIER_CHANGE_DAYS,
  DOSSIER_LINK_DAYS,
  type DossierFacts,
} from './dossier-rating';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 11, 1, 2); // 09:00 in Vietnam

describe('dossierLinkState', () => {
  it.each([
    ['not rated, returned yesterday', { receivedAt: T0 - 5 * DAY, returnedAt: T0 - DAY, ratedAt: null }, T0, 'open'],
    ['not rated, never returned, received 89 days ago', { receivedAt: T0 - 89 * DAY, returnedAt: null, ratedAt: null }, T0, 'open'],
    ['not rated, never returned, received exactly 90 days ago', { receivedAt: T0 - DOSSIER_LINK_DAYS * DAY, returnedAt: null, ratedAt: null }, T0, 'expired'],
    ['not rated, returned 90 days ago less a millisecond', { receivedAt: T0 - 200 * DAY, returnedAt: T0 - DOSSIER_LINK_DAYS * DAY + 1, ratedAt: null }, T0, 'open'],
    ['not rated, returned 91 days ago', { receivedAt: T0 - 100 * DAY, returnedAt: T0 - 91 * DAY, ratedAt: null }, T0, 'expired'],
    ['rated now', { receivedAt: T0 - DAY, returnedAt: T0, ratedAt: T0 }, T0, 'changeable'],
    ['rated 7 days ago less a millisecond', { receivedAt: T0 - 9 * DAY, returnedAt: T0 - 8 * DAY, ratedAt: T0 - DOSSIER_CHANGE_DAYS * DAY + 1 }, T0, 'changeable'],
    ['rated exactly 7 days ago', { receivedAt: T0 - 9 * DAY, returnedAt: T0 - 8 * DAY, ratedAt: T0 - DOSSIER_CHANGE_DAYS * DAY }, T0, 'final'],
    ['rated long ago, link expired since: still shown', { receivedAt: T0 - 400 * DAY, returnedAt: T0 - 300 * DAY, ratedAt: T0 - 299 * DAY }, T0, 'final'],
  ] as const)('%s → %s', (_what, d, now, want) => {
    expect(dossierLinkState(d, now)).toBe(want);
  });
});

// The table of cases of Decision 766's per-dossier index (docs/decisions/027).
const due = T0;
const CASES: [string, DossierFacts, ReturnType<typeof classifyDossier>][] = [
  ['rated dissatisfied, on time', { returnedAt: due - DAY, dueAt: due, rated: true, dissatisfied: true }, 'dissatisfied'],
  ['overdue, rated satisfied', { returnedAt: due + DAY, dueAt: due, rated: true, dissatisfied: false }, 'overdue'],
  ['overdue, not rated', { returnedAt: due + 1, dueAt: due, rated: false, dissatisfied: false }, 'overdue'],
  ['both', { returnedAt: due + DAY, dueAt: due, rated: true, dissatisfied: true }, 'dissatisfied_and_overdue'],
  ['neither, rated satisfied', { returnedAt: due - DAY, dueAt: due, rated: true, dissatisfied: false }, 'satisfied'],
  ['neither, not rated', { returnedAt: due, dueAt: due, rated: false, dissatisfied: false }, 'satisfied'],
  ['returned, no due time', { returnedAt: due, dueAt: null, rated: true, dissatisfied: false }, 'satisfied'],
  ['not returned (even if rated dissatisfied and past due)', { returnedAt: null, dueAt: due - DAY, rated: true, dissatisfied: true }, 'not_returned'],
];

describe('classifyDossier', () => {
  it.each(CASES)('%s → %s', (_what, facts, want) => {
    expect(classifyDossier(facts)).toBe(want);
  });
});

describe('dossierIndex', () => {
  it('counts the table: 7 returned, 3 of them satisfied, 5 rated', () => {
    const counts = countDossiers(CASES.map(([, f]) => f));
    expect(counts).toEqual({ returned: 7, rated: 5, notSatisfied: 4 });
    const idx = dossierIndex(counts);
    expect(idx.n).toBe(7);
    expect(idx.index).toBeCloseTo(3 / 7, 10);
    expect(idx.responseRate).toBeCloseTo(5 / 7, 10);
  });

  it.each([
    [{ returned: 0, rated: 0, notSatisfied: 0 }, null, null],
    [{ returned: 4, rated: 0, notSatisfied: 0 }, 1, 0],
    [{ returned: 4, rated: 4, notSatisfied: 4 }, 0, 1],
    [{ returned: 10, rated: 3, notSatisfied: 1 }, 0.9, 0.3],
  ])('%j → index %s, response rate %s', (c, index, responseRate) => {
    const idx = dossierIndex(c);
    expect(idx.index).toBe(index);
    expect(idx.responseRate).toBe(responseRate);
  });
});

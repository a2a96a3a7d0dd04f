import { describe, expect, it } from 'vitest';
import { auditQueryString, pageCount, parseAuditQuery, type SearchParams } from './audit';

describe('parseAuditQuery', () => {
  it.each<[string, SearchParams, object, number]>([
    ['nothing', {}, { page: 1 }, 0],
    ['empty values are no filter', { action: '', actor: ' ', tu: '', den: '', trang: '' }, { page: 1 }, 0],
    ['an action', { action: 'user.create' }, { action: 'user.create', page: 1 }, 0],
    ['an actor and a page', { actor: '12', trang: '3' }, { actorId: 12, page: 3 }, 0],
    [
      'a day range in Vietnamese time, the end day included',
      { tu: '2026-11-27', den: '2026-11-27' },
      { fromDay: '2026-11-27', toDay: '2026-11-27', from: new Date('2026-11-26T17:00:00Z'), to: new Date('2026-11-27T17:00:00Z'), page: 1 },
      0,
    ],
    ['only a start day', { tu: '2026-01-01' }, { fromDay: '2026-01-01', from: new Date('2025-12-31T17:00:00Z'), page: 1 }, 0],
    ['an action with odd characters', { action: "user.create' or 1=1" }, { page: 1 }, 1],
    ['an actor that is not a number', { actor: 'quantri' }, { page: 1 }, 1],
    ['an actor of 0', { actor: '0' }, { page: 1 }, 1],
    ['a day that does not exist', { tu: '2026-02-30' }, { page: 1 }, 1],
    ['a day in the wrong format', { den: '11/27/2026' }, { page: 1 }, 1],
    ['days as typed, day first', { tu: '1/11/2026', den: '27/11/2026' }, { page: 1, fromDay: '2026-11-01', from: new Date('2026-10-31T17:00:00Z'), toDay: '2026-11-27', to: new Date('2026-11-27T17:00:00Z') }, 0],
    ['days in the wrong order', { tu: '2026-11-28', den: '2026-11-27' }, { page: 1 }, 1],
    ['page 0', { trang: '0' }, { page: 1 }, 1],
    ['page not a number', { trang: 'hai' }, { page: 1 }, 1],
    ['a repeated filter', { action: ['user.create', 'user.update'] }, { page: 1 }, 1],
    ['everything wrong, every note', { action: '!', actor: 'x', tu: 'x', den: 'y', trang: '-1' }, { page: 1 }, 5],
  ])('%s', (_name, params, want, notes) => {
    const r = parseAuditQuery(params);
    expect(r.query).toEqual(want);
    expect(r.notes).toHaveLength(notes);
  });
});

describe('auditQueryString', () => {
  it.each([
    [{ page: 1 }, 1, ''],
    [{ page: 1 }, 2, '?trang=2'],
    [{ action: 'user.create', actorId: 3, fromDay: '2026-11-01', toDay: '2026-11-30', page: 2 }, 3, '?action=user.create&actor=3&tu=2026-11-01&den=2026-11-30&trang=3'],
  ])('%j page %i → %s', (query, page, want) => {
    expect(auditQueryString(query, page)).toBe(want);
  });
});

describe('pageCount', () => {
  it.each([
    [0, 1],
    [1, 1],
    [50, 1],
    [51, 2],
    [100, 2],
    [101, 3],
  ])('%i entries → %i pages', (total, want) => expect(pageCount(total)).toBe(want));
});

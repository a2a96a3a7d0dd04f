import { describe, expect, it } from 'vitest';
import { APP_ERRORS, AppError, toAppError } from './errors';

const withCode = (code: string) => Object.assign(new Error(code), { code });

describe('toAppError', () => {
  it.each([
    ['SQLITE_BUSY', 'busy', 503],
    ['SQLITE_BUSY_SNAPSHOT', 'busy', 503],
    ['SQLITE_LOCKED', 'busy', 503],
    ['SQLITE_IOERR_SHORT_READ', 'unavailable', 503],
    ['SQLITE_CANTOPEN', 'unavailable', 503],
    ['ECONNREFUSED', 'unavailable', 503],
    ['57P01', 'unavailable', 503],
    ['40001', 'busy', 503],
    ['SQLITE_CONSTRAINT_UNIQUE', 'internal', 500],
  ])('%s → %s (%i)', (code, want, status) => {
    const e = toAppError(withCode(code));
    expect(e.code).toBe(want);
    expect(e.status).toBe(status);
  });

  it('asks a 503 to retry after a few seconds', () => expect(toAppError(withCode('SQLITE_BUSY')).retryAfterS).toBeGreaterThan(0));
  it('keeps an AppError as it is', () => {
    const e = new AppError('rate_limited', { retryAfterS: 60 });
    expect(toAppError(e)).toBe(e);
  });
  it('finds the database error under a wrapper', () => {
    const wrapped = new Error('Failed query', { cause: withCode('SQLITE_BUSY') });
    expect(toAppError(wrapped).code).toBe('busy');
    expect(toAppError(new Error('outer', { cause: new Error('mid', { cause: withCode('ECONNREFUSED') }) })).code).toBe('unavailable');
  });
  it('treats anything else as internal', () => expect(toAppError('boom').code).toBe('internal'));
});

describe('AppError', () => {
  it('reads in either language, the detail before the code', () => {
    expect(new AppError('busy').messageIn('vi')).toBe(APP_ERRORS.busy.vi);
    expect(new AppError('busy').messageIn('en')).toBe(APP_ERRORS.busy.en);
    expect(new AppError('bad_request', { detail: { vi: 'Mã sai.', en: 'Wrong code.' } }).messageIn('en')).toBe('Wrong code.');
  });
  it('every code has a status and both languages', () => {
    for (const v of Object.values(APP_ERRORS)) {
      expect(v.status).toBeGreaterThanOrEqual(400);
      expect(v.vi.length).toBeGreaterThan(5);
      expect(v.en.length).toBeGreaterThan(5);
    }
  });
});

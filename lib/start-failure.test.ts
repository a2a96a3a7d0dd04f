import { describe, expect, it } from 'vitest';
import { postgresStartFailure, redactDatabaseUrl } from './start-failure';

const URL_ = 'postgres://hl:secret@db.example.vn:5433/hailong';
const err = (code: string, message = code) => Object.assign(new Error(message), { code });

describe('postgresStartFailure', () => {
  it.each([
    ['refused', err('ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.5:5433'), 'không trả lời'],
    ['refused on every address', new AggregateError([err('ECONNREFUSED'), err('ECONNREFUSED')], ''), 'không trả lời'],
    ['timed out', new Error('Connection terminated due to connection timeout'), 'không trả lời'],
    ['unknown host', err('ENOTFOUND', 'getaddrinfo ENOTFOUND db.example.vn'), 'DNS'],
    ['wrong password', err('28P01', 'password authentication failed for user "hl"'), 'từ chối đăng nhập'],
    ['no such database', err('3D000', 'database "hailong" does not exist'), 'chưa có'],
    ['starting up', err('57P03', 'the database system is starting up'), 'đang khởi động'],
  ])('%s: names the address (without its password) and what to check', (_, error, why) => {
    const message = postgresStartFailure(error, URL_)!;
    expect(message).toContain('không kết nối được PostgreSQL tại postgres://hl:***@db.example.vn:5433/hailong');
    expect(message).toContain(why);
    expect(message).toContain('Kiểm tra:');
    expect(message).not.toContain('secret');
    expect(message).not.toMatch(/\n\s+at /);
  });

  it('names host and port for a refused connection', () => {
    expect(postgresStartFailure(err('ECONNREFUSED'), URL_)).toContain('db.example.vn:5433');
    expect(postgresStartFailure(err('ECONNREFUSED'), 'postgres://hl@127.0.0.1/x')).toContain('127.0.0.1:5432');
  });

  it('leaves other errors alone', () => {
    expect(postgresStartFailure(new Error('relation "units" does not exist'), URL_)).toBeNull();
    expect(postgresStartFailure(err('42P01'), URL_)).toBeNull();
    expect(postgresStartFailure('boom', URL_)).toBeNull();
  });
});

describe('redactDatabaseUrl', () => {
  it.each([
    ['postgres://hl:secret@h:5432/d', 'postgres://hl:***@h:5432/d'],
    ['postgres://hl@h/d', 'postgres://hl@h/d'],
    ['not a url', 'postgres://…'],
  ])('%s → %s', (url, want) => expect(redactDatabaseUrl(url)).toBe(want));
});

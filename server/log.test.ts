import { afterEach, describe, expect, it } from 'vitest';
import { captureLogs, currentRequestId, logger, requestContext } from './log';

let logs: ReturnType<typeof captureLogs>;
afterEach(() => logs?.stop());

describe('the servers’ JSON log', () => {
  it('puts the request id on every line written while the request runs, through awaits and timers, and on none after', async () => {
    logs = captureLogs();
    await requestContext().run({ requestId: 'req-1' }, async () => {
      logger().info('first');
      await new Promise((r) => setTimeout(r, 5));
      logger().warn({ unitId: 3 }, 'second');
      await Promise.all([1, 2].map(async (n) => logger().info({ n }, 'parallel')));
      expect(currentRequestId()).toBe('req-1');
    });
    logger().info('outside');
    expect(logs.lines().map((l) => [l.msg, l.reqId, l.level])).toEqual([
      ['first', 'req-1', 'info'],
      ['second', 'req-1', 'warn'],
      ['parallel', 'req-1', 'info'],
      ['parallel', 'req-1', 'info'],
      ['outside', undefined, 'info'],
    ]);
    expect(logs.lines()[0]).toMatchObject({ time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/), pid: process.pid, hostname: expect.any(String) });
  });

  it('never writes the statement or the values of a failed query, nor a phone number in a driver message', () => {
    logs = captureLogs();
    const cause = Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505', detail: 'Key (phone)=(0912345678) already exists.' });
    const failed = Object.assign(new Error('Failed query: insert into "responses" ("comment") values ($1)\nparams: Chờ quá lâu ở quầy 3,0912345678', { cause }), {
      query: 'insert into "responses" ("comment") values ($1)',
      params: ['Chờ quá lâu ở quầy 3', '0912345678'],
    });
    logger().error({ err: failed }, 'survey: rating not stored');
    const text = JSON.stringify(logs.lines());
    expect(text).not.toContain('0912345678');
    expect(text).not.toContain('Chờ quá lâu');
    // The driver's own message stays (pino folds the cause into the stack).
    expect(text).toContain('duplicate key value violates unique constraint');
  });

  it('redacts fields named as personal data, should a call pass one', () => {
    logs = captureLogs();
    logger().info({ phone: '0912345678', comment: 'Chờ quá lâu', user: { email: 'a@b.vn' }, unitId: 7 }, 'oops');
    expect(logs.lines()[0]).toMatchObject({ phone: '[ẩn]', comment: '[ẩn]', user: { email: '[ẩn]' }, unitId: 7 });
  });
});

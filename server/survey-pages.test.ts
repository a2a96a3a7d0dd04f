import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import Database from 'better-sqlite3';
import type { GetServerSidePropsContext } from 'next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '@/db/client';
import { DEMO_CODES } from '@/db/seed';
import { openDemoTestDb } from '@/db/testing';
import { getServerSideProps as thanksProps } from '@/pages/s/[code]/cam-on';
import { getServerSideProps as surveyProps } from '@/pages/s/[code]/index';
import { getServerSideProps as lookupProps } from '@/pages/tra-cuu';

/** The citizen pages' data loading against a real SQLite file, put where getDb() finds it. */
const cache = globalThis as unknown as { __hailongDb?: Db };
let db: ReturnType<typeof openDemoTestDb>['db'];
let holder: Database.Database | null = null;

beforeEach(() => {
  db = openDemoTestDb({ responses: 0, now: new Date('2026-12-04T02:00:00Z') }).db;
  cache.__hailongDb = db;
});
afterEach(() => {
  holder?.close();
  holder = null;
  delete cache.__hailongDb;
  db.dispose();
});

/**
 * Makes the app's connection meet a database busy past its timeout: another
 * connection holds an exclusive lock. (In WAL mode readers never wait for a
 * writer, so the file is switched to a rollback journal for the test, and the
 * app's 5 s busy timeout is shortened to keep the test fast.)
 */
function lockDatabase() {
  db.$client.pragma('journal_mode = DELETE');
  db.$client.pragma('busy_timeout = 20');
  holder = new Database(db.$client.name);
  holder.exec('BEGIN EXCLUSIVE');
}

function context(query: Record<string, string>, params?: Record<string, string>) {
  const req = new IncomingMessage(new Socket());
  req.method = 'GET';
  const res = new ServerResponse(req);
  return { ctx: { req, res, query, params, resolvedUrl: '/' } as unknown as GetServerSidePropsContext<{ code: string }>, res };
}

const pages = [
  ['the survey', surveyProps, { lang: 'vi' }, { code: DEMO_CODES.centre }],
  ['the thank-you page', thanksProps, { ma: 'ABCDEFGH' }, { code: DEMO_CODES.centre }],
  ['the reply look-up (/tra-cuu)', lookupProps, { ma: 'ABCDEFGH' }, undefined],
] as const;

describe('citizen pages on a busy database', () => {
  it.each(pages)('%s answers a Vietnamese 503 page with Retry-After, not an error', async (_, load, query, params) => {
    lockDatabase();
    const logged = vi.mocked(console.error).mockImplementation(() => {});
    const { ctx, res } = context({ ...query }, params ? { ...params } : undefined);
    const result = await (load as (c: typeof ctx) => Promise<unknown>)(ctx);
    expect(result).toEqual({ props: { busy: { lang: 'vi', title: 'Vui lòng thử lại', message: 'Hệ thống đang bận. Vui lòng thử lại sau ít giây.' } } });
    expect(res.statusCode).toBe(503);
    expect(Number(res.getHeader('Retry-After'))).toBeGreaterThan(0);
    // The original error stays in the server log.
    expect(logged.mock.calls[0]?.[2]).toMatchObject({ code: 'SQLITE_BUSY' });
    logged.mockReset();
  });

  it.each(pages)('%s loads as usual when the database is free', async (_, load, query, params) => {
    const { ctx } = context({ ...query }, params ? { ...params } : undefined);
    const result = (await (load as (c: typeof ctx) => Promise<unknown>)(ctx)) as { props?: object };
    expect(result.props).toBeDefined();
    expect(result.props).not.toHaveProperty('busy');
  });
});

import { execFileSync } from 'node:child_process';
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { request, type APIRequestContext } from '@playwright/test';
import { deriveKey, FORM_TOKEN_TTL_MS, signDeviceCookie, signFormToken } from '../../lib/survey/form-token';
import { E2E_ENGINE, MULTI_DATABASE, MULTI_SECRETS, MULTI_URLS, type E2eDatabase } from '../../playwright.config';
import { openSql, type Sql } from '../db';

/**
 * Two app servers on one PostgreSQL database (playwright.config.ts, project
 * `multi-server`), driven as a reverse proxy would: each request goes to one
 * server or the other, with the client's address in X-Forwarded-For.
 */
if (E2E_ENGINE !== 'pg' || MULTI_DATABASE?.kind !== 'pg') {
  // Never a silent pass: these specs mean nothing on one SQLite file.
  throw new Error('e2e/multi-server needs E2E_ENGINE=pg: two app servers on one PostgreSQL database');
}
export const [SERVER_A, SERVER_B] = MULTI_URLS as [string, string];
export const SERVERS = [SERVER_A, SERVER_B];
/** Server A for even numbers, B for odd: load split half and half. */
export const serverAt = (i: number): string => (i % 2 === 0 ? SERVER_A : SERVER_B);
const DATABASE = MULTI_DATABASE as Extract<E2eDatabase, { kind: 'pg' }>;
export const CENTRE = 'TTHC22';

/** The multi-server database (raw SQL as in e2e/db.ts). */
export function openMultiDb(): Promise<Sql> {
  return openSql(DATABASE);
}

// The servers share AUTH_SECRET, so this process signs forms and device cookies as either would (as bench/submit/run.ts does).
const FORM_KEY = deriveKey(MULTI_SECRETS.AUTH_SECRET, 'survey-form');
const DEVICE_KEY = deriveKey(MULTI_SECRETS.AUTH_SECRET, 'survey-device');

/** A phone's signed device cookie value (hl_dev). */
export const newDevice = () => signDeviceCookie(randomBytes(16).toString('hex'), DEVICE_KEY);

import { newNetwork } from '../network';

export { newNetwork };

/** A survey post as a browser sends it: the id and token of a form the servers issued (unbound to a device), and two answers. */
export function surveyForm(submissionId: string = randomUUID(), score = randomInt(1, 6)): string {
  const formToken = signFormToken({ id: submissionId, expiresAt: Date.now() + FORM_TOKEN_TTL_MS, deviceId: null }, FORM_KEY);
  return new URLSearchParams({ submissionId, formToken, lang: 'vi', kenh: 'qr', q1: String(score), q2: String(score) }).toString();
}

export type PostResult = { status: number; location: string | null; error?: string };

/** Posts a survey form to one server; a failed connection is status 0. */
export async function postRating(server: string, body: string, client: { network: string; device?: string }): Promise<PostResult> {
  try {
    const res = await fetch(`${server}/s/${CENTRE}/gui`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-forwarded-for': client.network,
        ...(client.device ? { cookie: `hl_dev=${client.device}` } : {}),
      },
      body,
      signal: AbortSignal.timeout(30_000),
    });
    await res.arrayBuffer();
    return { status: res.status, location: res.headers.get('location') };
  } catch (error) {
    return { status: 0, location: null, error: String((error as Error).cause ?? error) };
  }
}

export const submissionIdOf = (body: string) => new URLSearchParams(body).get('submissionId')!;

/** How many responses each of these submission ids has (ids with none are left out). */
export async function storedCounts(ids: string[]): Promise<Map<string, number>> {
  const db = await openMultiDb();
  try {
    const rows = await db.all<{ id: string; n: number }>(
      `select client_id as "id", count(*) as "n" from responses where client_id in (${ids.map(() => '?').join(', ')}) group by client_id`,
      ids,
    );
    return new Map(rows.map((r) => [r.id, r.n]));
  } finally {
    await db.close();
  }
}

/** A request context that comes from its own network and keeps its cookies (a browser without a page). */
export function newClient(baseURL: string, network = newNetwork()): Promise<APIRequestContext> {
  return request.newContext({ baseURL, extraHTTPHeaders: { 'x-forwarded-for': network } });
}

/** One password sign-in through next-auth's endpoints: null when it opened a session, else the error code the sign-in page shows. */
export async function signInAttempt(server: string, login: string, password: string, network: string): Promise<string | null> {
  const client = await newClient(server, network);
  try {
    const { csrfToken } = (await (await client.get('/api/auth/csrf')).json()) as { csrfToken: string };
    const res = await client.post('/api/auth/callback/credentials', { form: { csrfToken, login, password, json: 'true' } });
    const { url } = (await res.json()) as { url: string };
    return new URL(url, server).searchParams.get('error');
  } finally {
    await client.dispose();
  }
}

/** `/api/health`'s status on one server; 0 when the server itself does not answer. */
export async function healthOf(server: string): Promise<number> {
  try {
    const res = await fetch(`${server}/api/health`, { signal: AbortSignal.timeout(10_000) });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

/**
 * `npm run rollups:rebuild -- --check` on the shared database: compares the
 * rollups with what the raw rows give and changes nothing; its report (exit 1,
 * thrown here with the report, when something would be fixed).
 */
export function checkRollups(): string {
  try {
    return execFileSync('npx', ['tsx', 'scripts/rebuild-rollups.ts', '--check', '--database-url', DATABASE.url], {
      encoding: 'utf8',
      env: { ...process.env, ...MULTI_SECRETS, DATABASE_URL: DATABASE.url, DATABASE_PATH: 'e2e/.data-multi/e2e.db' },
      timeout: 120_000,
    });
  } catch (error) {
    const e = error as { status?: number; stdout?: string; stderr?: string };
    throw new Error(`rollups:rebuild --check exited ${e.status}:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}
export const NOTHING_TO_FIX = 'Không có gì phải sửa';

import fs from 'node:fs';
import path from 'node:path';
import { randomInt } from 'node:crypto';
import { request as playwrightRequest, type APIRequestContext } from '@playwright/test';
import { E2E_DATABASE, E2E_DB } from '../playwright.config';
import { isGenuineDossierToken } from '../lib/dossier-token';
import { makeIntegrationKey } from '../lib/integration-key';
import { deriveKey } from '../lib/survey/form-token';
import { openSql } from './db';
import { newNetwork } from './network';

/**
 * What the dossier specs share: keys made straight in the server's database
 * (the admin page that makes them is tested once, in dossier-api.spec.ts),
 * a dossier system's own request context, and the server's link key.
 */

/** A new active key for a unit, as the admin page would make it: the key itself and its row's id. */
export async function insertKey(unitId: number, name = `Hệ thống kiểm thử ${randomInt(1e6)}`): Promise<{ key: string; id: number }> {
  const made = makeIntegrationKey();
  const rw = await openSql(E2E_DATABASE, { write: true });
  try {
    await rw.run('insert into integrations (name, unit_id, key_prefix, key_hash, created_at) values (?, ?, ?, ?, ?)', [name, unitId, made.prefix, made.hash, Date.now()]);
    return { key: made.key, id: (await rw.value<number>('select id from integrations where key_prefix = ?', [made.prefix]))! };
  } finally {
    await rw.close();
  }
}

/** A dossier system calling the API with `key` (null: no Authorization header), from its own network address. */
export function dossierSystem(baseURL: string, key: string | null): Promise<APIRequestContext> {
  return playwrightRequest.newContext({
    baseURL,
    extraHTTPHeaders: { 'x-forwarded-for': newNetwork(), ...(key ? { Authorization: `Bearer ${key}` } : {}) },
  });
}

/** Whether a token was signed by the e2e server (its AUTH_SECRET is in the file beside its database, on both engines). */
export function isServersToken(token: string): boolean {
  const { AUTH_SECRET } = JSON.parse(fs.readFileSync(path.join(path.dirname(E2E_DB), 'hai-long-secrets.json'), 'utf8')) as { AUTH_SECRET: string };
  return isGenuineDossierToken(deriveKey(AUTH_SECRET, 'dossier-link'), token);
}

/** A unique dossier code of the shape the one-stop systems print. */
export function newDossierCode(): string {
  return `000.00.12.H56-241205-${String(randomInt(1e9)).padStart(9, '0')}`;
}

/** Times around now in Việt Nam's offset, as a dossier system sends them. */
export function vnTime(offsetMinutes: number): string {
  const d = new Date(Date.now() + offsetMinutes * 60_000 + 7 * 3600_000);
  return `${d.toISOString().slice(0, 19)}+07:00`;
}

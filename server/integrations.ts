import { isUniqueViolation } from '@/db/engine/dialect';
import { createAnonymousFailureEntry } from '@/db/queries/audit';
import { createIntegration, getApiCallerByPrefix, takeApiAllowance, type ApiCaller, type IntegrationRow } from '@/db/queries/integrations';
import { transaction } from '@/db/store';
import type { Viewer } from '@/lib/auth/roles';
import { getEnv } from '@/lib/env';
import { integrationKeyPrefix, keyMatches, makeIntegrationKey } from '@/lib/integration-key';

/**
 * Keys of dossier systems (issue 17, docs/decisions/027): made here, shown
 * once, stored as a hash; every API call is authenticated and counted here.
 */

/**
 * A new key for a unit of the administrator's subtree. The key itself is
 * returned only here (the page shows it once). A prefix clash with another
 * key (32^8 prefixes, so about correctness, not load) draws another.
 */
export async function createIntegrationKey({
  viewer,
  unitId,
  name,
  now = new Date(),
}: {
  viewer: Pick<Viewer, 'userId' | 'scopePath'>;
  unitId: number;
  name: string;
  now?: Date;
}): Promise<{ integration: IntegrationRow; key: string } | null> {
  for (let attempt = 0; ; attempt++) {
    const made = makeIntegrationKey();
    try {
      const integration = await transaction(() => createIntegration({ viewer, unitId, name, keyPrefix: made.prefix, keyHash: made.hash, now }));
      return integration ? { integration, key: made.key } : null;
    } catch (error) {
      if (attempt >= 3 || !isUniqueViolation(error)) throw error;
    }
  }
}

/**
 * The integration a bearer key belongs to, or null for a missing, malformed,
 * unknown, revoked or wrong key (all the same to the caller). A refused key
 * is audited as `api.auth_failed`, one row per network per 15 minutes.
 */
export async function authenticateApiKey({ key, networkHash, now = new Date() }: { key: string | null; networkHash: string | null; now?: Date }): Promise<ApiCaller | null> {
  const prefix = key ? integrationKeyPrefix(key) : null;
  const caller = prefix ? await getApiCallerByPrefix({ keyPrefix: prefix }) : null;
  if (caller && keyMatches(key!, caller.keyHash)) return caller;
  await createAnonymousFailureEntry({ at: now, action: 'api.auth_failed', entityType: 'integration', entityId: caller?.integrationId ?? null, after: { reason: key ? 'bad_key' : 'no_key', keyPrefix: prefix }, networkHash });
  return null;
}

/** A key may call API_CALLS_PER_SECOND times a second on average, and that many times 10 s at once after a quiet spell. */
export const API_BURST_MS = 10_000;

export type ApiAdmission = { allowed: true } | { allowed: false; retryAfterS: number; limit: number; windowS: number };

/**
 * Admits one call of a key or says when to retry (db/queries/integrations.ts
 * takeApiAllowance: one atomic statement, correct across app servers).
 * Refused calls take nothing, so a client that waits as told gets through.
 */
export async function admitApiCall({ integrationId, now = new Date(), perSecond = getEnv().API_CALLS_PER_SECOND }: { integrationId: number; now?: Date; perSecond?: number }): Promise<ApiAdmission> {
  const taken = await takeApiAllowance({ integrationId, now, intervalMs: Math.max(1, Math.round(1000 / perSecond)), burstMs: API_BURST_MS });
  if (taken.allowed) return { allowed: true };
  return { allowed: false, retryAfterS: Math.max(1, Math.ceil((taken.nextAt - now.getTime()) / 1000)), limit: perSecond * (API_BURST_MS / 1000), windowS: API_BURST_MS / 1000 };
}

import { and, asc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Viewer } from '@/lib/auth/roles';
import { greatest } from '../engine/dialect';
import { integrations, units, users } from '../schema';
import { transaction, withConn, type Db } from '../store';
import { createAuditEntry } from './audit';
import { inSubtree } from './unit-tree';

/**
 * Keys of dossier systems (issue 17, docs/decisions/027): statements only.
 * Staff functions take the acting administrator and check the scope inside
 * their own transaction (a key of a unit outside it answers null, callers say
 * "not found"); every change is audited in the same transaction. Only the
 * key's SHA-256 is stored (lib/integration-key.ts).
 */

type Actor = Pick<Viewer, 'userId' | 'scopePath'>;
type Scoped = Pick<Viewer, 'scopePath'>;

const creators = alias(users, 'creators');

const integrationFields = {
  id: integrations.id,
  name: integrations.name,
  unitId: integrations.unitId,
  unitName: units.name,
  unitPath: units.path,
  keyPrefix: integrations.keyPrefix,
  createdAt: integrations.createdAt,
  createdByName: creators.displayName,
  revokedAt: integrations.revokedAt,
  lastUsedAt: integrations.lastUsedAt,
};

export type IntegrationRow = {
  id: number;
  name: string;
  unitId: number;
  unitName: string;
  unitPath: string;
  keyPrefix: string;
  createdAt: Date;
  createdByName: string | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
};

function selectIntegrations(db: Pick<Db, 'select'>) {
  return db.select(integrationFields).from(integrations).innerJoin(units, eq(units.id, integrations.unitId)).leftJoin(creators, eq(creators.id, integrations.createdBy));
}

/** The keys of units in the viewer's subtree, active first, then by unit and name. */
export async function listIntegrations({ viewer }: { viewer: Scoped }): Promise<IntegrationRow[]> {
  return withConn(({ db }) =>
    selectIntegrations(db)
      .where(inSubtree(viewer.scopePath))
      .orderBy(sql`case when ${integrations.revokedAt} is null then 0 else 1 end`, asc(units.path), asc(integrations.name), asc(integrations.id)),
  );
}

/** One key if its unit lies in the viewer's subtree, else null. */
export async function getIntegration({ viewer, integrationId }: { viewer: Scoped; integrationId: number }): Promise<IntegrationRow | null> {
  return withConn(async ({ db }) => {
    const [row] = await selectIntegrations(db)
      .where(and(eq(integrations.id, integrationId), inSubtree(viewer.scopePath)))
      .limit(1);
    return row ?? null;
  });
}

/**
 * A new key for a unit of the viewer's subtree (any unit: its subtree is the
 * key's scope). The caller made the key; only its prefix and hash come here.
 * Null when the unit is outside the subtree or disabled.
 */
export async function createIntegration({
  viewer,
  unitId,
  name,
  keyPrefix,
  keyHash,
  now = new Date(),
}: {
  viewer: Actor;
  unitId: number;
  name: string;
  keyPrefix: string;
  keyHash: string;
  now?: Date;
}): Promise<IntegrationRow | null> {
  return transaction(async ({ db }) => {
    const [unit] = await db
      .select({ id: units.id })
      .from(units)
      .where(and(eq(units.id, unitId), inSubtree(viewer.scopePath), eq(units.active, true)))
      .limit(1);
    if (!unit) return null;
    const [row] = await db.insert(integrations).values({ name, unitId, keyPrefix, keyHash, createdBy: viewer.userId, createdAt: now }).returning({ id: integrations.id });
    await createAuditEntry({ at: now, actorId: viewer.userId, action: 'integration.create', entityType: 'integration', entityId: row!.id, after: { name, unitId, keyPrefix } });
    return getIntegration({ viewer, integrationId: row!.id });
  });
}

/** Revokes a key: the next call with it is refused, on every app server (it is a row). Idempotent. */
export async function revokeIntegration({ viewer, integrationId, now = new Date() }: { viewer: Actor; integrationId: number; now?: Date }): Promise<IntegrationRow | null> {
  return transaction(async ({ db }) => {
    const before = await getIntegration({ viewer, integrationId });
    if (!before || before.revokedAt) return before;
    await db.update(integrations).set({ revokedAt: now, revokedBy: viewer.userId }).where(eq(integrations.id, integrationId));
    await createAuditEntry({ at: now, actorId: viewer.userId, action: 'integration.revoke', entityType: 'integration', entityId: integrationId, before: { revokedAt: null }, after: { revokedAt: now } });
    return { ...before, revokedAt: now };
  });
}

// ---------------------------------------------------------------- the API

/** What a call's key resolves to: the integration and the subtree it may register in. */
export type ApiCaller = { integrationId: number; name: string; unitId: number; unitPath: string; keyHash: string };

const CALLER_SQL = `select i.id as "integrationId", i.name, i.unit_id as "unitId", u.path as "unitPath", i.key_hash as "keyHash"
  from integrations i join units u on u.id = i.unit_id
  where i.key_prefix = ? and i.revoked_at is null and u.active = true`;

/** The active key with this prefix (its hash still to be compared by the caller), or null. */
export async function getApiCallerByPrefix({ keyPrefix }: { keyPrefix: string }): Promise<ApiCaller | null> {
  const row = await withConn((c) => c.get<ApiCaller>(CALLER_SQL, [keyPrefix]));
  return row ?? null;
}

/**
 * Takes one call from the key's allowance, atomically (one UPDATE: two app
 * servers counting at once queue on the key's row for that statement only),
 * or takes nothing. The allowance is a generic cell rate algorithm: each call
 * moves `api_allowance_at` on by `intervalMs` from now or from where it was,
 * whichever is later; a call is refused when that would put it more than
 * `burstMs` ahead of now. Last use is noted in the same statement, at most
 * once a minute. Refused: when the next call could pass (epoch ms).
 */
export async function takeApiAllowance({
  integrationId,
  now,
  intervalMs,
  burstMs,
}: {
  integrationId: number;
  now: Date;
  intervalMs: number;
  burstMs: number;
}): Promise<{ allowed: true } | { allowed: false; nextAt: number }> {
  const at = now.getTime();
  const from = greatest('coalesce(api_allowance_at, ?)', '?');
  return withConn(async (c) => {
    const taken = await c.value<number>(
      `update integrations
          set api_allowance_at = ${from} + ?,
              last_used_at = case when last_used_at is null or last_used_at < ? then ? else last_used_at end
        where id = ? and ${from} + ? <= ?
        returning id`,
      [at, at, intervalMs, at - 60_000, at, integrationId, at, at, intervalMs, at + burstMs],
    );
    if (taken !== undefined) return { allowed: true };
    const allowanceAt = await c.value<number | string>('select api_allowance_at from integrations where id = ?', [integrationId]);
    return { allowed: false, nextAt: Number(allowanceAt ?? at) + intervalMs - burstMs };
  });
}

import { and, asc, eq, gte, inArray, isNull, sql } from 'drizzle-orm';
import type { Viewer } from '@/lib/auth/roles';
import type { OutagePlan } from '@/lib/kiosk/outages';
import { counters, kioskOutages, kiosks, mailDeliveries, units } from '../schema';
import { transaction, withConn } from '../store';
import { inSubtree } from './unit-tree';

/**
 * Kiosk outages (db/schema kiosk_outages): what the scheduled job
 * `kiosks.unplugged` (server/kiosk-outages.ts) found and decided with
 * lib/kiosk/outages.ts. Statements only.
 */

export type OpenOutageRow = { id: number; kioskId: number; silentSince: Date; detectedAt: Date };

/** Every open outage (the job's input). */
export async function listOpenKioskOutages(): Promise<OpenOutageRow[]> {
  return withConn(({ db }) =>
    db
      .select({ id: kioskOutages.id, kioskId: kioskOutages.kioskId, silentSince: kioskOutages.silentSince, detectedAt: kioskOutages.detectedAt })
      .from(kioskOutages)
      .where(isNull(kioskOutages.endedAt))
      .orderBy(asc(kioskOutages.id)),
  );
}

/**
 * Applies the job's decision in one transaction: ends the outages named
 * (still open ones only) and opens the new ones. The partial unique index
 * (one open outage per kiosk) makes a second opening a no-op. Returns how
 * many changed.
 */
export async function applyKioskOutagePlan({ plan, now }: { plan: OutagePlan; now: Date }): Promise<{ started: number; ended: number }> {
  if (plan.start.length === 0 && plan.end.length === 0) return { started: 0, ended: 0 };
  return transaction(async ({ db }) => {
    let ended = 0;
    if (plan.end.length) {
      const rows = await db
        .update(kioskOutages)
        .set({ endedAt: now })
        .where(and(inArray(kioskOutages.id, plan.end), isNull(kioskOutages.endedAt)))
        .returning({ id: kioskOutages.id });
      ended = rows.length;
    }
    let started = 0;
    for (const s of plan.start) {
      const rows = await db
        .insert(kioskOutages)
        .values({ kioskId: s.kioskId, silentSince: s.silentSince, detectedAt: now })
        .onConflictDoNothing()
        .returning({ id: kioskOutages.id });
      started += rows.length;
    }
    return { started, ended };
  });
}

export type OutageToMail = {
  id: number;
  kioskName: string;
  unitName: string;
  unitPath: string;
  counterName: string | null;
  silentSince: Date;
};

/** Open outages detected since `since` that have no delivery recorded yet (key `kiosk-outage:<id>`), oldest first. */
export async function listKioskOutagesToMail({ since, limit = 200 }: { since: Date; limit?: number }): Promise<OutageToMail[]> {
  return withConn(({ db }) =>
    db
      .select({
        id: kioskOutages.id,
        kioskName: kiosks.name,
        unitName: units.name,
        unitPath: units.path,
        counterName: counters.name,
        silentSince: kioskOutages.silentSince,
      })
      .from(kioskOutages)
      .innerJoin(kiosks, eq(kiosks.id, kioskOutages.kioskId))
      .innerJoin(units, eq(units.id, kiosks.unitId))
      .leftJoin(counters, eq(counters.id, kiosks.counterId))
      .where(
        and(
          isNull(kioskOutages.endedAt),
          gte(kioskOutages.detectedAt, since),
          sql`not exists (select 1 from ${mailDeliveries} d where d.key = 'kiosk-outage:' || ${kioskOutages.id})`,
        ),
      )
      .orderBy(asc(kioskOutages.id))
      .limit(limit),
  );
}

/** The open outages of the kiosks in the viewer's subtree, by kiosk (the staff home). */
export async function listOpenKioskOutagesIn({ viewer }: { viewer: Pick<Viewer, 'scopePath'> }): Promise<Map<number, { silentSince: Date; detectedAt: Date }>> {
  const rows = await withConn(({ db }) =>
    db
      .select({ kioskId: kioskOutages.kioskId, silentSince: kioskOutages.silentSince, detectedAt: kioskOutages.detectedAt })
      .from(kioskOutages)
      .innerJoin(kiosks, eq(kiosks.id, kioskOutages.kioskId))
      .innerJoin(units, eq(units.id, kiosks.unitId))
      .where(and(isNull(kioskOutages.endedAt), inSubtree(viewer.scopePath))),
  );
  return new Map(rows.map((r) => [r.kioskId, { silentSince: r.silentSince, detectedAt: r.detectedAt }]));
}

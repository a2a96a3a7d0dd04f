import fs from 'node:fs';
import { isNotNull, isNull, sql } from 'drizzle-orm';
import { kioskOutages, kiosks } from '../schema';
import { withConn } from '../store';

/**
 * What the metrics endpoint reads from the database at each scrape
 * (server/metrics.ts, docs/decisions/029-logs-and-metrics.md): several app
 * servers share one database, so whichever server is scraped reports the
 * same figures for it.
 */

export type DatabaseSizes = { databaseBytes: number; walBytes: number | null };

/** SQLite: the file and its WAL beside it, in bytes (a missing WAL is 0); PostgreSQL: pg_database_size, no WAL figure (the server's WAL is shared by every database on it). */
export async function readDatabaseSizes(): Promise<DatabaseSizes> {
  return withConn(async (c) => {
    if (c.kind === 'sqlite') {
      const main = (await c.all<{ name: string; file: string }>('pragma database_list')).find((d) => d.name === 'main');
      const size = (file: string) => {
        try {
          return fs.statSync(file).size;
        } catch {
          return 0;
        }
      };
      if (!main?.file) {
        // An in-memory database (tests): its pages.
        const pages = Number(await c.value('pragma page_count')) * Number(await c.value('pragma page_size'));
        return { databaseBytes: pages, walBytes: 0 };
      }
      return { databaseBytes: size(main.file), walBytes: size(`${main.file}-wal`) };
    }
    return { databaseBytes: Number(await c.value('select pg_database_size(current_database())')), walBytes: null };
  });
}

export type KioskFleetFigures = {
  /** Kiosks holding a valid credential. */
  paired: number;
  /** Ratings waiting on the tablets, as each paired kiosk last reported (a batch carries its queue length). */
  queued: number;
  /** The oldest last contact among paired kiosks (their pairing when they never called): how far behind the quietest one is. */
  oldestContactAt: Date | null;
  /** Outages the `kiosks.unplugged` job has open (db/queries/kiosk-outages.ts). */
  openOutages: number;
};

export async function readKioskFleetFigures(): Promise<KioskFleetFigures> {
  return withConn(async ({ db }) => {
    const [fleet] = await db
      .select({
        paired: sql<number>`count(*)`.mapWith(Number),
        queued: sql<number>`coalesce(sum(${kiosks.queuedCount}), 0)`.mapWith(Number),
        oldest: sql<number | null>`min(coalesce(${kiosks.lastSeenAt}, ${kiosks.pairedAt}))`,
      })
      .from(kiosks)
      .where(isNotNull(kiosks.credentialHash));
    const [outages] = await db
      .select({ open: sql<number>`count(*)`.mapWith(Number) })
      .from(kioskOutages)
      .where(isNull(kioskOutages.endedAt));
    return {
      paired: fleet?.paired ?? 0,
      queued: fleet?.queued ?? 0,
      oldestContactAt: fleet?.oldest == null ? null : new Date(Number(fleet.oldest)),
      openOutages: outages?.open ?? 0,
    };
  });
}

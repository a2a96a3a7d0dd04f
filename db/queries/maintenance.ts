import { and, isNotNull, lt, or } from 'drizzle-orm';
import type { Db } from '../client';
import { contacts, responses, throttleEvents } from '../schema';
import { createAuditEntry } from './audit';
import { deleteFinishedUserSessions } from './users';

/** Abuse checks look back 30 minutes; the hashes are kept a little longer for investigating a burst, then cleared. */
export const ABUSE_SIGNAL_RETENTION_MS = 30 * 24 * 3600_000;
/** Throttle windows are at most 15 minutes (kiosk pairing); a day of events is plenty to look into an attack. */
export const THROTTLE_EVENT_RETENTION_MS = 24 * 3600_000;

/**
 * Data retention of domain.md §7: deletes contact data past its purge date and
 * clears device and network hashes older than the retention, and deletes
 * staff sessions that are ended or expired. Idempotent; run
 * at start-up and daily (`npm run maintenance`).
 */
export function runRetention(db: Db, { now }: { now: Date }) {
  return db.transaction((tx) => {
    const purged = tx.delete(contacts).where(lt(contacts.purgeAfter, now)).run().changes;
    const cleared = tx
      .update(responses)
      .set({ deviceHash: null, networkHash: null })
      .where(
        and(
          lt(responses.receivedAt, new Date(now.getTime() - ABUSE_SIGNAL_RETENTION_MS)),
          or(isNotNull(responses.deviceHash), isNotNull(responses.networkHash)),
        ),
      )
      .run().changes;
    const sessionsDeleted = deleteFinishedUserSessions(tx, { now });
    const throttleEventsDeleted = tx.delete(throttleEvents).where(lt(throttleEvents.at, new Date(now.getTime() - THROTTLE_EVENT_RETENTION_MS))).run().changes;
    if (purged) createAuditEntry(tx, { actorId: null, action: 'contact.purge', entityType: 'contact', after: { count: purged }, at: now });
    return { contactsPurged: purged, signalsCleared: cleared, sessionsDeleted, throttleEventsDeleted };
  });
}

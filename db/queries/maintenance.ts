import { and, isNotNull, lt, or } from 'drizzle-orm';
import { changesOf } from '../engine/types';
import { contacts, responses, throttleEvents } from '../schema';
import { transaction } from '../store';
import { createAuditEntry } from './audit';
import { deleteFinishedUserSessions } from './users';

/** Abuse checks look back 30 minutes; the hashes are kept a little longer for investigating a burst, then cleared. */
export const ABUSE_SIGNAL_RETENTION_MS = 30 * 24 * 3600_000;
/** Throttle windows are at most 15 minutes (kiosk pairing); a day of events is plenty to look into an attack. */
export const THROTTLE_EVENT_RETENTION_MS = 24 * 3600_000;

/**
 * Data retention of domain.md §7: deletes contact data past its purge date and
 * clears device and network hashes older than the retention, and deletes
 * staff sessions that are ended or expired. Idempotent; run daily by the
 * servers' scheduler (server/jobs.ts, one server at a time) or by hand
 * (`npm run maintenance`). Run twice at once (the script while a server runs
 * it), each statement deletes or clears only what is still there,
 * so the second finds nothing (no lock needed; at worst two audit entries
 * of purged contacts, whose counts add up to what was purged).
 */
export async function runRetention({ now }: { now: Date }) {
  return transaction(async ({ db }) => {
    const purged = changesOf(await db.delete(contacts).where(lt(contacts.purgeAfter, now)));
    const cleared = changesOf(
      await db
        .update(responses)
        .set({ deviceHash: null, networkHash: null })
        .where(
          and(
            lt(responses.receivedAt, new Date(now.getTime() - ABUSE_SIGNAL_RETENTION_MS)),
            or(isNotNull(responses.deviceHash), isNotNull(responses.networkHash)),
          ),
        ),
    );
    const sessionsDeleted = await deleteFinishedUserSessions({ now });
    const throttleEventsDeleted = changesOf(await db.delete(throttleEvents).where(lt(throttleEvents.at, new Date(now.getTime() - THROTTLE_EVENT_RETENTION_MS))));
    if (purged) await createAuditEntry({ actorId: null, action: 'contact.purge', entityType: 'contact', after: { count: purged }, at: now });
    return { contactsPurged: purged, signalsCleared: cleared, sessionsDeleted, throttleEventsDeleted };
  });
}

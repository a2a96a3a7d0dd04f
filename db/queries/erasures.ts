import { and, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Viewer } from '@/lib/auth/roles';
import { changesOf } from '../engine/types';
import { contactErasures, contacts, responses, units, users } from '../schema';
import { transaction, withConn } from '../store';
import { createAuditEntry } from './audit';
import { inSubtree } from './unit-tree';

/**
 * Erasing a citizen's phone number on request (PDPL 2025, domain.md §7). The
 * number is deleted from contacts; a contact_erasures row and an audit entry
 * ('contact.erase', never the number) say when, how and by whom. The rating
 * and its comment stay, without the number.
 */

export type ErasureChannel = 'citizen' | 'staff';

export type ErasureStatus =
  /** No comment has this receipt code. */
  | { kind: 'unknown' }
  /** A number is stored with the rating: it can be erased. */
  | { kind: 'stored'; officeName: string; responseId: number; unitId: number }
  | { kind: 'erased'; officeName: string; channel: ErasureChannel; requestedAt: Date; erasedAt: Date }
  /** No number is stored: none was left, or it was deleted after the retention period. */
  | { kind: 'none'; officeName: string };

/**
 * Where the phone number left with the comment of this receipt code stands.
 * Only what the holder of the code may know: the office and the dates, never the number.
 */
export async function getErasureStatusByReceipt({ receiptCode, viewer }: { receiptCode: string; viewer?: Pick<Viewer, 'scopePath'> }): Promise<ErasureStatus> {
  const [row] = await withConn(({ db }) =>
    db
      .select({
        responseId: responses.id,
        unitId: responses.unitId,
        officeName: units.name,
        hasContact: sql<number>`case when ${contacts.id} is null then 0 else 1 end`.mapWith(Number),
        channel: contactErasures.channel,
        requestedAt: contactErasures.requestedAt,
        erasedAt: contactErasures.erasedAt,
      })
      .from(responses)
      .innerJoin(units, eq(units.id, responses.unitId))
      .leftJoin(contacts, eq(contacts.responseId, responses.id))
      .leftJoin(contactErasures, eq(contactErasures.responseId, responses.id))
      .where(and(eq(responses.receiptCode, receiptCode), isNotNull(responses.comment), viewer ? inSubtree(viewer.scopePath) : undefined))
      .limit(1),
  );
  if (!row) return { kind: 'unknown' };
  if (row.hasContact) return { kind: 'stored', officeName: row.officeName, responseId: row.responseId, unitId: row.unitId };
  if (row.erasedAt && row.requestedAt) return { kind: 'erased', officeName: row.officeName, channel: row.channel as ErasureChannel, requestedAt: row.requestedAt, erasedAt: row.erasedAt };
  return { kind: 'none', officeName: row.officeName };
}

/** The ratings in the viewer's subtree whose stored number is one of `phones` (the forms one number may be stored in). */
export async function listContactsByPhone({ viewer, phones }: { viewer: Pick<Viewer, 'scopePath'>; phones: readonly string[] }): Promise<{ responseId: number; unitId: number }[]> {
  return withConn(({ db }) =>
    db
      .select({ responseId: responses.id, unitId: responses.unitId })
      .from(contacts)
      .innerJoin(responses, eq(responses.id, contacts.responseId))
      .innerJoin(units, eq(units.id, responses.unitId))
      .where(and(inArray(contacts.phone, [...phones]), inSubtree(viewer.scopePath)))
      .orderBy(responses.id),
  );
}

/**
 * Erases the numbers stored with these ratings, each with its erasure row and
 * audit entry, in one transaction. Returns how many were erased: a number
 * erased meanwhile (a second request at the same moment, the retention job)
 * is simply not counted again.
 */
export async function eraseContacts({
  targets,
  channel,
  recordedBy,
  note,
  now,
}: {
  targets: readonly { responseId: number; unitId: number }[];
  channel: ErasureChannel;
  recordedBy: number | null;
  note: string | null;
  now: Date;
}): Promise<number> {
  return transaction(async ({ db }) => {
    let erased = 0;
    for (const t of targets) {
      if (changesOf(await db.delete(contacts).where(eq(contacts.responseId, t.responseId))) === 0) continue;
      await db
        .insert(contactErasures)
        .values({ responseId: t.responseId, unitId: t.unitId, channel, requestedAt: now, erasedAt: now, recordedBy, note })
        .onConflictDoNothing({ target: contactErasures.responseId });
      await createAuditEntry({ actorId: recordedBy, action: 'contact.erase', entityType: 'response', entityId: t.responseId, unitId: t.unitId, after: { channel, note }, at: now });
      erased++;
    }
    return erased;
  });
}

export type ErasureRow = {
  id: number;
  officeName: string;
  receiptCode: string | null;
  channel: ErasureChannel;
  erasedAt: Date;
  recordedByName: string | null;
  note: string | null;
};

/** The erasures in the viewer's subtree, newest first. */
export async function listErasures({ viewer, limit = 50 }: { viewer: Pick<Viewer, 'scopePath'>; limit?: number }): Promise<ErasureRow[]> {
  const rows = await withConn(({ db }) =>
    db
      .select({
        id: contactErasures.id,
        officeName: units.name,
        receiptCode: responses.receiptCode,
        channel: contactErasures.channel,
        erasedAt: contactErasures.erasedAt,
        recordedByName: users.displayName,
        note: contactErasures.note,
      })
      .from(contactErasures)
      .innerJoin(units, eq(units.id, contactErasures.unitId))
      .innerJoin(responses, eq(responses.id, contactErasures.responseId))
      .leftJoin(users, eq(users.id, contactErasures.recordedBy))
      .where(inSubtree(viewer.scopePath))
      .orderBy(desc(contactErasures.erasedAt), desc(contactErasures.id))
      .limit(limit),
  );
  return rows.map((r) => ({ ...r, channel: r.channel as ErasureChannel }));
}

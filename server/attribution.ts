import { createAuditEntry } from '@/db/queries/audit';
import { reattributeRatings } from '@/db/queries/attribution';
import { transaction } from '@/db/store';

/**
 * Re-attributes a counter's ratings in [from, to) (epoch ms) after a duty
 * change that covers time already past (docs/decisions/023): by the same
 * rule as the submit path, moving the per-official rollups with them, and
 * audited with the number of ratings moved. Called inside the change's
 * transaction (a savepoint there), so the change and its re-attribution
 * commit together.
 */
export async function reattribute({
  counterId,
  from,
  to,
  unitId,
  actorId = null,
  now = new Date(),
}: {
  counterId: number;
  from: number;
  to: number;
  unitId: number;
  actorId?: number | null;
  now?: Date;
}): Promise<number> {
  if (from >= to) return 0;
  return transaction(async () => {
    const moved = await reattributeRatings({ counterId, from, to });
    if (moved > 0) {
      await createAuditEntry({
        at: now,
        actorId,
        action: 'duty.reattribute',
        entityType: 'counter',
        entityId: counterId,
        unitId,
        after: { from: new Date(from).toISOString(), to: new Date(to).toISOString(), moved },
      });
    }
    return moved;
  });
}

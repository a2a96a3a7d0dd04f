import {
  extendAlert,
  getAlertForAcknowledge,
  getAlertRow,
  insertAlert,
  listLowRatingsSince,
  listLowTimesBetween,
  readBurstFacts,
  setAlertAcknowledged,
  setAlertRule,
  type AlertRow,
  type AlertRule,
} from '@/db/queries/alerts';
import { transaction, withConn } from '@/db/store';
import { can, type Viewer } from '@/lib/auth/roles';
import { burstEndsAt, decideAlert, decideInOrder, decideWithinOpenAlert, type AlertDecision } from '@/lib/indicators/alerts';

const MINUTE_MS = 60_000;

export type RaisedAlert = { alertId: number; created: boolean };

/** The lock that makes one burst one alert across app servers (storeRating, scanAlerts, acknowledgeAlert). */
export const alertsLock = (unitId: number) => `alerts:${unitId}`;

/**
 * Runs the office's rule over its low ratings around `at` (a low rating's
 * time, already in low_ratings) and creates an alert, or extends the alert
 * that shares ratings with the burst: one burst is one alert, whatever order
 * the ratings arrive in. Null when the rule is off or does not hold around `at`.
 *
 * Call it inside the transaction that stored the low rating. It takes the
 * office's `alerts:<unitId>` lock first: on PostgreSQL two servers storing
 * low ratings of one office at once would otherwise each miss the other's
 * uncommitted rating and raise two alerts (or none); with the lock the second
 * waits, then reads the first's rating and alert (READ COMMITTED reads what
 * committed before each statement). SQLite has one writer already.
 */
export async function raiseAlerts(unitId: number, at: number): Promise<RaisedAlert | null> {
  return withConn(async (c) => {
    await c.lock(alertsLock(unitId));
    const { rule, laterInWindow, latest, alerts } = await readBurstFacts(unitId, at);
    if (!rule.active) return null;
    const burstRule = { count: rule.count, windowMs: rule.windowMinutes * MINUTE_MS };
    // For ratings arriving in time order (the usual case), these few index rows decide.
    let decision: AlertDecision | undefined;
    if (!laterInWindow) {
      // Most low ratings meet no burst.
      if (!burstEndsAt(latest, at, burstRule)) return null;
      decision = decideInOrder({ at, rule: burstRule, laterInWindow, latest, alerts });
    } else {
      // A late arrival: usually inside the alert that the ratings committed before it have grown.
      decision = decideWithinOpenAlert({ at, rule: burstRule, alerts });
    }
    // Any `count` ratings less than a window apart that include `at` lie in here.
    decision ??= decideAlert({ at, rule: burstRule, times: await listLowTimesBetween(unitId, at - burstRule.windowMs, at + burstRule.windowMs), alerts });
    switch (decision.action) {
      case 'none':
        return null;
      case 'create':
        return { alertId: await insertAlert({ unitId, burst: decision.burst, ruleCount: rule.count, ruleWindowMinutes: rule.windowMinutes }), created: true };
      case 'extend': {
        await extendAlert({
          id: decision.alertId,
          unitId,
          start: decision.start,
          end: decision.end,
          base: decision.base,
          countFrom: decision.countFrom,
          countTo: decision.countTo,
        });
        return { alertId: decision.alertId, created: false };
      }
    }
  });
}

/**
 * The same detection for every office over the low ratings since `since`
 * (ratings stored in bulk by the seeder, which bypasses storeRating), in one
 * transaction. Idempotent: running it twice changes nothing. Returns the alerts created.
 */
export async function scanAlerts({ since }: { since: Date }): Promise<number> {
  return transaction(async () => {
    let created = 0;
    for (const r of await listLowRatingsSince(since)) if ((await raiseAlerts(r.unitId, r.t))?.created) created++;
    return created;
  });
}

/**
 * An office's rule is set (viewers with 'alerts.manage', inside their
 * subtree; audited). Null when the viewer may not, or the office is outside their reach.
 */
export async function setOfficeAlertRule(
  viewer: Pick<Viewer, 'userId' | 'role' | 'scopePath'>,
  input: { unitId: number; count: number; windowMinutes: number; active: boolean; now?: Date },
): Promise<AlertRule | null> {
  if (!can(viewer.role, 'alerts.manage')) return null;
  return setAlertRule(viewer, input);
}

export type AcknowledgeResult = { status: 'ok'; alert: AlertRow } | { status: 'not_found' } | { status: 'already_acknowledged' };

/**
 * The office head closes an open alert with a note (viewers with
 * 'alerts.acknowledge', inside their subtree; audited as 'alert.acknowledge').
 * An alert outside the viewer's reach is 'not_found'; one acknowledged
 * already is refused, so a note is never overwritten. The office's alerts
 * lock keeps a low rating stored at that moment from extending the alert
 * being closed (it raises a new one after, as the rule says).
 */
export async function acknowledgeAlert(
  viewer: Pick<Viewer, 'userId' | 'role' | 'scopePath'>,
  { id, note, now = new Date() }: { id: number; note: string; now?: Date },
): Promise<AcknowledgeResult> {
  if (!can(viewer.role, 'alerts.acknowledge')) return { status: 'not_found' };
  return transaction(async (c): Promise<AcknowledgeResult> => {
    const found = await getAlertForAcknowledge(viewer, id);
    if (!found) return { status: 'not_found' };
    await c.lock(alertsLock(found.unitId));
    if (!(await setAlertAcknowledged({ id, userId: viewer.userId, note, now }))) return { status: 'already_acknowledged' };
    return { status: 'ok', alert: (await getAlertRow(id))! };
  });
}

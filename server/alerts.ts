import {
  extendAlert,
  getAlertForAcknowledge,
  getAlertRow,
  insertAlert,
  listLowRatingsSince,
  listLowTimesBetween,
  readBurstFacts,
  readBurstFactsAtCommit,
  extendAlertAtCommit,
  setAlertAcknowledged,
  type BurstFacts,
  setAlertRule,
  type AlertRow,
  type AlertRule,
} from '@/db/queries/alerts';
import { transaction, withConn } from '@/db/store';
import { can, type Viewer } from '@/lib/auth/roles';
import { burstEndsAt, decideAlert, decideInOrder, decideWithinOpenAlert, type AlertDecision, type BurstRule } from '@/lib/indicators/alerts';

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
    const facts = await readBurstFacts(unitId, at);
    const { rule, alerts } = facts;
    const burstRule = burstRuleOf(rule);
    // Any `count` ratings less than a window apart that include `at` lie in the general case's span.
    const decision =
      quickDecision(facts, at) ??
      decideAlert({ at, rule: burstRule, times: await listLowTimesBetween(unitId, at - burstRule.windowMs, at + burstRule.windowMs), alerts });
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

const burstRuleOf = (rule: BurstFacts['rule']): BurstRule => ({ count: rule.count, windowMs: rule.windowMinutes * MINUTE_MS });

/**
 * What a few index rows decide: an inactive rule or no burst ('none'), an
 * in-order rating growing the open alert, a late one inside it ('extend');
 * undefined when only the general case can tell (a new alert, an
 * acknowledgement nearby, a late rating outside every alert).
 */
function quickDecision({ rule, laterInWindow, latest, alerts }: BurstFacts, at: number): AlertDecision | undefined {
  if (!rule.active) return { action: 'none' };
  const burstRule = burstRuleOf(rule);
  if (laterInWindow) return decideWithinOpenAlert({ at, rule: burstRule, alerts });
  // Most low ratings meet no burst.
  if (!burstEndsAt(latest, at, burstRule)) return { action: 'none' };
  return decideInOrder({ at, rule: burstRule, laterInWindow, latest, alerts });
}

/**
 * The alert step of a rating's own transaction (storeRating), as its last
 * statement, after the rollups. The office's alerts lock is the queue every
 * low rating of the office joins; here it is held only while PostgreSQL runs
 * the message that commits, never while this process's event loop gets round
 * to the next statement (with a busy loop, that wait was most of a rating's
 * turn, and every other low rating of the office queued behind it).
 *
 * The facts are read first without the lock, and what they decide is sent
 * with the lock and the commit:
 * - growing the open alert: its bounds only grow, and its count grows by
 *   what lies between its span as it is then and the new bounds
 *   (extendAlertAtCommit), so it holds whatever committed meanwhile;
 * - nothing to do: the facts are read again under the lock in that message,
 *   and must decide the same.
 * Answers 'again' when what committed meanwhile changed the decision: the
 * caller runs raiseAlerts in a transaction of its own after this one (the
 * rating is stored; whatever order ratings arrive in, raiseAlerts reaches
 * the same alerts). A decision only the general case can take (a new alert,
 * an acknowledgement nearby) is taken here under the lock, as raiseAlerts does.
 * On SQLite, or inside a caller's transaction, the last statement does not
 * commit and all of it runs in the transaction.
 */
export async function raiseAlertsAtCommit(unitId: number, at: number): Promise<'settled' | 'again'> {
  return withConn(async (c) => {
    // One writer (SQLite): nothing can commit beside this rating, so one read under the lock decides.
    if (c.singleWriter) {
      await raiseAlerts(unitId, at);
      return 'settled';
    }
    const seen = await readBurstFacts(unitId, at);
    const decision = quickDecision(seen, at);
    if (decision === undefined || decision.action === 'create') {
      await raiseAlerts(unitId, at);
      return 'settled';
    }
    if (!seen.rule.active) return 'settled';
    await c.lock(alertsLock(unitId));
    if (decision.action === 'extend') {
      const grown = await extendAlertAtCommit({ id: decision.alertId, unitId, at, start: decision.start, end: decision.end, windowMs: burstRuleOf(seen.rule).windowMs });
      return grown ? 'settled' : 'again';
    }
    const locked = await readBurstFactsAtCommit(unitId, at);
    return quickDecision(locked, at)?.action === 'none' ? 'settled' : 'again';
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

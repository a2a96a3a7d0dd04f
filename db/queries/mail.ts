import { and, eq, gte, isNotNull, isNull, sql } from 'drizzle-orm';
import { alerts, mailDeliveries, units, users } from '../schema';
import { withConn } from '../store';
import { inSubtree } from './unit-tree';

/**
 * What the e-mail jobs (server/mail-jobs.ts) read and record: who heads
 * which offices, the alerts not mailed yet, the offices late with their
 * self-assessment, and each message sent (mail_deliveries), so a job run
 * again after a failure mails nobody twice.
 */

/** An active office head with an e-mail address, and the subtree they head. */
export type HeadRecipient = { userId: number; email: string; displayName: string; scopeUnitId: number; scopePath: string; scopeName: string };

export async function listOfficeHeadRecipients(): Promise<HeadRecipient[]> {
  return withConn(({ db }) =>
    db
      .select({ userId: users.id, email: sql<string>`${users.email}`, displayName: users.displayName, scopeUnitId: units.id, scopePath: units.path, scopeName: units.name })
      .from(users)
      .innerJoin(units, eq(units.id, users.scopeUnitId))
      .where(and(eq(users.role, 'office_head'), eq(users.active, true), isNotNull(users.email)))
      .orderBy(users.id),
  );
}

/** The heads of an office: those whose subtree holds it. */
export function headsOf(heads: readonly HeadRecipient[], unitPath: string): HeadRecipient[] {
  return heads.filter((h) => unitPath.startsWith(h.scopePath));
}

export type AlertToMail = { id: number; unitId: number; unitName: string; unitPath: string; startAt: Date; endAt: Date; lowCount: number; ruleCount: number; ruleWindowMinutes: number };

/**
 * Alerts raised since `since` (by the time the rule first held) that have
 * no delivery recorded yet, oldest first, at most `limit`.
 */
export async function listAlertsToMail({ since, limit = 200 }: { since: Date; limit?: number }): Promise<AlertToMail[]> {
  return withConn(({ db }) =>
    db
      .select({
        id: alerts.id,
        unitId: alerts.unitId,
        unitName: units.name,
        unitPath: units.path,
        startAt: alerts.startAt,
        endAt: alerts.endAt,
        lowCount: alerts.lowCount,
        ruleCount: alerts.ruleCount,
        ruleWindowMinutes: alerts.ruleWindowMinutes,
      })
      .from(alerts)
      .innerJoin(units, eq(units.id, alerts.unitId))
      .where(
        and(
          gte(alerts.triggeredAt, since),
          sql`not exists (select 1 from mail_deliveries d where d.key = 'alert:' || cast(${alerts.id} as text))`,
        ),
      )
      .orderBy(alerts.triggeredAt, alerts.id)
      .limit(limit),
  );
}

/** Alerts in a subtree still waiting for the office's acknowledgement. */
export async function countOpenAlertsIn({ path }: { path: string }): Promise<number> {
  const [row] = await withConn(({ db }) =>
    db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(alerts)
      .innerJoin(units, eq(units.id, alerts.unitId))
      .where(and(inSubtree(path), isNull(alerts.acknowledgedAt))),
  );
  return row!.n;
}

/** The keys among `keys` already delivered to `recipient`. */
export async function listDeliveredKeys({ recipient, keys }: { recipient: string; keys: readonly string[] }): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await withConn(({ db }) =>
    db
      .select({ key: mailDeliveries.key })
      .from(mailDeliveries)
      .where(and(eq(mailDeliveries.recipient, recipient), sql`${mailDeliveries.key} in (${sql.join(keys.map((k) => sql`${k}`), sql`, `)})`)),
  );
  return new Set(rows.map((r) => r.key));
}

/** Records one message sent (or, with recipient '', an item that had nobody to mail); a repeat changes nothing. */
export async function recordMailDelivery({ kind, key, recipient, sentAt }: { kind: string; key: string; recipient: string; sentAt: Date }): Promise<void> {
  await withConn(({ db }) => db.insert(mailDeliveries).values({ kind, key, recipient, sentAt }).onConflictDoNothing());
}

export async function countMailDeliveriesSince({ since }: { since: Date }): Promise<number> {
  const [row] = await withConn(({ db }) =>
    db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(mailDeliveries)
      .where(and(gte(mailDeliveries.sentAt, since), sql`${mailDeliveries.recipient} <> ''`)),
  );
  return row!.n;
}

export type SelfAssessmentGap = { periodId: number; periodName: string; dueDate: string; unitId: number; unitName: string; unitPath: string };

/**
 * The offices (active units with a survey code) of every evaluation period
 * due between `fromDay` and `toDay` ("YYYY-MM-DD", inclusive) that have not
 * self-assessed yet: no sheet, or a sheet not started.
 */
export async function listSelfAssessmentGaps({ fromDay, toDay }: { fromDay: string; toDay: string }): Promise<SelfAssessmentGap[]> {
  const rows = await withConn((c) =>
    c.all<SelfAssessmentGap>(
      `select p.id as "periodId", p.name as "periodName", p.due_date as "dueDate", u.id as "unitId", u.name as "unitName", u.path as "unitPath"
       from evaluation_periods p
       join units pu on pu.id = p.unit_id
       join units u on u.path >= pu.path and u.path < substr(pu.path, 1, length(pu.path) - 1) || '0' and u.code is not null and u.active = true
       left join evaluation_sheets s on s.period_id = p.id and s.unit_id = u.id
       where p.due_date >= @fromDay and p.due_date <= @toDay and (s.id is null or s.status = 'not_started')
       order by p.id, u.path`,
      { fromDay, toDay },
    ),
  );
  return rows.map((r) => ({ ...r, periodId: Number(r.periodId), unitId: Number(r.unitId) }));
}

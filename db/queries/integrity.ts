import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Viewer } from '@/lib/auth/roles';
import { counters, integrityReports, responses, supervisorOrganisations, units, users, type IntegrityFinding } from '../schema';
import { transaction, withConn, type Db } from '../store';
import { createAuditEntry } from './audit';
import { inSubtree } from './unit-tree';

/**
 * Integrity reports (issue 15, docs/decisions/028): raised by the submit
 * path in the rating's transaction, read by office heads and the
 * inspectorate's supervisors in their subtree, closed by the inspectorate.
 */

type Scoped = Pick<Viewer, 'scopePath'>;

const INSERT_REPORT_SQL = `
  insert into integrity_reports (response_id, unit_id, counter_id, submitted_at, signals, created_at)
  values (?, ?, ?, ?, ?, ?)
  on conflict (response_id) do nothing`;

/**
 * The report of a rating whose answers carry integrity signals; call it in
 * the rating's transaction (server/ratings.ts). Nobody reads its result, so
 * on PostgreSQL it goes with the transaction's next statement or its commit.
 */
export async function insertIntegrityReport(r: { responseId: number; unitId: number; counterId: number | null; submittedAt: number; signals: readonly string[]; now: number }) {
  await withConn((c) => c.runDeferred(INSERT_REPORT_SQL, [r.responseId, r.unitId, r.counterId, r.submittedAt, r.signals.join(','), r.now]));
}

export type IntegrityReportRow = {
  id: number;
  responseId: number;
  unitId: number;
  unitName: string;
  counterName: string | null;
  submittedAt: Date;
  signals: string;
  comment: string | null;
  receiptCode: string | null;
  finding: IntegrityFinding | null;
  note: string | null;
  closedAt: Date | null;
  closedByName: string | null;
  closedByOrganisation: string | null;
};

const closer = alias(users, 'closer');

function selectReports(db: Pick<Db, 'select'>) {
  return db
      .select({
        id: integrityReports.id,
        responseId: integrityReports.responseId,
        unitId: integrityReports.unitId,
        unitName: units.name,
        counterName: counters.name,
        submittedAt: integrityReports.submittedAt,
        signals: integrityReports.signals,
        comment: responses.comment,
        receiptCode: responses.receiptCode,
        finding: integrityReports.finding,
        note: integrityReports.note,
        closedAt: integrityReports.closedAt,
        closedByName: closer.displayName,
        closedByOrganisation: supervisorOrganisations.name,
      })
      .from(integrityReports)
      .innerJoin(units, eq(units.id, integrityReports.unitId))
      .innerJoin(responses, eq(responses.id, integrityReports.responseId))
      .leftJoin(counters, eq(counters.id, integrityReports.counterId))
      .leftJoin(closer, eq(closer.id, integrityReports.closedBy))
      .leftJoin(supervisorOrganisations, eq(supervisorOrganisations.id, closer.organisationId));
}

export type ReportStatusFilter = 'open' | 'closed' | 'all';

/** Reports about offices of the viewer's subtree (joined to units), by status: what the list and its count share. */
function reportsOf(viewer: Scoped, status: ReportStatusFilter) {
  return and(inSubtree(viewer.scopePath), status === 'open' ? isNull(integrityReports.closedAt) : status === 'closed' ? isNotNull(integrityReports.closedAt) : undefined);
}

/** Reports about offices of the viewer's subtree: open ones oldest first (the queue), closed ones newest first. */
export async function listIntegrityReports({ viewer, status = 'all', limit = 200 }: { viewer: Scoped; status?: ReportStatusFilter; limit?: number }): Promise<IntegrityReportRow[]> {
  const where = reportsOf(viewer, status);
  return withConn(async ({ db }) =>
    (await selectReports(db)
      .where(where)
      .orderBy(sql`case when ${integrityReports.closedAt} is null then 0 else 1 end`, status === 'closed' ? desc(integrityReports.closedAt) : asc(integrityReports.submittedAt), asc(integrityReports.id))
      .limit(limit)) as IntegrityReportRow[],
  );
}

/** How many reports listIntegrityReports would list without its limit (the staff home's count). */
export async function countIntegrityReportsInScope({ viewer, status = 'all' }: { viewer: Scoped; status?: ReportStatusFilter }): Promise<number> {
  const [row] = await withConn(({ db }) =>
    db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(integrityReports)
      .innerJoin(units, eq(units.id, integrityReports.unitId))
      .where(reportsOf(viewer, status)),
  );
  return row?.n ?? 0;
}

/** One report about an office of the viewer's subtree, or null. */
export async function getIntegrityReport({ viewer, reportId }: { viewer: Scoped; reportId: number }): Promise<IntegrityReportRow | null> {
  const [row] = await withConn(async ({ db }) => selectReports(db).where(and(eq(integrityReports.id, reportId), inSubtree(viewer.scopePath))).limit(1));
  return (row as IntegrityReportRow | undefined) ?? null;
}

export type CloseOutcome = { status: 'ok' } | { status: 'not_found' } | { status: 'closed_already' };

/**
 * Closes an open report with a finding and a note (the caller has checked
 * that the viewer may: server/integrity.ts). The conditional update decides
 * between two inspectors closing it at once; audited.
 */
export async function closeIntegrityReport({
  viewer,
  reportId,
  finding,
  note,
  organisationName,
  now = new Date(),
}: {
  viewer: Pick<Viewer, 'userId' | 'scopePath'>;
  reportId: number;
  finding: IntegrityFinding;
  note: string;
  organisationName: string;
  now?: Date;
}): Promise<CloseOutcome> {
  return transaction(async ({ db }) => {
    const report = await getIntegrityReport({ viewer, reportId });
    if (!report) return { status: 'not_found' } as const;
    const closed = await db
      .update(integrityReports)
      .set({ finding, note, closedBy: viewer.userId, closedAt: now })
      .where(and(eq(integrityReports.id, reportId), isNull(integrityReports.closedAt)))
      .returning({ id: integrityReports.id });
    if (closed.length === 0) return { status: 'closed_already' } as const;
    await createAuditEntry({
      at: now,
      actorId: viewer.userId,
      action: 'integrity_report.close',
      entityType: 'integrity_report',
      entityId: reportId,
      unitId: report.unitId,
      before: { finding: null },
      after: { finding, note, organisation: organisationName },
    });
    return { status: 'ok' } as const;
  });
}

export type IntegrityCounts = { open: number; upheld: number; notUpheld: number };

/** An office's reports raised in [from, to) (epoch ms; a period's year in Vietnam time), by outcome. */
export async function countIntegrityReports({ unitId, from, to }: { unitId: number; from: number; to: number }): Promise<IntegrityCounts> {
  const rows = await withConn(({ db }) =>
    db
      .select({ finding: integrityReports.finding, n: sql<number>`count(*)`.mapWith(Number) })
      .from(integrityReports)
      .where(and(eq(integrityReports.unitId, unitId), gte(integrityReports.submittedAt, new Date(from)), lt(integrityReports.submittedAt, new Date(to))))
      .groupBy(integrityReports.finding),
  );
  const out: IntegrityCounts = { open: 0, upheld: 0, notUpheld: 0 };
  for (const r of rows) {
    if (r.finding === 'upheld') out.upheld += r.n;
    else if (r.finding === 'not_upheld') out.notUpheld += r.n;
    else out.open += r.n;
  }
  return out;
}

/**
 * Upheld reports in [from, to) whose rating is attributed to each of these
 * officials (responses.official_id, docs/decisions/023): individual
 * recognition's "no upheld integrity report" rule.
 */
export async function countUpheldReportsOfOfficials({ officialIds, from, to }: { officialIds: readonly number[]; from: number; to: number }): Promise<Map<number, number>> {
  if (officialIds.length === 0) return new Map();
  const rows = await withConn(({ db }) =>
    db
      .select({ officialId: responses.officialId, n: sql<number>`count(*)`.mapWith(Number) })
      .from(integrityReports)
      .innerJoin(responses, eq(responses.id, integrityReports.responseId))
      .where(
        and(
          inArray(responses.officialId, [...officialIds]),
          eq(integrityReports.finding, 'upheld'),
          gte(integrityReports.submittedAt, new Date(from)),
          lt(integrityReports.submittedAt, new Date(to)),
        ),
      )
      .groupBy(responses.officialId),
  );
  return new Map(rows.flatMap((r) => (r.officialId === null ? [] : [[r.officialId, r.n] as const])));
}

/**
 * Demo mode: the demo seed writes its ratings in bulk, past the submit path,
 * so its "Có" answers to Q9 since `since` get their reports here, once (when
 * there is none yet). Returns how many.
 */
export async function seedDemoIntegrityReportsIfNone({ since }: { since: Date }): Promise<number> {
  return transaction(async (c) => {
    await c.lock('seed:integrity');
    if (((await c.value<number>('select count(*) from integrity_reports')) ?? 0) > 0) return 0;
    const { changes } = await c.run(
      `insert into integrity_reports (response_id, unit_id, counter_id, submitted_at, signals, created_at)
       select r.id, r.unit_id, r.counter_id, r.submitted_at, 'q9=yes', r.received_at
       from responses r join answers a on a.response_id = r.id and a.question_key = 'q9' and a.choice = 'yes'
       where r.excluded = false and r.submitted_at >= ?
       on conflict (response_id) do nothing`,
      [since.getTime()],
    );
    return changes;
  });
}

// ---------------------------------------------------------------------------
// E-mail to the inspectorate (server/mail-jobs.ts)

/** An active inspectorate supervisor with an e-mail address, and the subtree they watch. */
export type InspectorRecipient = { userId: number; email: string; displayName: string; scopePath: string };

export async function listInspectorRecipients(): Promise<InspectorRecipient[]> {
  return withConn(({ db }) =>
    db
      .select({ userId: users.id, email: sql<string>`${users.email}`, displayName: users.displayName, scopePath: units.path })
      .from(users)
      .innerJoin(units, eq(units.id, users.scopeUnitId))
      .innerJoin(supervisorOrganisations, eq(supervisorOrganisations.id, users.organisationId))
      .where(and(eq(users.role, 'supervisor'), eq(users.active, true), isNotNull(users.email), eq(supervisorOrganisations.kind, 'inspectorate')))
      .orderBy(users.id),
  );
}

export type ReportToMail = { id: number; unitName: string; unitPath: string; counterName: string | null; submittedAt: Date; signals: string; comment: string | null };

/** Reports raised since `since` (by their creation) not mailed yet, oldest first, at most `limit`. */
export async function listIntegrityReportsToMail({ since, limit = 200 }: { since: Date; limit?: number }): Promise<ReportToMail[]> {
  return withConn(({ db }) =>
    db
      .select({
        id: integrityReports.id,
        unitName: units.name,
        unitPath: units.path,
        counterName: counters.name,
        submittedAt: integrityReports.submittedAt,
        signals: integrityReports.signals,
        comment: responses.comment,
      })
      .from(integrityReports)
      .innerJoin(units, eq(units.id, integrityReports.unitId))
      .innerJoin(responses, eq(responses.id, integrityReports.responseId))
      .leftJoin(counters, eq(counters.id, integrityReports.counterId))
      .where(
        and(
          gte(integrityReports.createdAt, since),
          sql`not exists (select 1 from mail_deliveries d where d.key = 'integrity:' || cast(${integrityReports.id} as text))`,
        ),
      )
      .orderBy(integrityReports.createdAt, integrityReports.id)
      .limit(limit),
  );
}

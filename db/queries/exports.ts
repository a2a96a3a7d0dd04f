import type { Database } from 'better-sqlite3';
import { and, eq } from 'drizzle-orm';
import { can, type Viewer } from '@/lib/auth/roles';
import type { ExportResponse } from '@/lib/export/responses';
import type { QuestionSetDefinition } from '@/lib/survey/question-set';
import { sortInTreeOrder } from '@/lib/unit-tree';
import type { Db } from '../client';
import { units } from '../schema';
import { createAuditEntry } from './audit';
import { getQuestionSetVersion } from './question-sets';
import { perConnection } from './survey-cache';
import { inSubtree, treeNodeFields } from './unit-tree';

/**
 * Reads for the exports (app/xuat/…): every response of a subtree in a
 * period, in synchronous batches.
 *
 * The app shares one better-sqlite3 connection per process, and a cursor
 * held open across an `await` makes every other statement on it fail
 * ("This database connection is busy executing a query"). So nothing stays
 * open between batches: each `nextBatch()` runs a few statements to
 * completion and remembers where it stopped (keyset pagination: office,
 * then (submitted_at, id) through responses_unit_time_idx), and the caller
 * awaits between batches while the body drains.
 *
 * Exclusions are the screens': flagged (excluded) responses are left out
 * unless `includeFlagged`. Phone numbers are read only for viewers whose role
 * may read contacts (domain.md §7); for others the contacts table is never
 * touched.
 */

export const EXPORT_BATCH_SIZE = 2_000;

type ExportViewer = Pick<Viewer, 'userId' | 'role' | 'scopePath'>;

export type ExportUnit = { id: number; name: string; code: string | null; path: string };

export type ResponseExportOptions = {
  viewer: ExportViewer;
  /** The unit whose subtree is exported; its viewer's scope root when absent. */
  unitId?: number;
  /** [start, end) in UTC epoch milliseconds (lib/indicators/periods.ts Period). */
  period: { start: number; end: number };
  includeFlagged?: boolean;
  batchSize?: number;
};

export type ResponseExport = {
  /** The exported unit (the root of the subtree). */
  root: ExportUnit;
  withContacts: boolean;
  includeFlagged: boolean;
  /** Every question-set version, oldest first: the columns are the union of their questions. */
  definitions: QuestionSetDefinition[];
  /** The next responses, in office (tree) order then time; empty once every row was read. */
  nextBatch(): ExportResponse[];
};

type BatchRow = {
  id: number;
  submittedAt: number;
  counterId: number | null;
  channel: string;
  procedureFieldId: number | null;
  comment: string | null;
  excluded: 0 | 1;
  flags: string | null;
  questionSetVersionId: number;
  commentStatus: string | null;
};
type BatchParams = { unitId: number; start: number; end: number; afterAt: number; afterId: number; limit: number };

const RESPONSE_COLUMNS = `r.id, r.submitted_at as submittedAt, r.counter_id as counterId, r.channel,
  r.procedure_field_id as procedureFieldId, r.comment, r.excluded, r.flags,
  r.question_set_version_id as questionSetVersionId, ct.status as commentStatus`;

// (submitted_at, id) > (afterAt, afterId): a row-value range that
// responses_unit_time_idx (unit_id, submitted_at, rowid) serves in order.
const batchSql = (includeFlagged: boolean) => `select ${RESPONSE_COLUMNS}
  from responses r left join comment_threads ct on ct.response_id = r.id
  where r.unit_id = @unitId and r.submitted_at >= @start and r.submitted_at < @end
    and (r.submitted_at, r.id) > (@afterAt, @afterId)${includeFlagged ? '' : ' and r.excluded = 0'}
  order by r.submitted_at, r.id limit @limit`;

const statements = perConnection((sqlite: Database) => ({
  batch: sqlite.prepare<[BatchParams], BatchRow>(batchSql(false)),
  batchWithFlagged: sqlite.prepare<[BatchParams], BatchRow>(batchSql(true)),
  answers: sqlite.prepare<[string], { responseId: number; questionKey: string; score: number | null; choice: string | null }>(
    `select response_id as responseId, question_key as questionKey, score, choice from answers
      where response_id in (select value from json_each(?)) order by response_id, id`,
  ),
  phones: sqlite.prepare<[string], { responseId: number; phone: string }>(
    'select response_id as responseId, phone from contacts where response_id in (select value from json_each(?))',
  ),
  versionIds: sqlite.prepare<[], { id: number }>('select id from question_set_versions order by id'),
  counters: sqlite.prepare<[number], { id: number; name: string }>('select id, name from counters where unit_id = ?'),
  fields: sqlite.prepare<[number], { id: number; name: string }>('select id, name from procedure_fields where unit_id = ?'),
}));

/** Whether this viewer's responses export carries phone numbers (domain.md §7). */
export function exportsContacts(viewer: Pick<Viewer, 'role'>): boolean {
  return can(viewer.role, 'contacts.read');
}

/** The unit to export if it lies in the viewer's subtree (the scope root when no id is given), else null (answer 404). */
export function getExportUnit(db: Db, { viewer, unitId }: { viewer: Pick<Viewer, 'scopePath'>; unitId?: number }): ExportUnit | null {
  const where = unitId === undefined ? eq(units.path, viewer.scopePath) : and(eq(units.id, unitId), inSubtree(viewer.scopePath));
  return db.select({ id: units.id, name: units.name, code: units.code, path: units.path }).from(units).where(where).get() ?? null;
}

/**
 * Starts a responses export of a unit's subtree for a period, or returns
 * null when the unit is outside the viewer's scope. Reads nothing but the
 * unit list and the question-set versions until `nextBatch()` is called.
 */
export function openResponseExport(db: Db, o: ResponseExportOptions): ResponseExport | null {
  const root = getExportUnit(db, { viewer: o.viewer, unitId: o.unitId });
  if (!root) return null;
  const includeFlagged = o.includeFlagged ?? false;
  const withContacts = exportsContacts(o.viewer);
  const limit = o.batchSize ?? EXPORT_BATCH_SIZE;
  const s = statements(db);
  const { start, end } = o.period;

  const subtree = sortInTreeOrder(db.select({ ...treeNodeFields, path: units.path }).from(units).where(inSubtree(root.path)).all());
  // Every stored version, oldest first, as the dashboards' question catalogue
  // does: finding the versions the rows used would read every row of the
  // period before the first byte (3 s on a million rows, blocking the thread).
  // Keys keep their meaning across versions, so columns merge by key.
  const definitions = s.versionIds
    .all()
    .map((v) => getQuestionSetVersion(db, { id: v.id })?.definition)
    .filter((d): d is QuestionSetDefinition => d !== undefined);

  let unitIndex = 0;
  // Before the first row of the period: every row of it is > (start - 1, 0).
  let afterAt = start - 1;
  let afterId = 0;
  let names: { counters: Map<number, string>; fields: Map<number, string> } | null = null;
  const batchStatement = includeFlagged ? s.batchWithFlagged : s.batch;

  function readUnit(unitId: number): BatchRow[] {
    return batchStatement.all({ unitId, start, end, afterAt, afterId, limit });
  }

  function nextBatch(): ExportResponse[] {
    while (unitIndex < subtree.length) {
      const unit = subtree[unitIndex]!;
      const rows = readUnit(unit.id);
      if (rows.length === 0) {
        unitIndex++;
        afterAt = start - 1;
        afterId = 0;
        names = null;
        continue;
      }
      const last = rows[rows.length - 1]!;
      afterAt = last.submittedAt;
      afterId = last.id;
      names ??= {
        counters: new Map(s.counters.all(unit.id).map((c) => [c.id, c.name])),
        fields: new Map(s.fields.all(unit.id).map((f) => [f.id, f.name])),
      };
      return assemble(unit.name, rows, names);
    }
    return [];
  }

  function assemble(unitName: string, rows: BatchRow[], n: NonNullable<typeof names>): ExportResponse[] {
    const ids = JSON.stringify(rows.map((r) => r.id));
    const answers = new Map<number, ExportResponse['answers'][number][]>();
    for (const a of s.answers.all(ids)) {
      const list = answers.get(a.responseId);
      const answer = { questionKey: a.questionKey, score: a.score, choice: a.choice };
      if (list) list.push(answer);
      else answers.set(a.responseId, [answer]);
    }
    const phones = withContacts ? new Map(s.phones.all(ids).map((p) => [p.responseId, p.phone])) : null;
    return rows.map((r) => ({
      id: r.id,
      submittedAt: r.submittedAt,
      unitName,
      counterName: r.counterId === null ? null : (n.counters.get(r.counterId) ?? null),
      channel: r.channel,
      procedureField: r.procedureFieldId === null ? null : (n.fields.get(r.procedureFieldId) ?? null),
      comment: r.comment,
      commentStatus: r.commentStatus,
      excluded: r.excluded === 1,
      flags: r.flags,
      questionSetVersionId: r.questionSetVersionId,
      answers: answers.get(r.id) ?? [],
      ...(phones ? { phone: phones.get(r.id) ?? null } : {}),
    }));
  }

  return { root, withContacts, includeFlagged, definitions, nextBatch };
}

export type ExportAuditInput = {
  viewer: Pick<Viewer, 'userId'>;
  kind: 'responses' | 'indicators';
  unit: ExportUnit;
  format: 'csv' | 'xlsx';
  from: string;
  to: string;
  includeFlagged: boolean;
  withContacts: boolean;
};

/** Records who exported what: scope, period, format and whether phone numbers were in it. */
export function createExportAuditEntry(db: Db, e: ExportAuditInput) {
  createAuditEntry(db, {
    actorId: e.viewer.userId,
    action: `export.${e.kind}`,
    entityType: 'unit',
    entityId: e.unit.id,
    after: { name: e.unit.name, format: e.format, from: e.from, to: e.to, includeFlagged: e.includeFlagged, contacts: e.withContacts },
  });
}

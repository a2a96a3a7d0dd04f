import { and, eq } from 'drizzle-orm';
import { can, type Viewer } from '@/lib/auth/roles';
import { getEnv } from '@/lib/env';
import type { ExportResponse } from '@/lib/export/responses';
import type { QuestionSetDefinition } from '@/lib/survey/question-set';
import { sortInTreeOrder } from '@/lib/unit-tree';
import { byEngine } from '../engine/dialect';
import { engineKind } from '../engine/kind';
import { openPgStore } from '../engine/pg';
import { openSqliteStore } from '../engine/sqlite';
import type { Conn, Store } from '../engine/types';
import { units } from '../schema';
import { transaction, withConn } from '../store';
import { createAuditEntry } from './audit';
import { getQuestionSetVersion } from './question-sets';
import { inSubtree, treeNodeFields } from './unit-tree';

/**
 * Reads for the exports (app/xuat/…): every response of a subtree in a
 * period, in batches, office by office in tree order, then by
 * (submitted_at, id) — the same rows in the same order on both engines.
 *
 * SQLite: the responses export runs in a worker thread on its own read-only
 * connection (server/response-export.ts), and nothing stays open between
 * batches: each `nextBatch()` runs a few statements to completion and
 * remembers where it stopped (keyset pagination through
 * responses_unit_time_idx), so the same reader also works on the app's one
 * shared connection, where a statement held open across an await would
 * block every other request.
 *
 * PostgreSQL: one READ ONLY REPEATABLE READ transaction on one connection
 * for the whole file, and a server-side cursor per office
 * (`DECLARE … CURSOR` / `FETCH n`): the server keeps the position, each
 * batch is `EXPORT_BATCH_SIZE` rows, so memory stays capped as on SQLite;
 * answers, phone numbers and names of each batch are read on the same
 * connection from the same snapshot (a plain SQL cursor, unlike pg-cursor's
 * protocol portal, lets other statements run between fetches).
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
  /** Only verified ratings (channel 'dossier', docs/decisions/027). */
  verifiedOnly?: boolean;
  batchSize?: number;
};

export type ResponseExport = {
  /** The exported unit (the root of the subtree). */
  root: ExportUnit;
  withContacts: boolean;
  includeFlagged: boolean;
  /** Every question-set version, oldest first: the columns are the union of their questions. */
  definitions: QuestionSetDefinition[];
  /** The next responses, in office (tree) order then time; empty once every row was read (and the reader closed). */
  nextBatch(): Promise<ExportResponse[]>;
  /** Ends the reading early (the client went away); idempotent, and implied by the last, empty batch. */
  close(): Promise<void>;
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

const RESPONSE_COLUMNS = `r.id as id, r.submitted_at as "submittedAt", r.counter_id as "counterId", r.channel as channel,
  r.procedure_field_id as "procedureFieldId", r.comment as comment, r.excluded as excluded, r.flags as flags,
  r.question_set_version_id as "questionSetVersionId", ct.status as "commentStatus"`;

/** Which rows of the period: flagged ones too or not, every channel or only verified ratings. */
type RowFilter = { includeFlagged: boolean; verifiedOnly: boolean };

const unitRowsSql = (f: RowFilter) => `from responses r left join comment_threads ct on ct.response_id = r.id
  where r.unit_id = @unitId and r.submitted_at >= @start and r.submitted_at < @end${f.includeFlagged ? '' : ' and r.excluded = false'}${
    f.verifiedOnly ? " and r.channel = 'dossier'" : ''
  }`;

// (submitted_at, id) > (afterAt, afterId): a row-value range that
// responses_unit_time_idx (unit_id, submitted_at, rowid) serves in order.
const keysetSql = (f: RowFilter) => `select ${RESPONSE_COLUMNS} ${unitRowsSql(f)}
    and (r.submitted_at, r.id) > (@afterAt, @afterId)
  order by r.submitted_at, r.id limit @limit`;

const CURSOR = 'hl_export_rows';
const declareSql = (f: RowFilter) => `declare ${CURSOR} no scroll cursor for select ${RESPONSE_COLUMNS} ${unitRowsSql(f)}
  order by r.submitted_at, r.id`;

/** The ids of a batch as one parameter: a JSON array on SQLite, an array on PostgreSQL. */
const idsParam = (ids: number[]) => byEngine<unknown>({ sqlite: JSON.stringify(ids), pg: ids });
const ID_LIST = byEngine({ sqlite: 'in (select value from json_each(?))', pg: '= any(?::bigint[])' });

/** Whether this viewer's responses export carries phone numbers (domain.md §7). */
export function exportsContacts(viewer: Pick<Viewer, 'role'>): boolean {
  return can(viewer.role, 'contacts.read');
}

/** The unit to export if it lies in the viewer's subtree (the scope root when no id is given), else null (answer 404). */
export async function getExportUnit({ viewer, unitId }: { viewer: Pick<Viewer, 'scopePath'>; unitId?: number }): Promise<ExportUnit | null> {
  const where = unitId === undefined ? eq(units.path, viewer.scopePath) : and(eq(units.id, unitId), inSubtree(viewer.scopePath));
  const [row] = await withConn(({ db }) => db.select({ id: units.id, name: units.name, code: units.code, path: units.path }).from(units).where(where).limit(1));
  return row ?? null;
}

/** Where the responses export's worker reads: the app's database, by its own connection. */
export type ExportSource = { kind: 'sqlite'; path: string } | { kind: 'pg'; url: string };

export function exportSource(): ExportSource {
  const env = getEnv();
  return engineKind() === 'pg' ? { kind: 'pg', url: env.DATABASE_URL! } : { kind: 'sqlite', path: env.DATABASE_PATH };
}

/**
 * The worker's own store: on SQLite a read-only connection to the file; on
 * PostgreSQL two connections (the export's transaction, and one for the
 * first reads), no migrations (the app ran them).
 */
export async function openExportStore(source: ExportSource): Promise<Store> {
  return source.kind === 'pg' ? openPgStore(source.url, { poolSize: 2, migrate: false }) : openSqliteStore(source.path, { readonly: true });
}

/**
 * Starts a responses export of a unit's subtree for a period, or returns
 * null when the unit is outside the viewer's scope. Reads nothing but the
 * unit list and the question-set versions until `nextBatch()` is called.
 */
export async function openResponseExport(o: ResponseExportOptions): Promise<ResponseExport | null> {
  const root = await getExportUnit({ viewer: o.viewer, unitId: o.unitId });
  if (!root) return null;
  const includeFlagged = o.includeFlagged ?? false;
  const withContacts = exportsContacts(o.viewer);
  const limit = o.batchSize ?? EXPORT_BATCH_SIZE;
  const { start, end } = o.period;

  const [subtree, versionIds] = await withConn(async ({ db, all }) => [
    sortInTreeOrder(await db.select({ ...treeNodeFields, path: units.path }).from(units).where(inSubtree(root.path))),
    await all<{ id: number }>('select id from question_set_versions order by id'),
  ]);
  // Every stored version, oldest first, as the dashboards' question catalogue
  // does: finding the versions the rows used would read every row of the
  // period before the first byte (3 s on a million rows, blocking the thread).
  // Keys keep their meaning across versions, so columns merge by key.
  const definitions = (await Promise.all(versionIds.map((v) => getQuestionSetVersion({ id: v.id }))))
    .map((v) => v?.definition)
    .filter((d): d is QuestionSetDefinition => d !== undefined);

  const filter: RowFilter = { includeFlagged, verifiedOnly: o.verifiedOnly ?? false };
  const rows = engineKind() === 'pg' ? cursorRows(filter, start, end, limit) : keysetRows(filter, start, end, limit);
  let unitIndex = 0;
  let names: { counters: Map<number, string>; fields: Map<number, string> } | null = null;
  let finished = false;

  async function nextBatch(): Promise<ExportResponse[]> {
    while (!finished && unitIndex < subtree.length) {
      const unit = subtree[unitIndex]!;
      const batch = await rows.read(unit.id);
      if (batch.length === 0) {
        unitIndex++;
        names = null;
        continue;
      }
      return rows.use(async (c) => {
        names ??= {
          counters: new Map((await c.all<{ id: number; name: string }>('select id, name from counters where unit_id = ?', [unit.id])).map((x) => [x.id, x.name])),
          fields: new Map((await c.all<{ id: number; name: string }>('select id, name from procedure_fields where unit_id = ?', [unit.id])).map((x) => [x.id, x.name])),
        };
        return assemble(c, unit.name, batch, names);
      });
    }
    await close();
    return [];
  }

  async function close() {
    if (finished) return;
    finished = true;
    await rows.close();
  }

  async function assemble(c: Conn, unitName: string, batch: BatchRow[], n: NonNullable<typeof names>): Promise<ExportResponse[]> {
    const ids = idsParam(batch.map((r) => r.id));
    const answers = new Map<number, ExportResponse['answers'][number][]>();
    const answerRows = await c.all<{ responseId: number; questionKey: string; score: number | null; choice: string | null }>(
      `select response_id as "responseId", question_key as "questionKey", score, choice from answers
        where response_id ${ID_LIST} order by response_id, id`,
      [ids],
    );
    for (const a of answerRows) {
      const list = answers.get(a.responseId);
      const answer = { questionKey: a.questionKey, score: a.score, choice: a.choice };
      if (list) list.push(answer);
      else answers.set(a.responseId, [answer]);
    }
    const phones = withContacts
      ? new Map(
          (await c.all<{ responseId: number; phone: string }>(`select response_id as "responseId", phone from contacts where response_id ${ID_LIST}`, [ids])).map((p) => [
            p.responseId,
            p.phone,
          ]),
        )
      : null;
    return batch.map((r) => ({
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

  return { root, withContacts, includeFlagged, definitions, nextBatch, close };
}

/** How the rows of one office are read batch by batch, and the connection the rest of a batch is read on. */
type RowReader = {
  /** The next rows of this office; empty once it has no more (the next call may name the next office). */
  read(unitId: number): Promise<BatchRow[]>;
  use<T>(fn: (c: Conn) => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

/** SQLite: keyset pagination, nothing held open between batches. */
function keysetRows(filter: RowFilter, start: number, end: number, limit: number): RowReader {
  const text = keysetSql(filter);
  // Before the first row of the period: every row of it is > (start - 1, 0).
  let afterAt = start - 1;
  let afterId = 0;
  return {
    async read(unitId) {
      const rows = await withConn((c) => c.all<BatchRow>(text, { unitId, start, end, afterAt, afterId, limit }));
      const last = rows[rows.length - 1];
      if (last) {
        afterAt = last.submittedAt;
        afterId = last.id;
      } else {
        afterAt = start - 1;
        afterId = 0;
      }
      return rows;
    },
    use: (fn) => withConn(fn),
    async close() {},
  };
}

/**
 * PostgreSQL: a transaction held open on one connection from the first
 * batch to the last (the store's `transaction` runs until `close()`), and a
 * server-side cursor per office inside it.
 */
function cursorRows(filter: RowFilter, start: number, end: number, limit: number): RowReader {
  let held: Promise<{ conn: Conn; done: Promise<void> }> | null = null;
  let finish: (error?: unknown) => void = () => {};
  let declaredFor: number | null = null;
  let exhausted: number | null = null;

  const open = () =>
    new Promise<{ conn: Conn; done: Promise<void> }>((resolve, reject) => {
      const done = transaction(
        (conn) =>
          new Promise<void>((stop, fail) => {
            finish = (error) => (error ? fail(error) : stop());
            resolve({ conn, done });
          }),
        { mode: 'read' },
      );
      done.catch(reject);
    });

  return {
    async read(unitId) {
      if (exhausted === unitId) return [];
      held ??= open();
      const { conn } = await held;
      if (declaredFor !== unitId) {
        if (declaredFor !== null) await conn.run(`close ${CURSOR}`);
        await conn.run(declareSql(filter), { unitId, start, end });
        declaredFor = unitId;
      }
      const rows = await conn.all<BatchRow>(`fetch forward ${Math.trunc(limit)} from ${CURSOR}`);
      if (rows.length < limit) {
        // This office is done: its next read answers empty, the next office's opens its cursor.
        await conn.run(`close ${CURSOR}`);
        declaredFor = null;
        exhausted = unitId;
      }
      return rows;
    },
    async use(fn) {
      const { conn } = await (held ??= open());
      return fn(conn);
    },
    async close() {
      if (!held) return;
      const { done } = await held;
      finish();
      await done;
    },
  };
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
  /** Only verified ratings (docs/decisions/027); recorded only when true. */
  verifiedOnly?: boolean;
};

/** Records who exported what: scope, period, format and whether phone numbers were in it. */
export async function createExportAuditEntry(e: ExportAuditInput) {
  await createAuditEntry({
    actorId: e.viewer.userId,
    action: `export.${e.kind}`,
    entityType: 'unit',
    entityId: e.unit.id,
    after: {
      name: e.unit.name,
      format: e.format,
      from: e.from,
      to: e.to,
      includeFlagged: e.includeFlagged,
      contacts: e.withContacts,
      ...(e.verifiedOnly ? { verifiedOnly: true } : {}),
    },
  });
}

import { asc, eq, sql } from 'drizzle-orm';
import { foldForSearch } from '@/lib/text';
import { foldAliases, joinAliases } from '@/lib/unit-aliases';
import { SURVEY_CODE_LENGTH } from '@/lib/codes';
import { isUniqueViolation } from '../engine/dialect';
import { newCode } from '../ids';
import { counters, procedureFields, units } from '../schema';
import { transaction, withConn, type Conn } from '../store';
import { activeVersionIdSql } from './question-sets';

export type CreateUnitInput = {
  parentId: number | null;
  kind: string;
  name: string;
  address?: string | null;
  /** True gives the unit a survey code, so it takes ratings. */
  rateable: boolean;
  sortOrder?: number;
  /** Former or other names the public finder searches too (lib/unit-aliases.ts), already normalised. */
  aliases?: string[];
  /** Only for seeding fixed demo codes. */
  code?: string;
};

/**
 * The lock every change of a unit's `path` takes (creating a unit under a
 * parent, moving a subtree): a path is derived from the parent's, so on
 * PostgreSQL two servers must not read a parent's path while another moves
 * it, or a child would keep a path under the old place. Units change rarely;
 * one key for the whole tree costs nothing.
 */
export const UNIT_TREE_LOCK = 'units:tree';

/** Creates a unit under its parent; its path and search name are derived here, never by callers. */
export async function createUnit(input: CreateUnitInput) {
  return transaction(async (c) => {
    await c.lock(UNIT_TREE_LOCK);
    const parent = input.parentId == null ? null : await selectPath(c, input.parentId);
    if (input.parentId != null && !parent) throw new Error(`parent unit ${input.parentId} not found`);
    const values = {
      parentId: input.parentId,
      path: '/',
      kind: input.kind,
      name: input.name,
      searchName: foldForSearch(input.name),
      aliases: joinAliases(input.aliases ?? []),
      searchAliases: foldAliases(input.aliases ?? []),
      address: input.address ?? null,
      sortOrder: input.sortOrder ?? 0,
    };
    const [row] = input.rateable
      ? await withSurveyCode(c, input.code, (code) => c.db.insert(units).values({ ...values, code }).returning())
      : await c.db.insert(units).values({ ...values, code: null }).returning();
    const path = `${parent?.path ?? '/'}${row!.id}/`;
    await c.db.update(units).set({ path }).where(eq(units.id, row!.id));
    return { ...row!, path };
  });
}

async function selectPath(c: Conn, id: number) {
  const [row] = await c.db.select({ path: units.path }).from(units).where(eq(units.id, id)).limit(1);
  return row ?? null;
}

export async function createCounter(input: { unitId: number; name: string; sortOrder?: number; code?: string }) {
  return transaction(async (c) => {
    const [row] = await withSurveyCode(c, input.code, (code) =>
      c.db.insert(counters).values({ unitId: input.unitId, name: input.name, sortOrder: input.sortOrder ?? 0, code }).returning(),
    );
    return row!;
  });
}

export async function createProcedureField(input: { unitId: number; name: string; sortOrder?: number }) {
  return withConn(async ({ db }) => {
    const [row] = await db.insert(procedureFields).values(input).returning();
    return row!;
  });
}

/** Tries to find a free survey code at most this many times (a clash among 30^6 codes is already rare). */
const CODE_ATTEMPTS = 8;

/**
 * Runs `write` with a survey code no office or counter uses (or with `fixed`,
 * which must be free), inside the current transaction. Survey codes share one
 * namespace across units and counters, which no single unique index covers:
 * the code's own lock makes two servers that drew the same code take turns,
 * so the second sees the first's row and draws again. The write runs in a
 * savepoint so that a unique clash left over (a code written without the
 * lock, e.g. by the seed) does not abort the whole transaction on
 * PostgreSQL; it is retried with another code.
 */
export async function withSurveyCode<T>(c: Conn, fixed: string | undefined, write: (code: string) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const code = fixed ?? newCode(SURVEY_CODE_LENGTH);
    await c.lock(`survey-code:${code}`);
    const last = fixed !== undefined || attempt >= CODE_ATTEMPTS;
    if (!last && (await surveyCodeTaken(c, code))) continue;
    try {
      return await transaction(() => write(code));
    } catch (error) {
      if (last || !isUniqueViolation(error)) throw error;
    }
  }
}

async function surveyCodeTaken(c: Conn, code: string): Promise<boolean> {
  const row = await c.get('select 1 as "taken" from units where code = ? union all select 1 from counters where code = ? limit 1', [code, code]);
  return row !== undefined;
}

export type SurveyTarget = {
  code: string;
  /** `parentName` is the unit above the office (its province, commune…), null at the root. */
  unit: { id: number; name: string; path: string; questionSetId: number | null; parentName: string | null };
  counter: { id: number; name: string } | null;
};

type SurveyTargetRow = {
  unitId: number;
  unitName: string;
  unitPath: string;
  questionSetId: number | null;
  parentName: string | null;
  counterId: number | null;
  counterName: string | null;
};

// Survey codes share one namespace, so at most one branch matches; an office's own code goes first all the same.
// The survey's hot path: raw text, so both engines prepare it once per connection (db/engine/*).
const SURVEY_TARGET_SQL = `
  select 0 as "rank", u.id as "unitId", u.name as "unitName", u.path as "unitPath", u.question_set_id as "questionSetId",
         p.name as "parentName", null as "counterId", null as "counterName"
  from units u left join units p on p.id = u.parent_id
  where u.code = @code and u.active = true
  union all
  select 1, u.id, u.name, u.path, u.question_set_id, p.name, c.id, c.name
  from counters c join units u on u.id = c.unit_id left join units p on p.id = u.parent_id
  where c.code = @code and c.active = true and u.active = true
  order by 1 limit 1`;

export type SurveyTargetAndVersionRow = SurveyTargetRow & { versionId: number | null };

export const SURVEY_TARGET_AND_VERSION_SQL = `select t.*, ${activeVersionIdSql('t."unitPath"')} as "versionId" from (${SURVEY_TARGET_SQL}) t`;

/**
 * Resolves a QR code to the office (and counter) it rates. Disabled offices
 * and counters resolve to null, exactly like unknown codes.
 */
export async function getSurveyTarget({ code }: { code: string }): Promise<SurveyTarget | null> {
  const row = await withConn((c) => c.get<SurveyTargetRow>(SURVEY_TARGET_SQL, { code }));
  return row ? toSurveyTarget(code, row) : null;
}

/**
 * `getSurveyTarget` and the id of the question-set version its office uses now
 * (question-sets.ts), in one statement: the survey reads both on every request.
 */
export async function getSurveyTargetAndVersionId({ code }: { code: string }): Promise<{ target: SurveyTarget; versionId: number | null } | null> {
  const row = await withConn((c) => c.get<SurveyTargetAndVersionRow>(SURVEY_TARGET_AND_VERSION_SQL, { code }));
  return row ? { target: toSurveyTarget(code, row), versionId: row.versionId } : null;
}

export function toSurveyTarget(code: string, row: SurveyTargetRow): SurveyTarget {
  return {
    code,
    unit: { id: row.unitId, name: row.unitName, path: row.unitPath, questionSetId: row.questionSetId, parentName: row.parentName },
    counter: row.counterId == null ? null : { id: row.counterId, name: row.counterName! },
  };
}

/** The procedure fields an office offers now, in display order. */
export async function listProcedureFields({ unitId }: { unitId: number }): Promise<{ id: number; name: string }[]> {
  return withConn((c) =>
    c.all<{ id: number; name: string }>('select id, name from procedure_fields where unit_id = ? and active = true order by sort_order, name', [unitId]),
  );
}

export async function countUnits(): Promise<number> {
  return withConn(async ({ db }) => {
    const [row] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(units);
    return row!.n;
  });
}

/** The root units (usually one province), for first-run set-up and the demo accounts. */
export async function listRootUnits() {
  return withConn(({ db }) =>
    db.select({ id: units.id, name: units.name, path: units.path }).from(units).where(sql`${units.parentId} is null`).orderBy(asc(units.id)),
  );
}

export async function getUnitIdByCode({ code }: { code: string }): Promise<number | null> {
  return withConn(async ({ db }) => {
    const [row] = await db.select({ id: units.id }).from(units).where(eq(units.code, code)).limit(1);
    return row?.id ?? null;
  });
}

export async function getUnitIdByName({ name }: { name: string }): Promise<number | null> {
  return withConn(async ({ db }) => {
    const [row] = await db.select({ id: units.id }).from(units).where(eq(units.name, name)).orderBy(asc(units.id)).limit(1);
    return row?.id ?? null;
  });
}

import { engineKind } from './kind';

/**
 * The few things SQL says differently on the two engines, in one place. Raw
 * SQL elsewhere in db/ is written once in the common subset: SQLite's
 * placeholders (rewritten for PostgreSQL), quoted aliases, `coalesce`,
 * `case when`, `on conflict`, `returning`, CTEs and window functions.
 */
export function byEngine<T>(choices: { sqlite: T; pg: T }): T {
  return choices[engineKind()];
}

/**
 * Put first in a statement whose best plan depends on its values — a read of
 * rollups over a range of days, where 5 days and 365 days want different
 * joins: PostgreSQL then plans it with the values each time (an unnamed
 * statement) instead of settling on one generic plan after five runs, which
 * for the province's 365 days took 42 ms where a plan for the values took 27
 * (bench/dashboard/explain.ts). Planning costs a fraction of a millisecond;
 * keep it off the submit path, whose statements are short and alike.
 * A comment to SQLite.
 */
export const PLAN_EACH_TIME = '/* plan each time */ ';

/** The larger of two values (SQLite's two-argument `max`). */
export const greatest = (a: string, b: string) => byEngine({ sqlite: `max(${a}, ${b})`, pg: `greatest(${a}, ${b})` });

/** The smaller of two values (SQLite's two-argument `min`). */
export const least = (a: string, b: string) => byEngine({ sqlite: `min(${a}, ${b})`, pg: `least(${a}, ${b})` });

/** `from <this>`: the elements of a JSON array held in a text parameter or column, as column `value`. */
export const jsonArrayElements = (json: string) =>
  byEngine({ sqlite: `json_each(${json})`, pg: `json_array_elements_text(${json}::json) as value` });

/**
 * True when `error` (or a cause drizzle or the pool wrapped it in) is a
 * unique-index violation on either engine: SQLite's SQLITE_CONSTRAINT_UNIQUE
 * or PostgreSQL's 23505. For "insert, and on a clash of a generated code try
 * another" inside a savepoint.
 */
export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505') return true;
  }
  return false;
}

/** `in (<this>)`: the unit ids in a materialised path ("/1/4/9/" → 1, 4, 9), from a text parameter or column. */
export const pathIds = (path: string) =>
  byEngine({
    sqlite: `select value from json_each('[' || replace(trim(${path}, '/'), '/', ',') || ']')`,
    pg: `select cast(unnest(string_to_array(btrim(cast(${path} as text), '/'), '/')) as integer)`,
  });

import { and, gte, lt } from 'drizzle-orm';
import { units } from '../schema';

/**
 * Units whose path starts with `path` ("/1/4/" → "/1/4/", "/1/4/9/", not "/1/40/"),
 * written as a range so SQLite can use units_path_idx (a LIKE prefix cannot,
 * LIKE being case-insensitive). '0' is the character right after '/'.
 */
export function inSubtree(path: string) {
  return and(gte(units.path, path), lt(units.path, `${path.slice(0, -1)}0`));
}

import { and, asc, eq, isNotNull, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { normalizeCode } from '@/lib/codes';
import { queryWords, rankOffices } from '@/lib/office-match';
import { splitAliases } from '@/lib/unit-aliases';
import { treeNodeFields } from './unit-tree';
import { units } from '../schema';
import { withConn } from '../store';
import { sortInTreeOrder } from '@/lib/unit-tree';

/** An office a citizen can rate, as the public home page lists it. */
export type PublicOffice = {
  id: number;
  code: string;
  name: string;
  parentName: string | null;
  /** The former or other name (the office's or its parent's) the query matched, shown beside the result; null when its names did. */
  matchedAlias: string | null;
};

const parents = alias(units, 'parents');

/**
 * At most this many offices are ranked per query. A province has a few
 * hundred offices, so the cap only matters for a one-letter query on a
 * benchmark tree; candidates come in name order, so the cut is predictable.
 */
const CANDIDATE_CAP = 2000;

/**
 * Escapes LIKE wildcards; the pattern is used with ESCAPE '\' (one backslash
 * on both engines: PostgreSQL's standard_conforming_strings is on by default).
 * The haystacks are folded columns (`search_name`, `search_aliases`), so
 * PostgreSQL's case-sensitive LIKE finds what SQLite's does.
 */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

function contains(haystack: SQL, needle: string): SQL {
  return sql`${haystack} LIKE ${`%${escapeLike(needle)}%`} ESCAPE '\\'`;
}

/**
 * Active offices matching a free-text query, accent-insensitively, ranked by
 * lib/office-match.ts: whole words before word prefixes before letters inside
 * a word, in the office's name, its aliases (former names), its parent's name
 * or its parent's aliases ("ha nam" finds the offices of the former Hà Nam
 * province, not every office whose name holds "hành"). A query that is an
 * office's code finds that office first. The database narrows the offices to
 * those holding every word somewhere; the ranking is done here. An empty
 * query matches nothing (use `listOfficesGrouped`).
 */
export async function searchOffices({ query, limit }: { query: string; limit: number }): Promise<PublicOffice[]> {
  const words = queryWords(query);
  const code = normalizeCode(query);
  if (words.length === 0 && !code) return [];

  const haystack = sql`(${units.searchName} || ' ' || coalesce(${units.searchAliases}, '') || ' ' || coalesce(${parents.searchName}, '') || ' ' || coalesce(${parents.searchAliases}, ''))`;
  const byWords = words.length ? and(...words.map((w) => contains(haystack, w))) : undefined;
  const rows = await withConn(({ db }) =>
    db
      .select({
        id: units.id,
        code: sql<string>`${units.code}`,
        name: units.name,
        aliases: units.aliases,
        parentName: parents.name,
        parentAliases: parents.aliases,
      })
      .from(units)
      .leftJoin(parents, eq(parents.id, units.parentId))
      .where(and(eq(units.active, true), isNotNull(units.code), code ? or(byWords, eq(units.code, code)) : byWords))
      .orderBy(asc(units.searchName), asc(units.id))
      .limit(CANDIDATE_CAP),
  );
  const candidates = rows.map((r) => ({ ...r, aliases: splitAliases(r.aliases), parentAliases: splitAliases(r.parentAliases) }));
  return rankOffices(query, candidates, code)
    .slice(0, Math.max(1, Math.min(limit, 200)))
    .map((o) => ({ id: o.id, code: o.code, name: o.name, parentName: o.parentName, matchedAlias: o.matchedAlias }));
}

export type OfficeGroup = {
  parentId: number | null;
  parentName: string | null;
  offices: { id: number; code: string; name: string }[];
};

/**
 * Every active office, grouped under its parent unit; groups and offices in
 * tree order (sortOrder, then name). Offices at the root form a group whose
 * parent is null.
 */
export async function listOfficesGrouped(): Promise<OfficeGroup[]> {
  const all = await withConn(({ db }) => db.select(treeNodeFields).from(units));
  const ordered = sortInTreeOrder(all);
  const position = new Map(ordered.map((u, i) => [u.id, i]));
  const byId = new Map(all.map((u) => [u.id, u]));

  const groups = new Map<number | null, OfficeGroup>();
  for (const u of ordered) {
    if (!u.active || u.code == null) continue;
    const group = groups.get(u.parentId) ?? {
      parentId: u.parentId,
      parentName: u.parentId == null ? null : (byId.get(u.parentId)?.name ?? null),
      offices: [],
    };
    group.offices.push({ id: u.id, code: u.code, name: u.name });
    groups.set(u.parentId, group);
  }
  const at = (id: number | null) => (id == null ? -1 : (position.get(id) ?? -1));
  return [...groups.values()].sort((a, b) => at(a.parentId) - at(b.parentId));
}

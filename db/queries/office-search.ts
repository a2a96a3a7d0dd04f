import { and, asc, eq, isNotNull, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { normalizeCode } from '@/lib/codes';
import { foldForSearch } from '@/lib/text';
import { treeNodeFields } from './unit-tree';
import { units } from '../schema';
import { withConn } from '../store';
import { sortInTreeOrder } from '@/lib/unit-tree';

/** An office a citizen can rate, as the public home page lists it. */
export type PublicOffice = { id: number; code: string; name: string; parentName: string | null };

const parents = alias(units, 'parents');

/** At most this many words of a query are matched; the rest are ignored. */
const MAX_WORDS = 8;

/**
 * Escapes LIKE wildcards; the pattern is used with ESCAPE '\' (one backslash
 * on both engines: PostgreSQL's standard_conforming_strings is on by default).
 * The haystacks are folded columns (`search_name`), so PostgreSQL's
 * case-sensitive LIKE finds what SQLite's does.
 */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

function contains(haystack: SQL, needle: string): SQL {
  return sql`${haystack} LIKE ${`%${escapeLike(needle)}%`} ESCAPE '\\'`;
}

/**
 * Active offices matching a free-text query, accent-insensitively ("ninh binh"
 * finds "Ninh Bình"). Every word must appear in the office's name or its
 * parent's name; a query that is an office's code finds that office. Offices
 * whose own name holds the whole phrase come first. An empty query matches
 * nothing (use `listOfficesGrouped`).
 */
export async function searchOffices({ query, limit }: { query: string; limit: number }): Promise<PublicOffice[]> {
  const folded = foldForSearch(query);
  const words = folded.split(' ').filter(Boolean).slice(0, MAX_WORDS);
  if (words.length === 0) return [];

  const haystack = sql`(${units.searchName} || ' ' || coalesce(${parents.searchName}, ''))`;
  const byWords = and(...words.map((w) => contains(haystack, w)));
  const code = normalizeCode(query);
  const phrase = words.join(' ');
  const rank = sql`case
    when ${units.code} = ${code ?? ''} then 0
    when ${units.searchName} like ${`${escapeLike(phrase)}%`} escape '\\' then 1
    when ${contains(sql`${units.searchName}`, phrase)} then 2
    else 3 end`;

  return withConn(({ db }) =>
    db
      .select({ id: units.id, code: sql<string>`${units.code}`, name: units.name, parentName: parents.name })
      .from(units)
      .leftJoin(parents, eq(parents.id, units.parentId))
      .where(and(eq(units.active, true), isNotNull(units.code), code ? or(byWords, eq(units.code, code)) : byWords))
      .orderBy(rank, asc(units.searchName), asc(units.id))
      .limit(Math.max(1, Math.min(limit, 200))),
  );
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

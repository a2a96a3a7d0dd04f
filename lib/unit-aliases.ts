import { collapseSpaces, foldForSearch } from './text';

/**
 * Other names of a unit that citizens still search by: above all the former
 * names of the offices merged in 2025 ("Thành phố Phủ Lý, tỉnh Hà Nam"),
 * stored one per line (`units.aliases`) beside their folded form
 * (`units.search_aliases`, lib/text.ts foldForSearch).
 */
export const ALIAS_MAX_LENGTH = 200;
export const ALIASES_MAX = 10;

/**
 * The aliases typed in the unit's form, one per line: NFC, spaces collapsed,
 * blank lines, repeats (accent- and case-insensitively) and the unit's own
 * name dropped; order kept.
 */
export function normalizeAliases(text: string, unitName = ''): string[] {
  const own = foldForSearch(unitName);
  const seen = new Set<string>();
  const out: string[] = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    const alias = collapseSpaces(line.normalize('NFC'));
    const folded = foldForSearch(alias);
    if (!folded || folded === own || seen.has(folded)) continue;
    seen.add(folded);
    out.push(alias);
  }
  return out;
}

/** The stored column: one alias per line, or null for none. */
export function joinAliases(aliases: readonly string[]): string | null {
  return aliases.length ? aliases.join('\n') : null;
}

/** The stored column back to a list (null → none). */
export function splitAliases(stored: string | null | undefined): string[] {
  return stored ? stored.split('\n').filter((a) => a.trim() !== '') : [];
}

/** The folded column searched by the database: each alias folded, one per line. */
export function foldAliases(aliases: readonly string[]): string | null {
  return aliases.length ? aliases.map(foldForSearch).join('\n') : null;
}

/**
 * Raw SQL in db/ is written once, with SQLite's parameter syntax — `?` in
 * order, or `@name` from an object — and sent to PostgreSQL as `$1, $2…`.
 * Quoted strings, quoted identifiers and comments are copied unchanged, so a
 * `?` or `@` inside them is never taken for a parameter; `::` casts pass.
 */
export type SqlParams = Readonly<Record<string, unknown>> | readonly unknown[];

export type PositionalSql = { text: string; names: string[] | null; count: number };

/** Rewrites the placeholders once per statement text; `bind` then orders the values. */
export function toPositional(sql: string): PositionalSql {
  const names: string[] = [];
  let positional = 0;
  const text = rewriteOutsideQuotes(sql, (i) => {
    const ch = sql[i];
    if (ch === '?') return { out: `$${++positional}`, next: i + 1 };
    if ((ch === '@' || ch === ':' || ch === '$') && /[A-Za-z_]/.test(sql[i + 1] ?? '') && sql[i - 1] !== ':') {
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(i + 1))![0];
      let index = names.indexOf(name);
      if (index === -1) index = names.push(name) - 1;
      return { out: `$${index + 1}`, next: i + 1 + name.length };
    }
    return null;
  });
  if (positional > 0 && names.length > 0) throw new Error('SQL mixes ? and named parameters');
  return { text, names: names.length ? names : null, count: names.length || positional };
}

/** The values in `$n` order for a statement rewritten by `toPositional`. */
export function bindValues(statement: PositionalSql, params: SqlParams | undefined): unknown[] {
  if (!params) return [];
  if (Array.isArray(params)) return params;
  if (!statement.names) return [];
  const named = params as Record<string, unknown>;
  return statement.names.map((name) => {
    if (!(name in named)) throw new Error(`Missing named parameter "${name}"`);
    return named[name];
  });
}

/**
 * The statement with each `$n` replaced by `literal(values[n - 1])`: for the
 * simple query protocol, where several statements travel in one message but
 * none takes parameters. Strings, quoted names and comments are copied as
 * they are. `literal` must quote safely (the driver's escapeLiteral).
 */
export function inlineValues(statement: PositionalSql, values: readonly unknown[], literal: (value: unknown) => string): string {
  const sql = statement.text;
  return rewriteOutsideQuotes(sql, (i) => {
    if (sql[i] !== '$' || !/[0-9]/.test(sql[i + 1] ?? '')) return null;
    const digits = /^[0-9]+/.exec(sql.slice(i + 1))![0];
    const n = Number(digits);
    if (n < 1 || n > values.length) throw new Error(`No value for $${n}`);
    return { out: literal(values[n - 1]), next: i + 1 + digits.length };
  });
}

/**
 * Copies `sql`, offering each position outside strings, quoted names and
 * `--` comments to `replace`, which may put something else there (a
 * placeholder's replacement) and say where to go on.
 */
function rewriteOutsideQuotes(sql: string, replace: (i: number) => { out: string; next: number } | null): string {
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i];
    if (ch === "'" || ch === '"') {
      const end = closingQuote(sql, i, ch);
      out += sql.slice(i, end);
      i = end;
    } else if (ch === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      const stop = end === -1 ? sql.length : end;
      out += sql.slice(i, stop);
      i = stop;
    } else {
      const replaced = replace(i);
      if (replaced) {
        out += replaced.out;
        i = replaced.next;
      } else {
        out += ch;
        i++;
      }
    }
  }
  return out;
}

function closingQuote(sql: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else i++;
  }
  return sql.length;
}

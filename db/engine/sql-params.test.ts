import { describe, expect, it } from 'vitest';
import { bindValues, inlineValues, toPositional } from './sql-params';

describe('toPositional', () => {
  it('numbers ? in order', () => {
    const s = toPositional('select * from t where a = ? and b > ?');
    expect(s.text).toBe('select * from t where a = $1 and b > $2');
    expect(bindValues(s, [1, 2])).toEqual([1, 2]);
  });

  it('gives a repeated name one number, and binds by name', () => {
    const s = toPositional('select @a as x, @b as y where z = @a');
    expect(s.text).toBe('select $1 as x, $2 as y where z = $1');
    expect(bindValues(s, { b: 'B', a: 'A', unused: 3 })).toEqual(['A', 'B']);
  });

  it('leaves strings, quoted names, comments and casts alone', () => {
    const s = toPositional(`select '?@x' as "a?b", x::text, 'it''s ?' -- what? @y\n from t where c = :c`);
    expect(s.text).toBe(`select '?@x' as "a?b", x::text, 'it''s ?' -- what? @y\n from t where c = $1`);
    expect(s.names).toEqual(['c']);
  });

  it('refuses a missing name instead of sending null', () => {
    expect(() => bindValues(toPositional('select @a'), {})).toThrow(/Missing named parameter "a"/);
  });

  it('refuses mixed styles', () => {
    expect(() => toPositional('select ?, @a')).toThrow(/mixes/);
  });
});

describe('inlineValues', () => {
  const literal = (v: unknown) => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`);

  it('puts each value where its $n stands, a repeated name each time', () => {
    const s = toPositional('update t set a = @a, b = @b where c = @a');
    expect(inlineValues(s, bindValues(s, { a: 1, b: "it's" }), literal)).toBe("update t set a = 1, b = 'it''s' where c = 1");
  });

  it('leaves $ in strings and comments, and numbers past $9, alone', () => {
    const sql = toPositional(`select '$1', ${Array.from({ length: 11 }, () => '?').join(', ')} -- $2\n`);
    expect(inlineValues(sql, Array.from({ length: 11 }, (_, i) => i + 1), literal)).toBe(`select '$1', 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 -- $2\n`);
  });

  it('refuses a statement with more placeholders than values', () => {
    expect(() => inlineValues(toPositional('select ?, ?'), [1], literal)).toThrow(/No value for \$2/);
  });
});

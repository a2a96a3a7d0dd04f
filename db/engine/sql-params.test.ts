import { describe, expect, it } from 'vitest';
import { bindValues, toPositional } from './sql-params';

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

import { describe, expect, it } from 'vitest';
import { decodeUrlEncoded } from './form-encoding';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('decodeUrlEncoded', () => {
  it('decodes a form with Vietnamese text and repeated names', () => {
    const r = decodeUrlEncoded(bytes('q1=5&q10=waiting&q10=trips&comment=Ch%E1%BB%9D+l%C3%A2u'));
    expect(r.ok && Object.fromEntries(r.fields)).toEqual({ q1: ['5'], q10: ['waiting', 'trips'], comment: ['Chờ lâu'] });
  });

  it.each([
    ['a percent-encoded invalid byte', bytes('comment=%FF%FE')],
    ['a truncated sequence', bytes('comment=%E1%BB')],
    ['raw invalid bytes', new Uint8Array([0x63, 0x3d, 0xc3, 0x28])],
    ['an encoded lone surrogate', bytes('comment=%ED%A0%80')],
    ['a NUL byte', bytes('comment=a%00b')],
    ['a replacement character', bytes('comment=%EF%BF%BD')],
  ])('refuses %s', (_name, body) => {
    expect(decodeUrlEncoded(body)).toEqual({ ok: false, error: 'bad_encoding' });
  });

  it('refuses absurd numbers of fields', () => {
    expect(decodeUrlEncoded(bytes(Array.from({ length: 65 }, (_, i) => `f${i}=1`).join('&')))).toEqual({ ok: false, error: 'invalid_form' });
  });

  it('accepts an empty body as no fields', () => {
    expect(decodeUrlEncoded(new Uint8Array())).toEqual({ ok: true, fields: new Map() });
  });
});

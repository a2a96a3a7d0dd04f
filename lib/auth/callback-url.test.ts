import { describe, expect, it } from 'vitest';
import { STAFF_HOME, safeCallbackPath } from './callback-url';

const BASE = 'https://hailong.example.gov.vn';

describe('safeCallbackPath', () => {
  it.each([
    // Kept: paths on this site.
    ['/tong-quan', '/tong-quan'],
    ['/tong-quan?x=1#y', '/tong-quan?x=1#y'],
    ['/danh-gia/3/ket-qua?don-vi=5', '/danh-gia/3/ket-qua?don-vi=5'],
    ['/quan-tri/nguoi-dung', '/quan-tri/nguoi-dung'],
    // A same-origin absolute URL becomes its path.
    ['https://hailong.example.gov.vn/thong-ke?nam=2026', '/thong-ke?nam=2026'],
    ['HTTPS://HAILONG.EXAMPLE.GOV.VN/thong-ke', '/thong-ke'],
    // Refused: anything that a browser could read as another host or scheme.
    ['/\\evil.example/phish', STAFF_HOME],
    ['/%5Cevil.example/phish', STAFF_HOME],
    ['/%5cevil.example/phish', STAFF_HOME],
    ['/%09/evil.example', STAFF_HOME],
    ['/\t/evil.example', STAFF_HOME],
    ['%2F%2Fevil.example', STAFF_HOME],
    ['/%2F%2Fevil.example', STAFF_HOME],
    ['/%2f/evil.example', STAFF_HOME],
    ['//evil.example', STAFF_HOME],
    ['///evil.example', STAFF_HOME],
    ['/./evil.example', '/evil.example'],
    ['/.//evil.example', STAFF_HOME],
    ['https://evil.example/phish', STAFF_HOME],
    ['HTTPS://evil.example/phish', STAFF_HOME],
    ['http://hailong.example.gov.vn/tong-quan', STAFF_HOME],
    ['https://hailong.example.gov.vn.evil.example/', STAFF_HOME],
    ['https://hailong.example.gov.vn@evil.example/', STAFF_HOME],
    ['https://user:pw@hailong.example.gov.vn/', STAFF_HOME],
    ['http:evil.example', STAFF_HOME],
    ['https:evil.example', STAFF_HOME],
    ['javascript:alert(1)', STAFF_HOME],
    ['JavaScript:alert(1)//', STAFF_HOME],
    ['data:text/html,<script>alert(1)</script>', STAFF_HOME],
    ['/tong-quan\r\nSet-Cookie: x=1', STAFF_HOME],
    ['/%0d%0aSet-Cookie:x=1', STAFF_HOME],
    ['/\n/evil.example', STAFF_HOME],
    ['tong-quan', STAFF_HOME],
    ['', STAFF_HOME],
    [undefined, STAFF_HOME],
    [['/a', '/b'], STAFF_HOME],
    ['/%E0%A4%A', STAFF_HOME],
  ])('%j → %s', (raw, want) => expect(safeCallbackPath(raw, BASE)).toBe(want));

  it('compares with the base URL of this installation, port included', () => {
    expect(safeCallbackPath('http://localhost:3101/tong-quan', 'http://localhost:3101')).toBe('/tong-quan');
    expect(safeCallbackPath('http://localhost:3102/tong-quan', 'http://localhost:3101')).toBe(STAFF_HOME);
  });
});

import { describe, expect, it } from 'vitest';
import { isSameOriginPost, type OriginSeen } from './origin';

const BASE = 'https://hailong.example.gov.vn';
const HOST = 'hailong.example.gov.vn';

describe('isSameOriginPost', () => {
  it.each<[string, Partial<OriginSeen>, boolean]>([
    ['our Origin, same-origin', { origin: BASE, secFetchSite: 'same-origin' }, true],
    ['our Origin, no Sec-Fetch-Site (older browsers)', { origin: BASE }, true],
    ['neither header (old phones)', {}, true],
    ['no Origin, same-origin', { secFetchSite: 'same-origin' }, true],
    ['no Origin, none (typed, bookmark)', { secFetchSite: 'none' }, true],
    ['the origin the browser addressed (Host), when PUBLIC_BASE_URL differs', { origin: 'http://10.0.0.5:3000', host: '10.0.0.5:3000' }, true],
    ['another site', { origin: 'https://evil.example', secFetchSite: 'cross-site' }, false],
    ['another site, Origin only', { origin: 'https://evil.example' }, false],
    ['cross-site without Origin', { secFetchSite: 'cross-site' }, false],
    ['cross-site even with our Origin (a lie no browser tells)', { origin: BASE, secFetchSite: 'cross-site' }, false],
    ['same-site sibling host', { origin: 'https://other.example.gov.vn', secFetchSite: 'same-site' }, false],
    ['same-site without Origin', { secFetchSite: 'same-site' }, false],
    ['Origin null (sandboxed frame, data: page)', { origin: 'null', secFetchSite: 'cross-site' }, false],
    ['Origin null alone', { origin: 'null' }, false],
    ['our host on another port', { origin: 'https://hailong.example.gov.vn:8443' }, false],
    ['http downgrade of our origin without matching Host', { origin: 'http://hailong.example.gov.vn', host: 'internal:3000' }, false],
    ['not a URL', { origin: 'hailong.example.gov.vn' }, false],
    ['an unknown Sec-Fetch-Site value with our Origin', { origin: BASE, secFetchSite: 'weird' }, true],
  ])('%s → %s', (_, seen, want) => {
    expect(isSameOriginPost({ origin: null, secFetchSite: null, host: HOST, ...seen }, BASE)).toBe(want);
  });
});

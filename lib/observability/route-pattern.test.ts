import { describe, expect, it } from 'vitest';
import { compileRoutes, OTHER_ROUTE, routeOf } from './route-pattern';

// The shape of .next/routes-manifest.json (a few of this app's routes).
const table = compileRoutes({
  staticRoutes: [
    { page: '/', regex: '^/(?:/)?$' },
    { page: '/api/health', regex: '^/api/health(?:/)?$' },
    { page: '/tong-quan', regex: '^/tong\\-quan(?:/)?$' },
  ],
  dynamicRoutes: [
    { page: '/s/[code]', regex: '^/s/([^/]+?)(?:/)?$' },
    { page: '/s/[code]/cam-on', regex: '^/s/([^/]+?)/cam\\-on(?:/)?$' },
    { page: '/danh-gia/[periodId]/don-vi/[unitId]', regex: '^/danh\\-gia/([^/]+?)/don\\-vi/([^/]+?)(?:/)?$' },
    { page: '/[...path]', regex: '^/(.+?)(?:/)?$' },
  ],
  rewrites: { beforeFiles: [], afterFiles: [{ source: '/s/:code/gui' }], fallback: [] },
}, ['/sw.js', '/icons/kiosk-192.png']);

describe('routeOf', () => {
  it.each([
    ['the home page', '/', '/'],
    ['a static page', '/tong-quan', '/tong-quan'],
    ['a static page with a query string', '/tong-quan?ky=thang', '/tong-quan'],
    ['a trailing slash', '/tong-quan/', '/tong-quan'],
    ['a survey', '/s/TTHC22', '/s/[code]'],
    ["the survey's post (a rewrite)", '/s/TTHC22/gui', '/s/[code]/gui'],
    ['the thank-you page', '/s/TTHC22/cam-on?ma=ABC', '/s/[code]/cam-on'],
    ['two parameters', '/danh-gia/3/don-vi/17', '/danh-gia/[periodId]/don-vi/[unitId]'],
    ["the App Router's RSC fetch", '/tong-quan.rsc', '/tong-quan'],
    ['a prefetch', '/tong-quan.prefetch.rsc', '/tong-quan'],
    ['a segment prefetch', '/tong-quan.segments/_tree.segment.rsc', '/tong-quan'],
    ['static files', '/_next/static/chunks/abc123.js', '/_next/static'],
    ['images', '/_next/image?url=x', '/_next/image'],
    ['a file of public/', '/sw.js', '/sw.js'],
    ['a nested file of public/', '/icons/kiosk-192.png', '/icons/kiosk-192.png'],
    ['an unknown address falls to the catch-all page', '/wp-login.php', '/[...path]'],
    ['not a path', 'http://evil/', OTHER_ROUTE],
  ])('%s', (_name, path, want) => expect(routeOf(path, table)).toBe(want));

  it('nothing matches: other (a build without a catch-all)', () => {
    expect(routeOf('/khong-co', compileRoutes({ staticRoutes: [{ page: '/', regex: '^/$' }] }))).toBe(OTHER_ROUTE);
  });

  it('percent-encoded paths match the decoded table', () => {
    const t = compileRoutes({ staticRoutes: [{ page: '/tra-cứu', regex: '' }] });
    expect(routeOf('/tra-c%E1%BB%A9u', t)).toBe('/tra-cứu');
  });
});

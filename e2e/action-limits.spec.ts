import fs from 'node:fs';
import { expect, test } from './fixtures';

/**
 * Server actions with an oversized or absurdly nested body (proxy.ts,
 * lib/request-limits.ts): Next alone answered both with a 500 and a stack in
 * the log. The id of a real action comes from the build's manifest, as an
 * attacker would read it from the page's JavaScript.
 */
function actionId(name: string): string {
  const manifest = JSON.parse(fs.readFileSync('.next/server/server-reference-manifest.json', 'utf8')) as { node: Record<string, { exportedName?: string }> };
  const found = Object.entries(manifest.node).find(([, v]) => v.exportedName === name);
  if (!found) throw new Error(`no server action ${name} in the build`);
  return found[0];
}

const post = (request: import('@playwright/test').APIRequestContext, data: string, headers: Record<string, string> = {}) =>
  request.post('/tai-khoan/mat-khau', {
    headers: { 'next-action': actionId('changePassword'), 'content-type': 'text/plain;charset=UTF-8', accept: 'text/x-component', ...headers },
    data,
  });

test.describe('server action limits', () => {
  test('a body over 1 MB answers 413 with a Vietnamese message', async ({ request }) => {
    const res = await post(request, JSON.stringify(['x'.repeat(1_100_000)]));
    expect(res.status()).toBe(413);
    expect(await res.text()).toBe('Dữ liệu gửi lên quá lớn (tối đa 1 MB). Vui lòng rút gọn nội dung rồi gửi lại.');
  });

  test('arguments nested thousands deep answer 400 with a Vietnamese message', async ({ request }) => {
    const res = await post(request, '['.repeat(100_000) + ']'.repeat(100_000));
    expect(res.status()).toBe(400);
    expect(await res.text()).toBe('Dữ liệu gửi lên có cấu trúc không hợp lệ.');
  });

  test('a deeply nested argument in a multipart action answers 400', async ({ request }) => {
    const res = await request.post('/tai-khoan/mat-khau', {
      headers: { 'next-action': actionId('changePassword'), accept: 'text/x-component' },
      multipart: { '0': '['.repeat(5000) + ']'.repeat(5000) },
    });
    expect(res.status()).toBe(400);
  });

  test('an empty action body answers 400 instead of a 500', async ({ request }) => {
    const res = await post(request, '');
    expect(res.status()).toBe(400);
    expect(await res.text()).toBe('Dữ liệu gửi lên có cấu trúc không hợp lệ.');
  });

  test('an ordinary action call still reaches the action', async ({ request }) => {
    const res = await post(request, JSON.stringify([{ status: 'idle' }, {}]));
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('text/x-component');
  });
});

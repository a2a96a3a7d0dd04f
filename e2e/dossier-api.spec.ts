import { createHash } from 'node:crypto';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { ACCOUNTS, CODES, expect, expectNoSeriousA11yViolations, Q1, Q2, signInAs, test } from './fixtures';
import { dossierSystem, insertKey, isServersToken, newDossierCode, vnTime } from './dossier-helpers';

/**
 * The integration API (issue 17 point 1, docs/api/openapi.yaml): an
 * administrator makes a key on /quan-tri/tich-hop; a "dossier system" (a bare
 * request context) registers dossiers, decodes the receipt QR, reads them
 * back; what was stored is checked in the server's own database.
 */

const HOA_LU_OFFICE = 'Trung tâm Phục vụ hành chính công phường Hoa Lư';

const dossier = (code: string, over: Record<string, unknown> = {}) => ({
  code,
  officeCode: CODES.counter,
  procedure: 'Đăng ký khai sinh',
  receivedAt: vnTime(-120),
  dueAt: vnTime(3 * 24 * 60),
  returnedAt: null,
  ...over,
});

test.describe('dossier API', () => {
  test('an administrator makes a key; the dossier system registers a dossier, decodes its QR, reads it back with its rating; revoking the key ends it', async ({ page, baseURL, db, survey }) => {
    test.setTimeout(90_000);
    await signInAs(page, ACCOUNTS.admin);
    await page.goto('/quan-tri/tich-hop');
    await expect(page.getByRole('heading', { level: 1, name: 'Tích hợp hệ thống hồ sơ' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    const name = `Một cửa điện tử tỉnh ${Date.now()}`;
    const form = page.getByRole('region', { name: 'Tạo khóa API mới' });
    await form.getByLabel('Đơn vị của khóa').selectOption({ label: 'Tỉnh Ninh Bình' });
    await form.getByLabel('Tên khóa').fill(name);
    await form.getByRole('button', { name: 'Tạo khóa API' }).click();
    const shown = page.getByRole('region', { name: `Khóa API “${name}”` });
    await expect(shown).toContainText('Khóa chỉ hiển thị một lần');
    const key = (await shown.getByTestId('integration-key').textContent())!.trim();
    expect(key).toMatch(/^hl_[a-z2-9]{8}_[A-Za-z0-9_-]{43}$/);
    await expectNoSeriousA11yViolations(page);
    // Only the key's hash is kept.
    const row = (await db.sql.get<{ id: number; keyHash: string; keyPrefix: string }>('select id, key_hash as "keyHash", key_prefix as "keyPrefix" from integrations where name = ?', [name]))!;
    expect(row.keyHash).toBe(createHash('sha256').update(key).digest('hex'));
    expect(key).toContain(row.keyPrefix);

    const api = await dossierSystem(baseURL!, key);
    const code = newDossierCode();
    const created = await api.post('/api/v1/dossiers', { data: dossier(code) });
    expect(created.status()).toBe(201);
    expect(created.headers()['location']).toBe(`/api/v1/dossiers/${code}`);
    const body = await created.json();
    const counter = (await db.counterByCode(CODES.counter))!;
    expect(body).toMatchObject({ code, officeCode: CODES.centre, counterName: counter.name, procedure: 'Đăng ký khai sinh', returnedAt: null, rating: null });
    expect(body.link).toMatch(new RegExp(`^${baseURL}/h/[A-Za-z0-9_-]{27}$`));
    const token = (body.link as string).split('/h/')[1]!;
    expect(isServersToken(token)).toBe(true);
    expect(await db.sql.value('select code from dossiers where token = ?', [token])).toBe(code);
    // A token edited by hand is refused before any lookup, and names no dossier.
    const edited = `${token.slice(0, 5)}${token[5] === 'A' ? 'B' : 'A'}${token.slice(6)}`;
    expect(isServersToken(edited)).toBe(false);
    expect(await db.sql.value('select count(*) from dossiers where token = ?', [edited])).toBe(0);

    // The receipt's QR, as the dossier system prints it and a phone reads it.
    const png = await api.get(body.qr.png);
    expect(png.headers()['content-type']).toBe('image/png');
    const image = PNG.sync.read(await png.body());
    expect([image.width, image.height]).toEqual([240, 240]);
    expect(jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data).toBe(body.link);
    const svg = await api.get(body.qr.svg);
    expect(svg.headers()['content-type']).toBe('image/svg+xml; charset=utf-8');
    expect(await svg.text()).toContain('width="25mm" height="25mm"');

    // Unrated so far.
    expect((await (await api.get(`/api/v1/dossiers/${code}`)).json()).rating).toBeNull();
    // The citizen rates through the link, as a phone that read the receipt's QR would.
    await page.goto(body.link);
    await expect(page.getByRole('region', { name: 'Hồ sơ Ông/Bà đang đánh giá' })).toContainText(code);
    await survey.rate(Q1, 'Rất hài lòng');
    await survey.rate(Q2, 'Hài lòng');
    await survey.submit();
    await expect(page.getByRole('status')).toContainText('Trân trọng cảm ơn Ông/Bà!');

    const read = await api.get(`/api/v1/dossiers/${code.toLowerCase()}`);
    expect(read.status()).toBe(200);
    const readBody = await read.json();
    expect(readBody.link).toBe(body.link);
    expect(readBody.rating).toMatchObject({ scores: [{ questionKey: 'q1', score: 5 }, { questionKey: 'q2', score: 4 }] });

    // Every call with the key is in the audit log with the key as actor.
    const audited = await db.sql.all<{ action: string; actorId: number | null }>('select action, actor_id as "actorId" from audit_log where integration_id = ? order by id', [row.id]);
    expect(audited.map((a) => a.action)).toEqual(['api.dossier.register', 'api.dossier.qr', 'api.dossier.qr', 'api.dossier.read', 'api.dossier.read']);
    expect(audited.every((a) => a.actorId === null)).toBe(true);

    // The list says when the key was last used; revoking it takes effect at the next call.
    await page.goto('/quan-tri/tich-hop');
    const listed = page.getByRole('row', { name: new RegExp(name) });
    await expect(listed).not.toContainText('Chưa dùng');
    await listed.getByRole('button', { name: `Thu hồi khóa ${name}…` }).click();
    await listed.getByRole('button', { name: 'Xác nhận thu hồi' }).click();
    // The row is drawn again, revoked: its time instead of the button.
    await expect(listed).toContainText('Đã thu hồi lúc');
    await expect(listed.getByRole('button')).toHaveCount(0);
    const refused = await api.get(`/api/v1/dossiers/${code}`);
    expect(refused.status()).toBe(401);
    expect(refused.headers()['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(refused.headers()['www-authenticate']).toMatch(/^Bearer/);
    expect(await refused.json()).toMatchObject({ status: 401, code: 'unauthenticated', title: 'Thiếu khóa API hoặc khóa không hợp lệ' });
    await api.dispose();
  });

  test('registering a code again updates its times and keeps its link', async ({ baseURL, db }) => {
    const { key } = await insertKey((await db.unitByCode(CODES.centre))!.id);
    const api = await dossierSystem(baseURL!, key);
    const code = newDossierCode();
    const first = await api.post('/api/v1/dossiers', { data: dossier(code) });
    expect(first.status()).toBe(201);
    const returnedAt = vnTime(-5);
    const again = await api.post('/api/v1/dossiers', { data: dossier(code.toLowerCase(), { officeCode: CODES.centre, procedure: 'Đăng ký khai sinh (bổ sung)', returnedAt }) });
    expect(again.status()).toBe(200);
    const [a, b] = [await first.json(), await again.json()];
    expect(b.link).toBe(a.link);
    expect(b).toMatchObject({ code, counterName: null, procedure: 'Đăng ký khai sinh (bổ sung)', returnedAt: new Date(returnedAt).toISOString() });
    expect(await db.sql.value('select count(*) from dossiers where code = ?', [code])).toBe(1);
    await api.dispose();
  });

  test('a key reaches only its own subtree: an office outside it is unknown, a code held outside it is a conflict, nothing changes', async ({ baseURL, db }) => {
    const province = await db.unitIdByName('Tỉnh Ninh Bình');
    const hoaLu = await db.unitIdByName(HOA_LU_OFFICE);
    const ward = (await db.sql.value<number>('select parent_id from units where id = ?', [hoaLu]))!;
    const hoaLuCode = await db.firstCodeUnder(hoaLu);
    const provinceApi = await dossierSystem(baseURL!, (await insertKey(province)).key);
    const wardApi = await dossierSystem(baseURL!, (await insertKey(ward)).key);

    const code = newDossierCode();
    expect((await provinceApi.post('/api/v1/dossiers', { data: dossier(code) })).status()).toBe(201);
    const notHis = await wardApi.get(`/api/v1/dossiers/${code}`);
    expect(notHis.status()).toBe(404);
    expect(await notHis.json()).toMatchObject({ code: 'not_found' });
    for (const format of ['svg', 'png']) expect((await wardApi.get(`/api/v1/dossiers/${code}/qr.${format}`)).status()).toBe(404);

    const taken = await wardApi.post('/api/v1/dossiers', { data: dossier(code, { officeCode: hoaLuCode, procedure: 'Chứng thực' }) });
    expect(taken.status()).toBe(409);
    expect(await taken.json()).toMatchObject({ code: 'code_elsewhere', errors: [{ pointer: '/code' }] });
    const moved = await provinceApi.post('/api/v1/dossiers', { data: dossier(code, { officeCode: hoaLuCode }) });
    expect(moved.status()).toBe(409);
    expect(await moved.json()).toMatchObject({ code: 'other_office' });

    const fresh = newDossierCode();
    const outside = await wardApi.post('/api/v1/dossiers', { data: dossier(fresh, { officeCode: CODES.centre }) });
    const unknown = await wardApi.post('/api/v1/dossiers', { data: dossier(fresh, { officeCode: 'ZZZZ99' }) });
    for (const res of [outside, unknown]) {
      expect(res.status()).toBe(422);
      expect(await res.json()).toMatchObject({ code: 'unknown_office', errors: [{ pointer: '/officeCode' }] });
    }
    expect(await db.sql.all('select procedure, unit_id as "unitId" from dossiers where code in (?, ?)', [code, fresh])).toEqual([
      { procedure: 'Đăng ký khai sinh', unitId: (await db.unitByCode(CODES.centre))!.id },
    ]);
    await Promise.all([provinceApi.dispose(), wardApi.dispose()]);
  });

  test('bad input is refused with problem details in Vietnamese, and nothing is stored', async ({ baseURL, db }) => {
    const { key } = await insertKey((await db.unitByCode(CODES.centre))!.id);
    const api = await dossierSystem(baseURL!, key);
    const code = newDossierCode();
    const cases: [Record<string, unknown>, string, string[]][] = [
      [dossier(code, { dueAt: vnTime(-600) }), 'invalid_dossier', ['/dueAt']],
      [dossier(code, { returnedAt: vnTime(-600) }), 'invalid_dossier', ['/returnedAt']],
      [dossier(`${code}-${'9'.repeat(40)}`), 'invalid_dossier', ['/code']],
      [dossier(code, { receivedAt: '05/12/2026' }), 'invalid_dossier', ['/receivedAt']],
      [dossier(code, { receivedAt: vnTime(24 * 60) }), 'invalid_dossier', ['/receivedAt']],
      [dossier('mã có dấu', { officeCode: 'x' }), 'invalid_dossier', ['/code', '/officeCode']],
      [{ code }, 'invalid_dossier', ['/officeCode', '/receivedAt']],
    ];
    for (const [data, problem, pointers] of cases) {
      const res = await api.post('/api/v1/dossiers', { data });
      expect(res.status(), JSON.stringify(data)).toBe(422);
      expect(res.headers()['content-type']).toBe('application/problem+json; charset=utf-8');
      const body = await res.json();
      expect(body).toMatchObject({ type: `urn:hai-long:problem:${problem}`, status: 422, code: problem, title: 'Hồ sơ không hợp lệ' });
      expect(body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(pointers);
      expect(body.detail).toMatch(/[ạảãáàâấầẩẫậăắằẳẵặđêếềểễệôốồổỗộơớờởỡợưứừửữự]/);
    }
    const tooLong = await api.post('/api/v1/dossiers', { data: dossier(`${code}-${'9'.repeat(40)}`) });
    expect((await tooLong.json()).detail).toMatch(/quá 64 ký tự/);

    const notJson = await api.post('/api/v1/dossiers', { headers: { 'Content-Type': 'text/plain' }, data: 'code=1' });
    expect([notJson.status(), (await notJson.json()).code]).toEqual([415, 'unsupported_media_type']);
    const broken = await api.post('/api/v1/dossiers', { headers: { 'Content-Type': 'application/json' }, data: Buffer.from('{"code": ') });
    expect([broken.status(), (await broken.json()).code]).toEqual([400, 'malformed_json']);
    const huge = await api.post('/api/v1/dossiers', { data: dossier(code, { procedure: 'x'.repeat(20_000) }) });
    expect([huge.status(), (await huge.json()).code]).toEqual([413, 'payload_too_large']);

    const anonymous = await dossierSystem(baseURL!, null);
    const forged = await dossierSystem(baseURL!, `${key.slice(0, -3)}abc`);
    for (const other of [anonymous, forged]) {
      const res = await other.post('/api/v1/dossiers', { data: dossier(code) });
      expect(res.status()).toBe(401);
      expect(await res.json()).toMatchObject({ code: 'unauthenticated' });
    }
    expect(await db.sql.value('select count(*) from dossiers where code like ?', [`${code}%`])).toBe(0);
    await Promise.all([api.dispose(), anonymous.dispose(), forged.dispose()]);
  });

  test('a key over its rate limit gets 429 with Retry-After, counted in the database', async ({ baseURL, db }) => {
    const { key } = await insertKey((await db.unitByCode(CODES.centre))!.id);
    const api = await dossierSystem(baseURL!, key);
    // The e2e servers allow 5 calls a second per key (playwright.config.ts), in bursts of 10 seconds' worth: 50 at once,
    // then one more every 0.2 s while the burst lasts.
    const started = Date.now();
    const answers = await Promise.all(Array.from({ length: 80 }, () => api.get('/api/v1/dossiers/KHONG-CO-HO-SO-NAY')));
    const elapsedS = (Date.now() - started) / 1000;
    const statuses = answers.map((r) => r.status());
    const passed = statuses.filter((s) => s === 404).length;
    expect(passed).toBeGreaterThanOrEqual(50);
    expect(passed).toBeLessThanOrEqual(50 + Math.ceil(5 * elapsedS));
    const limited = answers.filter((r) => r.status() === 429);
    expect(limited.length).toBe(80 - passed);
    const retryAfter = Number(limited[0]!.headers()['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(10);
    expect(await limited[0]!.json()).toMatchObject({ status: 429, code: 'rate_limited', detail: expect.stringMatching(/tối đa 5 lần mỗi giây \(50 lần liền một lúc\)/) });
    await api.dispose();
  });
});

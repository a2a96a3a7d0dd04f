import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { ACCOUNTS, CODES, expect, expectNoSeriousA11yViolations, signInAs, test } from './fixtures';

/** Officials as data (issue 14, docs/decisions/023): the office head's pages /can-bo, /can-bo/moi, /can-bo/<id>. */

async function addOfficialThroughTheForm(page: import('@playwright/test').Page, fullName: string, position: string) {
  await page.goto('/can-bo/moi');
  await page.getByLabel('Họ và tên').fill(fullName);
  await page.getByLabel('Chức danh (không bắt buộc)').fill(position);
  await page.getByRole('button', { name: 'Thêm cán bộ' }).click();
  await expect(page.getByRole('heading', { level: 1, name: fullName })).toBeVisible();
  return Number(/\/can-bo\/(\d+)/.exec(page.url())![1]);
}

test('the office head adds an official, refuses bad input, edits and stores nothing wrong', async ({ page, db }) => {
  await signInAs(page, ACCOUNTS.headCentre);
  await page.goto('/tong-quan');
  await page.getByRole('navigation', { name: 'Chức năng' }).getByRole('link', { name: 'Cán bộ', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Cán bộ tiếp dân' })).toBeVisible();
  // The demo officials of the centre, and none of another office.
  await expect(page.getByRole('link', { name: 'Nguyễn Thị Hoa', exact: true })).toBeVisible();
  await expect(page.getByText('Ngô Thị Mai')).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);

  const before = (await db.sql.value<number>('select count(*) from officials'))!;
  await page.goto('/can-bo/moi');
  await expectNoSeriousA11yViolations(page);
  await page.getByLabel('Họ và tên').fill('   ');
  await page.getByRole('button', { name: 'Thêm cán bộ' }).click();
  await expect(page.getByText('Vui lòng nhập họ và tên cán bộ.')).toBeVisible();
  expect(await db.sql.value<number>('select count(*) from officials')).toBe(before);

  const name = `Trịnh Thị Kiểm ${Date.now() % 100000}`;
  const id = await addOfficialThroughTheForm(page, name, 'cán bộ một cửa');
  await expect(page.getByText('Đã thêm cán bộ')).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // A name too long is refused; the stored name stays.
  await page.getByLabel('Họ và tên').fill('A'.repeat(120));
  await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
  await expect(page.getByText('Họ và tên tối đa 100 ký tự.')).toBeVisible();
  expect(await db.sql.value('select full_name from officials where id = ?', [id])).toBe(name);

  await page.getByLabel('Họ và tên').fill(`${name}  `);
  await page.getByLabel('Chức danh (không bắt buộc)').fill('chuyên viên');
  await page.getByLabel('Đang làm việc tại đơn vị').uncheck();
  await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
  await expect(page.getByText('Đã lưu thông tin cán bộ.')).toBeVisible();
  const row = await db.sql.get<{ position: string; active: unknown }>('select position, active from officials where id = ?', [id]);
  expect(row!.position).toBe('chuyên viên');
  expect(Boolean(row!.active)).toBe(false);

  // Search ignores accents; inactive officials are listed after the active ones.
  await page.goto(`/can-bo?q=${encodeURIComponent('trinh thi kiem')}`);
  await expect(page.getByRole('link', { name, exact: true })).toBeVisible();
  await expect(page.getByText('1 cán bộ khớp bộ lọc.')).toBeVisible();

  // A kiosk PIN: bad input refused, a good one stored only as a hash, never shown again.
  await page.goto(`/can-bo/${id}`);
  await page.getByLabel('Mã PIN', { exact: true }).fill('12a');
  await page.getByRole('button', { name: 'Đặt mã PIN' }).click();
  await expect(page.getByText('Mã PIN gồm 4 đến 6 chữ số.')).toBeVisible();
  expect(await db.sql.value('select pin_hash from officials where id = ?', [id])).toBeNull();
  await page.getByLabel('Mã PIN', { exact: true }).fill('483920');
  await page.getByRole('button', { name: 'Đặt mã PIN' }).click();
  await expect(page.getByText('Đã đặt mã PIN mới.')).toBeVisible();
  const hash = await db.sql.value<string>('select pin_hash from officials where id = ?', [id]);
  expect(hash).toMatch(/^\$argon2id\$/);
  await page.reload();
  await expect(page.getByText('483920')).toHaveCount(0);
  await expect(page.getByText('Cán bộ đã có mã PIN.')).toBeVisible();

  const actions = (await db.auditActions('official', id)).map((a) => a.action);
  expect(actions).toEqual(['official.create', 'official.update', 'official.pin_set']);
  expect(JSON.stringify(await db.auditActions('official', id))).not.toContain('argon2');
});

test('a photo is checked by decoding, size-limited, re-encoded without EXIF and served at its versioned URL', async ({ page, db }) => {
  await signInAs(page, ACCOUNTS.headCentre);
  const name = `Lê Văn Ảnh ${Date.now() % 100000}`;
  const id = await addOfficialThroughTheForm(page, name, 'chuyên viên');
  const upload = async (file: { name: string; mimeType: string; buffer: Buffer }) => {
    await page.getByLabel('Chọn ảnh').or(page.getByLabel('Ảnh mới')).setInputFiles(file);
    await page.getByRole('button', { name: 'Tải ảnh lên' }).click();
  };

  // Not an image, whatever its name and type say.
  await upload({ name: 'anh-the.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('đây không phải là ảnh') });
  await expect(page.getByRole('alert').filter({ hasText: /không phải là ảnh JPEG, PNG hoặc WebP/ })).toBeVisible();
  // Over the limit.
  await upload({ name: 'lon.jpg', mimeType: 'image/jpeg', buffer: randomBytes(3 * 1024 * 1024 + 200_000) });
  await expect(page.getByRole('alert').filter({ hasText: /Ảnh quá lớn: tối đa 3 MB/ })).toBeVisible();
  expect(await db.sql.value<number>('select count(*) from official_photos where official_id = ?', [id])).toBe(0);

  const photo = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#2a6f97' } })
    .jpeg()
    .withExif({ IFD0: { Make: 'Máy ảnh điện thoại', Copyright: 'GPS 20.25N 105.97E' } })
    .toBuffer();
  await upload({ name: 'chan-dung.jpg', mimeType: 'image/jpeg', buffer: photo });
  await expect(page.getByText('Đã lưu ảnh mới của cán bộ.')).toBeVisible();
  const img = page.getByRole('img', { name: `Ảnh của ${name}` });
  await expect(img).toBeVisible();
  expect(await img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(480);
  await expectNoSeriousA11yViolations(page);

  // Public, with a long immutable cache at the current version; the bytes carry no EXIF.
  const anonymous = await page.context().browser()!.newContext();
  const res = await anonymous.request.get(`/anh-can-bo/${id}?v=1`);
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toBe('image/jpeg');
  expect(res.headers()['cache-control']).toContain('immutable');
  const bytes = await res.body();
  const meta = await sharp(bytes).metadata();
  expect([meta.width, meta.height, meta.exif]).toEqual([480, 360, undefined]);
  expect(bytes.includes(Buffer.from('Exif'))).toBe(false);
  expect((await anonymous.request.get(`/anh-can-bo/${id}?v=0`)).headers()['cache-control']).not.toContain('immutable');

  // Removed: the URL answers 404.
  await page.getByRole('button', { name: 'Xoá ảnh' }).click();
  await expect(page.getByText('Chưa có ảnh.')).toBeVisible();
  expect((await anonymous.request.get(`/anh-can-bo/${id}?v=1`)).status()).toBe(404);
  await anonymous.close();
  expect((await db.auditActions('official', id)).map((a) => a.action)).toEqual(['official.create', 'official.photo_set', 'official.photo_delete']);
});

test('the official gets an account that must change its password and sees only its own page', async ({ page, browser, db }) => {
  await signInAs(page, ACCOUNTS.headCentre);
  const name = `Phan Thị Riêng ${Date.now() % 100000}`;
  const id = await addOfficialThroughTheForm(page, name, 'chuyên viên');
  const username = `canbo.rieng.${Date.now() % 100000}`;
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByRole('button', { name: 'Tạo tài khoản cho cán bộ' }).click();
  const otp = (await page.locator('.otp-value').innerText()).trim();
  expect(otp).toMatch(/^[A-Za-z0-9]{12,}$/);
  const user = await db.sql.get<{ role: string; must: unknown }>('select role, must_change_password as must from users where username = ?', [username]);
  expect(user!.role).toBe('official');
  expect(Boolean(user!.must)).toBe(true);

  const theirs = await browser.newContext();
  const them = await theirs.newPage();
  await them.goto('/login');
  await them.getByLabel('Tên đăng nhập hoặc e-mail').fill(username);
  await them.getByLabel('Mật khẩu').fill(otp);
  await them.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(them).toHaveURL(/\/tai-khoan\/mat-khau/);
  await them.getByLabel('Mật khẩu hiện tại').fill(otp);
  await them.getByLabel('Mật khẩu mới', { exact: true }).fill('mat-khau-cua-can-bo');
  await them.getByLabel('Nhập lại mật khẩu mới').fill('mat-khau-cua-can-bo');
  await them.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  await expect(them.getByText('Đã đổi mật khẩu.')).toBeVisible();
  // Signed in again with the new password: an official's home is their own figures.
  await them.goto('/login');
  await them.getByLabel('Tên đăng nhập hoặc e-mail').fill(username);
  await them.getByLabel('Mật khẩu').fill('mat-khau-cua-can-bo');
  await them.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(them).toHaveURL(/\/ca-nhan/);
  await expect(them.getByText(name).first()).toBeVisible();

  // Unlinked: the account is disabled and its session ends.
  await page.reload();
  await page.getByRole('button', { name: 'Gỡ và vô hiệu hoá tài khoản' }).click();
  await expect(page.getByText('Đã gỡ tài khoản khỏi cán bộ')).toBeVisible();
  await them.goto('/ca-nhan');
  await expect(them).toHaveURL(/\/login/);
  await theirs.close();
  // The official's own view of their figures is audited too.
  expect((await db.auditActions('official', id)).map((a) => a.action)).toEqual(['official.create', 'official.account_link', 'official.figures.view', 'official.account_unlink']);
});

test("the head of another office cannot open the centre's officials, nor upload to them", async ({ page, db }) => {
  const centreOfficial = (await db.sql.value<number>('select o.id from officials o join units u on u.id = o.unit_id where u.code = ? order by o.id', [CODES.centre]))!;
  await signInAs(page, ACCOUNTS.headHoaLu);
  await page.goto('/can-bo');
  await expect(page.getByText('Ngô Thị Mai')).toBeVisible();
  await expect(page.getByText('Nguyễn Thị Hoa')).toHaveCount(0);
  for (const url of [`/can-bo/${centreOfficial}`, `/can-bo/${centreOfficial}/ket-qua`]) {
    const res = await page.goto(url);
    expect(res!.status(), url).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Không tìm thấy trang Ông/Bà cần');
  }
  const photo = await sharp({ create: { width: 50, height: 50, channels: 3, background: '#000' } }).jpeg().toBuffer();
  const res = await page.request.post(`/api/can-bo/${centreOfficial}/anh`, {
    multipart: { anh: { name: 'a.jpg', mimeType: 'image/jpeg', buffer: photo } },
    maxRedirects: 0,
  });
  expect(res.status()).toBe(404);
  expect(await db.sql.value<number>('select photo_version from officials where id = ?', [centreOfficial])).toBe(0);
});

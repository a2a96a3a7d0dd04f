import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { ACCOUNTS, expect, Q1, Q2, signInAs, test } from './fixtures';

test('an administrator renames an office; the audit log shows it and the old poster still opens the survey', async ({ page, request, survey, db }) => {
  const oldName = 'Trung tâm Phục vụ hành chính công phường Tam Điệp';
  const newName = 'Trung tâm Phục vụ hành chính công phường Tam Điệp (cơ sở mới)';
  const unitId = (await db.unitIdByName(oldName));
  const code = (await db.firstCodeUnder(unitId));
  // The QR printed before the rename.
  const before = PNG.sync.read(await (await request.get(`/qr/${code}.png`)).body());
  const printedUrl = jsQR(new Uint8ClampedArray(before.data), before.width, before.height)!.data;

  await signInAs(page, ACCOUNTS.admin);
  await page.goto(`/quan-tri/don-vi/${unitId}`);
  await expect(page.getByRole('heading', { level: 1, name: oldName })).toBeVisible();
  const details = page.locator('form').filter({ has: page.getByRole('button', { name: 'Lưu thông tin' }) });
  await details.getByLabel('Tên đơn vị').fill(newName);
  await details.getByRole('button', { name: 'Lưu thông tin' }).click();
  await expect(page.getByText('Đã lưu thông tin đơn vị.')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: newName })).toBeVisible();

  // The audit log names who did it, and the values before and after.
  expect((await db.auditActions('unit', unitId)).map((a) => a.action)).toContain('unit.rename');
  await page.goto('/quan-tri/nhat-ky');
  const row = page.getByRole('row').filter({ hasText: newName }).first();
  await expect(row).toContainText('Nguyễn Văn Quản');
  await expect(row).toContainText(oldName);

  // The code never changed: the old poster opens the survey under the new name.
  expect((await db.firstCodeUnder(unitId))).toBe(code);
  await page.goto(printedUrl);
  await expect(page.getByText(newName).first()).toBeVisible();
  await survey.rate(Q1, 'Hài lòng');
  await survey.rate(Q2, 'Hài lòng');
  await survey.submit();
  await expect(page.getByRole('heading', { name: 'Trân trọng cảm ơn Ông/Bà!' })).toBeVisible();
});

test('an administrator gets every field error of a bad unit form at once', async ({ page }) => {
  await signInAs(page, ACCOUNTS.admin);
  await page.goto('/quan-tri/don-vi');
  const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Tạo đơn vị' }) });
  await form.getByLabel('Tên đơn vị').fill('   ');
  await form.getByRole('button', { name: 'Tạo đơn vị' }).click();
  await expect(form.getByRole('status')).toContainText('Vui lòng sửa các mục được đánh dấu.');
  // Both errors at once, each tied to its field for screen readers.
  await expect(form.getByLabel('Tên đơn vị')).toHaveAccessibleDescription(/Vui lòng nhập tên đơn vị\./);
  await expect(form.getByLabel('Loại đơn vị')).toHaveAccessibleDescription('Vui lòng chọn loại đơn vị.');
});

test('an office head cannot reach another office by editing the URL', async ({ page, db }) => {
  const centre = (await db.unitByCode('TTHC22'))!;
  await signInAs(page, ACCOUNTS.headHoaLu);
  for (const url of [`/quan-tri/don-vi/${centre.id}`, `/poster/TTHC22`, `/poster/unit/${centre.id}`, `/poster/TTHC23?size=a5`]) {
    const res = await page.goto(url);
    expect(res?.status(), url).toBe(404);
    await expect(page.getByText(centre.name)).toHaveCount(0);
  }
  await page.goto('/ap-phich');
  await expect(page.getByText('Trung tâm Phục vụ hành chính công phường Hoa Lư').first()).toBeVisible();
  await expect(page.getByText(centre.name)).toHaveCount(0);
});

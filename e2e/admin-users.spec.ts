import { ACCOUNTS, expect, signInAs, test } from './fixtures';

test('a new account gets a one-time password, must change it, and a disabled account is signed out at its next request', async ({ page, browser, db }) => {
  const username = `canbo.${Date.now()}`;
  await signInAs(page, ACCOUNTS.admin);
  await page.goto('/quan-tri/nguoi-dung/moi');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Họ và tên').fill('Vũ Thị Giám');
  await page.getByLabel('Vai trò').selectOption({ label: 'Giám sát' });
  await page.getByLabel('Tổ chức giám sát').selectOption({ label: 'Ủy ban MTTQ tỉnh' });
  await page.getByLabel('Đơn vị phạm vi').selectOption({ label: 'Tỉnh Ninh Bình' });
  await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
  const otp = (await page.locator('.otp-value').innerText()).trim();
  expect(otp).toMatch(/^[A-Za-z0-9]{12,}$/);
  expect((await db.auditActions('user', (await db.userIdByUsername(username)))).map((a) => a.action)).toEqual(['user.create']);

  // The new person signs in with it, in their own browser, and must choose a password first.
  const theirs = await browser.newContext();
  const them = await theirs.newPage();
  await them.goto('/login');
  await them.getByLabel('Tên đăng nhập hoặc e-mail').fill(username);
  await them.getByLabel('Mật khẩu').fill(otp);
  await them.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(them).toHaveURL(/\/tai-khoan\/mat-khau/);
  await them.goto('/tong-quan');
  await expect(them).toHaveURL(/\/tai-khoan\/mat-khau/);
  await them.getByLabel('Mật khẩu hiện tại').fill(otp);
  await them.getByLabel('Mật khẩu mới', { exact: true }).fill('mat-khau-rieng-cua-toi');
  await them.getByLabel('Nhập lại mật khẩu mới').fill('mat-khau-rieng-cua-toi');
  await them.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  await expect(them.getByText('Đã đổi mật khẩu.')).toBeVisible();
  await them.goto('/login');
  await them.getByLabel('Tên đăng nhập hoặc e-mail').fill(username);
  await them.getByLabel('Mật khẩu').fill('mat-khau-rieng-cua-toi');
  await them.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(them.getByRole('heading', { level: 1 })).toContainText('Xin chào');

  // The administrator disables the account; the open session ends at its next request.
  await page.goto(`/quan-tri/nguoi-dung/${(await db.userIdByUsername(username))}`);
  await page.getByRole('button', { name: 'Vô hiệu hoá tài khoản' }).click();
  await expect(page.getByRole('button', { name: 'Kích hoạt lại tài khoản' })).toBeVisible();
  await them.goto('/tong-quan');
  await expect(them).toHaveURL(/\/login/);
  await theirs.close();
});

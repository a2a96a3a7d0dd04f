import { ACCOUNTS, DEMO_PASSWORD, expect, test } from './fixtures';

// "Cảnh báo" may carry the count of what waits ("Cảnh báo, 3 mục cần xử lý").
const SEES = ['Tổng quan', 'Thống kê', 'Góp ý', /^Cảnh báo/, 'Đánh giá'];
const NAV: Record<keyof typeof ACCOUNTS, (string | RegExp)[]> = {
  admin: [...SEES, 'Áp phích QR', 'Cán bộ', 'Kiosk', 'Tích hợp', 'Đơn vị', 'Người dùng', 'Tổ chức giám sát', 'Bộ câu hỏi', 'Nhật ký', 'Yêu cầu xoá SĐT', 'Hệ thống'],
  assessor: [...SEES, 'Khen thưởng', 'Giám sát', 'Công bố', 'Áp phích QR', 'Cán bộ'],
  // The demo supervisor is the inspectorate's (integrity reports); the Front's sees no such link (e2e/supervision.spec.ts).
  supervisor: [...SEES, 'Giám sát', 'Phản ánh liêm chính'],
  headCentre: [...SEES, 'Khen thưởng', 'Giám sát', 'Phản ánh liêm chính', 'Lịch trực', 'Áp phích QR', 'Cán bộ', 'Kiosk', 'Hồ sơ', 'Yêu cầu xoá SĐT'],
  headHoaLu: [...SEES, 'Khen thưởng', 'Giám sát', 'Phản ánh liêm chính', 'Lịch trực', 'Áp phích QR', 'Cán bộ', 'Kiosk', 'Hồ sơ', 'Yêu cầu xoá SĐT'],
  adminHoaLu: [...SEES, 'Áp phích QR', 'Cán bộ', 'Kiosk', 'Tích hợp', 'Đơn vị', 'Người dùng', 'Tổ chức giám sát', 'Bộ câu hỏi', 'Nhật ký', 'Yêu cầu xoá SĐT', 'Hệ thống'],
  assessorHoaLu: [...SEES, 'Khen thưởng', 'Giám sát', 'Công bố', 'Áp phích QR', 'Cán bộ'],
};

test.describe('signing in', () => {
  for (const [who, login] of Object.entries(ACCOUNTS) as [keyof typeof ACCOUNTS, string][]) {
    test(`${who} signs in and sees their navigation`, async ({ page }) => {
      await page.goto('/tong-quan');
      await expect(page).toHaveURL(/\/login/);
      await page.getByLabel('Tên đăng nhập hoặc e-mail').fill(login);
      await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toContainText('Xin chào');
      const nav = page.getByRole('navigation', { name: 'Chức năng' });
      await expect(nav.getByRole('link')).toHaveText(NAV[who]);
    });
  }

  test('a wrong password and an unknown account get the same answer', async ({ page }) => {
    await page.goto('/login');
    for (const login of [ACCOUNTS.supervisor, 'khong-co-ai']) {
      await page.getByLabel('Tên đăng nhập hoặc e-mail').fill(login);
      await page.getByLabel('Mật khẩu').fill('sai-mat-khau-roi');
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await expect(page.getByRole('main').getByRole('alert')).toHaveText('Tên đăng nhập hoặc mật khẩu không đúng.');
    }
  });

  test('repeated failures on one account are throttled with a clear message', async ({ page }) => {
    const login = `thu-sai-${Date.now()}`;
    await page.goto('/login');
    for (let i = 0; i < 5; i++) {
      await page.getByLabel('Tên đăng nhập hoặc e-mail').fill(login);
      await page.getByLabel('Mật khẩu').fill(`sai-${i}`);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await expect(page.getByRole('main').getByRole('alert')).toHaveText('Tên đăng nhập hoặc mật khẩu không đúng.');
    }
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect(page.getByRole('main').getByRole('alert')).toContainText('vừa đăng nhập sai nhiều lần. Vui lòng thử lại sau 15 phút');
  });

  test('signing out ends the session', async ({ page }) => {
    await page.goto('/login');
    await page.getByLabel('Tên đăng nhập hoặc e-mail').fill(ACCOUNTS.assessor);
    await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Xin chào');
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto('/tong-quan');
    await expect(page).toHaveURL(/\/login/);
  });

  test('the session cookie is httpOnly, SameSite and expires', async ({ page, context }) => {
    await page.goto('/login');
    await page.getByLabel('Tên đăng nhập hoặc e-mail').fill(ACCOUNTS.supervisor);
    await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Xin chào');
    const cookie = (await context.cookies()).find((c) => c.name.endsWith('next-auth.session-token'))!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    expect(cookie.expires).toBeGreaterThan(Date.now() / 1000);
    expect(cookie.expires).toBeLessThan(Date.now() / 1000 + 24 * 3600);
  });
});

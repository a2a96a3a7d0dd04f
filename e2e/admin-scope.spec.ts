import { queryOne } from './db';
import { ACCOUNTS, CODES, expect, signInAs, test } from './fixtures';

/** The demo accounts scoped below the province, at the Hoa Lư ward (server/demo-accounts.ts). */
const SCOPED = { admin: ACCOUNTS.adminHoaLu, assessor: ACCOUNTS.assessorHoaLu } as const;

/**
 * Administrators scoped below the province (the Hoa Lư ward's own IT staff)
 * are contained: they read only their ward's audit log and cannot change
 * what the province's offices ask, even with a forged form.
 */

const HOA_LU_WARD = 'Phường Hoa Lư';
const HOA_LU_OFFICE = 'Trung tâm Phục vụ hành chính công phường Hoa Lư';

const versionCount = async (setId: number) => (await queryOne<{ n: number }>('select count(*) as n from question_set_versions where question_set_id = ?', [setId])).n;
const defaultSetId = async () => (await queryOne<{ id: number }>('select id from question_sets where is_default = true order by id')).id;
const unitQuestionSet = async (unitId: number) => (await queryOne<{ q: number | null }>('select question_set_id as q from units where id = ?', [unitId])).q;

test('a ward administrator reads only the ward’s audit log: no other office’s entries, no e-mail or login of people outside the ward', async ({ page, db }) => {
  const stamp = Date.now();
  const centre = (await db.unitByCode(CODES.centre))!;
  const hoaLu = (await db.unitIdByName(HOA_LU_OFFICE));
  const outside = { username: `giamsat.tthc.${stamp}`, email: `giamsat.tthc.${stamp}@ninhbinh.gov.vn` };
  const inside = { username: `giamsat.hoalu.${stamp}`, email: `giamsat.hoalu.${stamp}@ninhbinh.gov.vn` };

  // The centre's head signs in (an entry about the centre); the province's administrator creates an account at the centre and one at Hoa Lư.
  await signInAs(page, ACCOUNTS.headCentre);
  await page.context().clearCookies();
  await signInAs(page, ACCOUNTS.admin);
  for (const [account, unitId] of [
    [outside, centre.id],
    [inside, hoaLu],
  ] as const) {
    await page.goto('/quan-tri/nguoi-dung/moi');
    await page.getByLabel('Tên đăng nhập').fill(account.username);
    await page.getByLabel('Họ và tên').fill('Vũ Thị Giám');
    await page.getByLabel('E-mail (không bắt buộc)').fill(account.email);
    await page.getByLabel('Vai trò').selectOption({ label: 'Giám sát' });
    await page.getByLabel('Tổ chức giám sát').selectOption({ label: 'Ủy ban MTTQ tỉnh' });
    await page.getByLabel('Đơn vị phạm vi').selectOption(String(unitId));
    await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await expect(page.locator('.otp-value')).toBeVisible();
  }
  // The province's administrator sees both.
  await page.goto('/quan-tri/nhat-ky?action=user.create');
  await expect(page.getByRole('row').filter({ hasText: outside.email })).toHaveCount(1);
  await expect(page.getByRole('row').filter({ hasText: inside.email })).toHaveCount(1);

  await page.context().clearCookies();
  await signInAs(page, SCOPED.admin);
  for (const url of ['/quan-tri/nhat-ky', '/quan-tri/nhat-ky?action=user.create', '/quan-tri/nhat-ky?action=auth.sign_in']) {
    await page.goto(url);
    await expect(page.getByRole('heading', { level: 1, name: 'Nhật ký thao tác' })).toBeVisible();
    const html = await page.content();
    expect(html, url).not.toContain(outside.username);
    expect(html, url).not.toContain(outside.email);
    expect(html, url).not.toContain('thutruong.tthc');
    expect(html, url).not.toContain('Phạm Thị Hành');
  }
  // The ward's own entry is there, naming the provincial administrator without their login.
  await page.goto('/quan-tri/nhat-ky?action=user.create');
  const row = page.getByRole('row').filter({ hasText: inside.email });
  await expect(row).toContainText('Nguyễn Văn Quản (cấp trên)');
  await expect(row).not.toContainText('(quantri)');
  await expect(page.getByLabel('Người thực hiện').locator('option', { hasText: 'Phạm Thị Hành' })).toHaveCount(0);
});

test('a ward administrator cannot change the province’s question set, even with a forged form, and gives the ward its own copy', async ({ page, db }) => {
  const ward = (await db.unitIdByName(HOA_LU_WARD));
  const office = (await db.unitIdByName(HOA_LU_OFFICE));
  const centre = (await db.unitByCode(CODES.centre))!;
  const provinceSet = await defaultSetId();
  const provinceVersions = await versionCount(provinceSet);
  const ownQuestion = `Cán bộ phường Hoa Lư có lịch sự, tôn trọng Ông/Bà không? (${Date.now()})`;

  await signInAs(page, SCOPED.admin);
  await page.goto('/quan-tri/bo-cau-hoi');
  await expect(page.getByRole('row').filter({ hasText: 'Bộ câu hỏi mặc định' })).toContainText('Tỉnh Ninh Bình (chỉ xem)');
  await page.goto(`/quan-tri/bo-cau-hoi/${provinceSet}`);
  await expect(page.getByRole('heading', { name: 'Chỉ xem' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Lưu thành phiên bản/ })).toHaveCount(0);

  // A copy belongs to the ward, which may change it.
  await page.goto('/quan-tri/bo-cau-hoi');
  const name = `Bộ câu hỏi phường Hoa Lư ${Date.now()}`;
  await page.getByLabel('Sao chép từ bộ').selectOption({ label: 'Bộ câu hỏi mặc định' });
  await page.getByLabel('Tên bộ câu hỏi mới').fill(name);
  await page.getByRole('button', { name: 'Tạo bộ câu hỏi mới' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByText('Thuộc Phường Hoa Lư')).toBeVisible();
  // Which set is the default for the whole province stays the province's business.
  await expect(page.getByRole('button', { name: 'Đặt làm bộ câu hỏi mặc định' })).toHaveCount(0);
  const ownSet = Number(new URL(page.url()).pathname.split('/').pop());

  // The same editor, its hidden set id changed to the province's: refused, nothing written.
  await page
    .getByRole('region', { name: /^Sửa thành phiên bản/ })
    .locator('input[name=questionSetId]')
    .evaluate((el, id) => ((el as HTMLInputElement).value = String(id)), provinceSet);
  await page.getByLabel('Q3 — nội dung tiếng Việt').fill(ownQuestion);
  await page.getByRole('button', { name: 'Lưu thành phiên bản 2' }).click();
  await expect(page.getByText('Bộ câu hỏi này thuộc đơn vị cấp trên nên Ông/Bà chỉ xem được.', { exact: false })).toBeVisible();
  expect(await versionCount(provinceSet)).toBe(provinceVersions);

  await page.goto(`/quan-tri/bo-cau-hoi/${ownSet}`);
  await page.getByLabel('Q3 — nội dung tiếng Việt').fill(ownQuestion);
  await page.getByRole('button', { name: 'Lưu thành phiên bản 2' }).click();
  await expect(page.getByText('Đã lưu phiên bản 2.', { exact: false })).toBeVisible();

  // Assigning it to a unit outside the ward with a forged unit id: refused, nothing changes.
  await page.goto(`/quan-tri/don-vi/${ward}`);
  const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Lưu bộ câu hỏi' }) });
  await form.locator('input[name=unitId]').evaluate((el, id) => ((el as HTMLInputElement).value = String(id)), centre.id);
  await form.getByLabel('Bộ câu hỏi của đơn vị').selectOption(String(ownSet));
  await form.getByRole('button', { name: 'Lưu bộ câu hỏi' }).click();
  await expect(form.getByRole('status')).toContainText('Không tìm thấy mục này');
  expect(await unitQuestionSet(centre.id)).toBeNull();

  // Assigned to the ward: the Hoa Lư office inherits it; the centre keeps the province's set.
  await page.goto(`/quan-tri/don-vi/${ward}`);
  await form.getByLabel('Bộ câu hỏi của đơn vị').selectOption(String(ownSet));
  await form.getByRole('button', { name: 'Lưu bộ câu hỏi' }).click();
  await expect(form.getByRole('status')).toContainText('Đã chọn bộ câu hỏi.');
  try {
    // The survey shows one step at a time; Q3 is in the page, on a later step.
    await page.goto(`/s/${(await db.firstCodeUnder(office))}`);
    await expect(page.getByText(ownQuestion)).toBeAttached();
    await page.goto(`/s/${CODES.centre}`);
    await expect(page.getByRole('group', { name: /thái độ phục vụ của cán bộ/ })).toBeVisible();
    await expect(page.getByText(ownQuestion)).toHaveCount(0);
  } finally {
    // Other tests rate Hoa Lư with the province's set.
    await page.goto(`/quan-tri/don-vi/${ward}`);
    await form.getByLabel('Bộ câu hỏi của đơn vị').selectOption('');
    await form.getByRole('button', { name: 'Lưu bộ câu hỏi' }).click();
    await expect(form.getByRole('status')).toContainText('Đơn vị sẽ dùng bộ câu hỏi của đơn vị cấp trên.');
  }
  expect(await unitQuestionSet(ward)).toBeNull();
});

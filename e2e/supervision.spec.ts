import type { APIRequestContext, Browser, Page } from '@playwright/test';
import { ACCOUNTS, CODES, expect, expectNoSeriousA11yViolations, Q1, Q2, signInAs, SurveyPage, test } from './fixtures';
import { openSql } from './db';

/**
 * Supervision and integrity reports (issue 15, docs/decisions/028), as the
 * people involved see them: a citizen's "yes" on the integrity question on
 * the real survey page becomes a report the office head and the inspectorate
 * read and only the inspectorate concludes; a supervisor's recommendation,
 * the head's answer, and the assessor reading both beside the score sheet.
 */

/** The demo supervisors: the inspectorate's (ACCOUNTS.supervisor) and the Fatherland Front's. */
const INSPECTOR = ACCOUNTS.supervisor;
const FRONT = 'giamsat.mttq';
const CLOSE_REFUSED = 'Chỉ cán bộ giám sát của Thanh tra mới được kết luận và đóng phản ánh liêm chính.';

async function signedInPage(browser: Browser, baseURL: string, login: string): Promise<Page> {
  const page = await (await browser.newContext({ baseURL, locale: 'vi-VN' })).newPage();
  await signInAs(page, login);
  return page;
}

/** A server action's POST, as the browser sent it: replayed with another account's cookies. */
type CapturedAction = { url: string; headers: Record<string, string>; body: Buffer };

async function replay(request: APIRequestContext, action: CapturedAction) {
  const res = await request.post(action.url, { headers: action.headers, data: action.body });
  return { status: res.status(), text: await res.text() };
}

test('a citizen’s “yes” on the integrity question reaches the head and the inspectorate; only the inspectorate concludes it', async ({ page, browser, baseURL, db }) => {
  test.setTimeout(120_000);
  const stamp = Date.now();
  const comment = `Cán bộ quầy đòi thêm tiền “bồi dưỡng” ${stamp}`;
  const phone = `09${String(stamp).slice(-8)}`;

  // The citizen rates the centre's first counter on the real survey page and answers "Có" to Q9.
  const survey = new SurveyPage(page);
  await page.goto(`/s/${CODES.counter}`);
  await survey.rate(Q1, 'Không hài lòng');
  await survey.rate(Q2, 'Không hài lòng');
  await page.getByText('Đánh giá chi tiết hơn (không bắt buộc)').click();
  await page.getByRole('group', { name: /gây phiền hà, sách nhiễu/ }).getByText('Có', { exact: true }).click();
  await page.getByLabel('Ý kiến góp ý khác (không bắt buộc)').fill(comment);
  await page.getByText('Tôi muốn được liên hệ lại').click();
  await page.getByRole('textbox', { name: 'Số điện thoại' }).fill(phone);
  await page.getByRole('checkbox', { name: /Tôi đồng ý/ }).check();
  const clientId = await survey.submissionId();
  await survey.submit();
  await expect(page.getByRole('heading', { name: 'Cảm ơn Ông/Bà đã cho chúng tôi biết' })).toBeVisible();
  const response = (await db.responseByClientId(clientId))!;
  const report = (await db.sql.get<{ id: number; signals: string }>('select id, signals from integrity_reports where response_id = ?', [response.id]))!;
  expect(report.signals).toBe('q9=yes');
  const counter = (await db.counterByCode(CODES.counter))!;
  const card = (p: Page) => p.getByRole('listitem').filter({ has: p.getByRole('heading', { name: new RegExp(`^Phản ánh #${report.id} — `) }) });

  // The centre's head finds it on their home page first: the block counts it, with its counter and how long it has waited.
  const centreName = (await db.unitByCode(CODES.centre))!.name;
  await page.context().clearCookies();
  await signInAs(page, ACCOUNTS.headCentre);
  await page.goto('/tong-quan');
  const homeBlock = (p: Page) => p.getByRole('region', { name: /^Phản ánh liêm chính chưa xử lý/ });
  await expect(homeBlock(page).getByRole('heading', { level: 2 })).toHaveText('Phản ánh liêm chính chưa xử lý (1)');
  const homeItem = homeBlock(page).getByRole('listitem');
  await expect(homeItem).toHaveCount(1);
  await expect(homeItem.getByRole('link')).toHaveText(`Phản ánh #${report.id} · ${centreName}`);
  await expect(homeItem.getByRole('link')).toHaveAttribute('href', `/phan-anh-liem-chinh#phan-anh-${report.id}`);
  await expect(homeItem).toContainText(counter.name);
  await expect(homeItem).toContainText(/đã chờ (dưới 1 phút|\d+ phút)/);
  await expect(homeBlock(page)).toContainText('Thanh tra kết luận phản ánh; Ông/Bà theo dõi.');
  await expect(homeBlock(page).getByRole('link', { name: 'Mở trang Phản ánh liêm chính' })).toHaveAttribute('href', '/phan-anh-liem-chinh');
  await expect(page.getByRole('list', { name: 'Tóm tắt việc cần làm' }).getByRole('link', { name: '1 phản ánh liêm chính chưa xử lý' })).toHaveAttribute('href', '#phan-anh-liem-chinh');
  await expectNoSeriousA11yViolations(page);

  // The centre's head reads it, with the comment and the counter, and has no form to conclude it.
  await page.getByRole('navigation', { name: 'Chức năng' }).getByRole('link', { name: 'Phản ánh liêm chính' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Phản ánh liêm chính' })).toBeVisible();
  const headCard = card(page);
  await expect(headCard).toContainText(comment);
  await expect(headCard).toContainText(counter.name);
  await expect(headCard).toContainText('Chờ kết luận');
  await expect(headCard.getByText('Kết luận phản ánh', { exact: true })).toHaveCount(0);
  await expect(headCard).toContainText('Thanh tra tỉnh sẽ xác minh và kết luận');
  await expectNoSeriousA11yViolations(page);

  // The Front's supervisor has no such page and no link to it.
  const front = await signedInPage(browser, baseURL!, FRONT);
  await front.goto('/tong-quan');
  await expect(front.getByRole('heading', { level: 1 })).toContainText('Xin chào');
  await expect(homeBlock(front)).toHaveCount(0);
  await expect(front.getByRole('navigation', { name: 'Chức năng' }).getByRole('link', { name: 'Phản ánh liêm chính' })).toHaveCount(0);
  expect((await front.request.get('/phan-anh-liem-chinh')).status()).toBe(404);

  // The inspectorate reads it (never the citizen's phone) and fills in the conclusion; the request is held back here and replayed as the others.
  const inspector = await signedInPage(browser, baseURL!, INSPECTOR);
  await inspector.goto('/tong-quan');
  await expect(homeBlock(inspector).getByRole('listitem').filter({ hasText: `Phản ánh #${report.id} · ${centreName}` })).toHaveCount(1);
  await expect(homeBlock(inspector)).not.toContainText('Ông/Bà theo dõi');
  await homeBlock(inspector).getByRole('link', { name: `Phản ánh #${report.id} · ${centreName}` }).click();
  await expect(inspector).toHaveURL(new RegExp(`/phan-anh-liem-chinh#phan-anh-${report.id}$`));
  const inspectorCard = card(inspector);
  await expect(inspectorCard).toContainText(counter.name);
  expect(await inspector.content()).not.toContain(phone);
  await expectNoSeriousA11yViolations(inspector);
  const held: { action?: CapturedAction } = {};
  await inspector.route('**/phan-anh-liem-chinh*', async (route) => {
    const req = route.request();
    if (req.method() !== 'POST') return route.continue();
    const headers = Object.fromEntries(Object.entries(req.headers()).filter(([k]) => !['cookie', 'host', 'content-length'].includes(k)));
    held.action = { url: new URL(req.url()).pathname + new URL(req.url()).search, headers, body: req.postDataBuffer()! };
    await route.abort();
  });
  await inspectorCard.getByText('Kết luận phản ánh', { exact: true }).click();
  await inspectorCard.getByLabel('Kết luận', { exact: true }).selectOption('upheld');
  await inspectorCard.getByLabel('Nội dung kết luận').fill('Đã xác minh với công dân và trích xuất camera: phản ánh đúng.');
  await inspectorCard.getByRole('button', { name: 'Kết luận và đóng phản ánh' }).click();
  await expect.poll(() => held.action !== undefined).toBe(true);

  // The head and the Front sending that very request are refused in Vietnamese, and nothing is stored.
  for (const who of [page, front]) {
    const answer = await replay(who.request, held.action!);
    expect(answer.status).toBe(200);
    expect(answer.text).toContain(CLOSE_REFUSED);
  }
  expect(await db.sql.get('select finding, closed_at as "closedAt" from integrity_reports where id = ?', [report.id])).toEqual({ finding: null, closedAt: null });

  // The inspectorate concludes it for real.
  await inspector.unroute('**/phan-anh-liem-chinh*');
  await inspector.reload();
  const again = card(inspector);
  await again.getByText('Kết luận phản ánh', { exact: true }).click();
  await again.getByLabel('Kết luận', { exact: true }).selectOption('upheld');
  await again.getByLabel('Nội dung kết luận').fill('Đã xác minh với công dân và trích xuất camera: phản ánh đúng.');
  await again.getByRole('button', { name: 'Kết luận và đóng phản ánh' }).click();
  // Concluded, it leaves the queue of reports waiting for a conclusion.
  await expect(card(inspector)).toHaveCount(0);
  expect(await db.sql.get('select finding, note from integrity_reports where id = ?', [report.id])).toEqual({ finding: 'upheld', note: 'Đã xác minh với công dân và trích xuất camera: phản ánh đúng.' });

  // The head reads the conclusion, signed with the inspectorate's name.
  await page.goto('/phan-anh-liem-chinh?trang-thai=closed');
  await expect(card(page)).toContainText('Kết luận: Đúng (phản ánh có cơ sở)');
  await expect(card(page)).toContainText('Thanh tra tỉnh');

  // Concluded, it leaves the head's home page: nothing waits there any more.
  await page.goto('/tong-quan');
  await expect(homeBlock(page).getByRole('heading', { level: 2 })).toHaveText('Phản ánh liêm chính chưa xử lý (0)');
  await expect(homeBlock(page).getByText('Không có phản ánh liêm chính nào chờ kết luận.')).toBeVisible();
  await expect(homeBlock(page).getByRole('listitem')).toHaveCount(0);

  // Counted for the office's evaluation: the score sheet of this year's demo period says so.
  const centre = (await db.unitByCode(CODES.centre))!;
  const periodId = (await db.sql.value<number>("select id from evaluation_periods where name like '% (mẫu)' order by year desc, id desc"))!;
  const year = (await db.sql.value<number>('select year from evaluation_periods where id = ?', [periodId]))!;
  const from = Date.UTC(Number(year), 0, 1) - 7 * 3600_000;
  const upheld = Number(
    await db.sql.value<number>("select count(*) from integrity_reports where unit_id = ? and finding = 'upheld' and submitted_at >= ? and submitted_at < ?", [centre.id, from, from + 366 * 86_400_000]),
  );
  expect(upheld).toBeGreaterThan(0);
  const assessor = await signedInPage(browser, baseURL!, ACCOUNTS.assessor);
  await assessor.goto(`/danh-gia/${periodId}/don-vi/${centre.id}`);
  await expect(assessor.getByRole('region', { name: 'Giám sát và phản ánh liêm chính' })).toContainText(`${upheld} được kết luận đúng`);
  for (const p of [front, inspector, assessor]) await p.context().close();
});

test('a supervisor’s recommendation, the head’s answer, and the assessor sees both beside the score sheet', async ({ page, browser, baseURL, db }) => {
  test.setTimeout(120_000);
  const stamp = Date.now();
  const centre = (await db.unitByCode(CODES.centre))!;
  const periodId = (await db.sql.value<number>("select id from evaluation_periods where name like '% (mẫu)' order by year desc, id desc"))!;
  const findings = `Niêm yết thủ tục đầy đủ; thiếu ghế chờ (${stamp}).`;
  const first = `Bổ sung ghế chờ ${stamp}`;
  const second = `Niêm yết đường dây nóng ${stamp}`;

  // The Front's supervisor records a visit of the centre; empty findings are refused first, nothing stored.
  await signInAs(page, FRONT);
  await page.goto('/tong-quan');
  await page.getByRole('navigation', { name: 'Chức năng' }).getByRole('link', { name: 'Giám sát' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Giám sát thực hiện mô hình' })).toBeVisible();
  await expect(page.getByText('Ghi với tư cách: Ủy ban MTTQ tỉnh')).toBeVisible();
  const form = page.getByRole('form', { name: 'Ghi kết quả giám sát' });
  await form.getByLabel('Đơn vị được giám sát').selectOption(String(centre.id));
  await form.getByLabel('Đợt đánh giá').selectOption(String(periodId));
  await form.getByLabel('Ngày giám sát').fill('04/12/2026');
  await form.getByLabel('Kiến nghị').fill(`${first}\n${second}`);
  await form.getByRole('button', { name: 'Ghi kết quả giám sát' }).click();
  await expect(form.getByText('Ghi kết quả giám sát (ít nhất 10 ký tự).')).toBeVisible();
  expect(Number(await db.sql.value('select count(*) from recommendations where text = ?', [first]))).toBe(0);
  await expectNoSeriousA11yViolations(page);
  await form.getByLabel('Kết quả giám sát').fill(findings);
  await form.getByLabel('Đường dẫn minh chứng').fill('https://example.gov.vn/bien-ban-giam-sat');
  await form.getByRole('button', { name: 'Ghi kết quả giám sát' }).click();
  await expect(form.getByText('Đã ghi kết quả giám sát và 2 kiến nghị.')).toBeVisible();
  const visit = page.getByRole('listitem').filter({ hasText: findings }).first();
  await expect(visit.getByRole('heading', { name: new RegExp(`^Ủy ban MTTQ tỉnh — ${centre.name}`) })).toBeVisible();
  await expect(visit).toContainText('Chưa trả lời');

  // The supervisor still never opens an official's figures or the officials' list.
  const official = await db.sql.value<number>('select o.id from officials o where o.unit_id = ? order by o.id', [centre.id]);
  expect((await page.request.get(`/can-bo/${official}/ket-qua`)).status()).toBe(404);
  expect((await page.request.get('/can-bo')).status()).toBe(404);

  // A supervisor scoped to the Hoa Lư ward sending the centre anyway is refused; nothing stored.
  const ward = await wardSupervisor(stamp);
  const wardPage = await (await browser.newContext({ baseURL, locale: 'vi-VN' })).newPage();
  await signInAs(wardPage, ward);
  await wardPage.goto('/giam-sat');
  const wardForm = wardPage.getByRole('form', { name: 'Ghi kết quả giám sát' });
  await expect(wardForm.getByLabel('Đơn vị được giám sát').locator(`option[value="${centre.id}"]`)).toHaveCount(0);
  await wardForm.getByLabel('Đơn vị được giám sát').evaluate((select, id) => {
    const o = document.createElement('option');
    o.value = String(id);
    o.textContent = 'Trung tâm tỉnh (ngoài phạm vi)';
    select.appendChild(o);
  }, centre.id);
  await wardForm.getByLabel('Đơn vị được giám sát').selectOption(String(centre.id));
  await wardForm.getByLabel('Ngày giám sát').fill('04/12/2026');
  await wardForm.getByLabel('Kết quả giám sát').fill(`Ngoài phạm vi ${stamp}: không được ghi.`);
  await wardForm.getByRole('button', { name: 'Ghi kết quả giám sát' }).click();
  await expect(wardForm.getByText('Đơn vị này không thuộc phạm vi giám sát của Ông/Bà').first()).toBeVisible();
  expect(Number(await db.sql.value('select count(*) from supervision_visits where findings like ?', [`Ngoài phạm vi ${stamp}%`]))).toBe(0);
  await wardPage.context().close();

  // The centre's head answers the first and marks the second done.
  const head = await signedInPage(browser, baseURL!, ACCOUNTS.headCentre);
  await head.goto('/giam-sat');
  await expectNoSeriousA11yViolations(head);
  const headVisit = head.getByRole('listitem').filter({ hasText: findings }).first();
  const rec = (text: string) => headVisit.getByRole('listitem').filter({ hasText: text });
  await rec(first).getByText('Trả lời kiến nghị').click();
  await rec(first).getByLabel('Nội dung trả lời').fill('Đã lập dự toán mua 10 ghế, hoàn thành trong tháng.');
  await rec(first).getByRole('button', { name: 'Gửi trả lời' }).click();
  await expect(rec(first).getByText('Đã gửi trả lời kiến nghị.')).toBeVisible();
  await rec(second).getByText('Trả lời kiến nghị').click();
  await rec(second).getByLabel('Nội dung trả lời').fill('Đã niêm yết số đường dây nóng tại sảnh.');
  await rec(second).getByLabel('Đã thực hiện xong kiến nghị này').check();
  await rec(second).getByRole('button', { name: 'Gửi trả lời' }).click();
  await expect(rec(second).getByText('Đã thực hiện xong', { exact: true })).toBeVisible();
  await expect(rec(second).getByRole('button', { name: 'Gửi trả lời' })).toHaveCount(0);

  // The assessor sees the open and the closed recommendation with the answers, beside the criteria of the sheet.
  const assessor = await signedInPage(browser, baseURL!, ACCOUNTS.assessor);
  await assessor.goto(`/danh-gia/${periodId}/don-vi/${centre.id}`);
  const section = assessor.getByRole('region', { name: 'Giám sát và phản ánh liêm chính' });
  const sheetVisit = section.getByRole('listitem').filter({ hasText: findings }).first();
  await expect(sheetVisit).toContainText('Ủy ban MTTQ tỉnh');
  await expect(sheetVisit.getByRole('listitem').filter({ hasText: first })).toContainText('Đã trả lời, đang thực hiện');
  await expect(sheetVisit.getByRole('listitem').filter({ hasText: first })).toContainText('Đã lập dự toán mua 10 ghế');
  await expect(sheetVisit.getByRole('listitem').filter({ hasText: second }).getByText('Đã thực hiện xong', { exact: true })).toBeVisible();
  await expect(sheetVisit.getByRole('listitem').filter({ hasText: second })).toContainText('Đã niêm yết số đường dây nóng');
  await expectNoSeriousA11yViolations(assessor);
  expect((await db.auditActions('supervision_visit', Number(await db.sql.value('select id from supervision_visits where findings = ?', [findings]))))[0]).toMatchObject({ action: 'supervision_visit.create' });
  for (const p of [head, assessor]) await p.context().close();
});

test('administrators keep the organisations; a supervisor account must name one', async ({ page }) => {
  const stamp = Date.now();
  await signInAs(page, ACCOUNTS.admin);
  await page.goto('/quan-tri/to-chuc-giam-sat');
  await expect(page.getByRole('heading', { level: 1, name: 'Tổ chức giám sát' })).toBeVisible();
  for (const name of ['Ủy ban MTTQ tỉnh', 'Ban Tuyên giáo và Dân vận Tỉnh ủy', 'Thanh tra tỉnh', 'HĐND tỉnh']) {
    await expect(page.getByRole('rowheader', { name, exact: true })).toBeVisible();
  }
  await expectNoSeriousA11yViolations(page);
  const add = page.getByRole('form', { name: 'Thêm tổ chức giám sát' });
  const name = `Hội Nông dân tỉnh ${stamp}`;
  await add.getByLabel('Tên tổ chức').fill(name);
  await add.getByLabel('Loại tổ chức').selectOption('other');
  await add.getByRole('button', { name: 'Thêm tổ chức' }).click();
  await expect(page.getByRole('rowheader', { name, exact: true })).toBeVisible();

  // A supervisor account without an organisation is refused, with the reason beside the field.
  await page.goto('/quan-tri/nguoi-dung/moi');
  await page.getByLabel('Tên đăng nhập').fill(`giamsat.moi.${stamp}`);
  await page.getByLabel('Họ và tên').fill('Đinh Thị Giám');
  await page.getByLabel('Vai trò').selectOption({ label: 'Giám sát' });
  await page.getByLabel('Đơn vị phạm vi').selectOption({ label: 'Tỉnh Ninh Bình' });
  await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
  await expect(page.getByText('Tài khoản giám sát phải thuộc một tổ chức giám sát: vui lòng chọn tổ chức.')).toBeVisible();
  await page.getByLabel('Tổ chức giám sát').selectOption({ label: name });
  await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
  await expect(page.locator('.otp-value')).toBeVisible();
});

/** A supervisor of the Front scoped to the Hoa Lư ward, with the demo password (the demo seed has none below the province). */
async function wardSupervisor(stamp: number): Promise<string> {
  const username = `giamsat.hoalu.${stamp}`;
  const rw = await openSql(undefined, { write: true });
  try {
    await rw.run(
      `insert into users (username, display_name, password_hash, role, scope_unit_id, must_change_password, organisation_id)
       select ?, 'Giám sát phường Hoa Lư', u.password_hash, 'supervisor', (select id from units where name = 'Phường Hoa Lư'), false,
              (select id from supervisor_organisations where name = 'Ủy ban MTTQ tỉnh')
       from users u where u.username = ?`,
      [username, ACCOUNTS.supervisor],
    );
  } finally {
    await rw.close();
  }
  return username;
}

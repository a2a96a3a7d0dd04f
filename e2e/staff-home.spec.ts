import type { Page } from '@playwright/test';
import { dayKeyOf } from '../lib/indicators/periods';
import { deadlineOf, waitedFor } from '../lib/staff-home';
import { openSql, queryAll, queryOne } from './db';
import { ACCOUNTS, CODES, expect, expectNoSeriousA11yViolations, signInAs, test } from './fixtures';

/**
 * The staff home (/tong-quan) as a to-do list (issue 13): what each role
 * sees, in its own scope only, each block saying when there is nothing to do.
 */

const HOA_LU = 'Trung tâm Phục vụ hành chính công phường Hoa Lư';
const KIOSK = 'Kiosk sảnh chờ (kiểm thử trang tổng quan)';
const dayText = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

/** A unit's subtree in SQL that both engines run: `u` is units. */
const IN_SUBTREE = 'substr(u.path, 1, length(@path)) = @path';
const UNANSWERED = `r.comment is not null and r.comment <> ''
  and not exists (select 1 from comment_threads t where t.response_id = r.id and t.status = 'answered')`;

async function centre() {
  return queryOne<{ id: number; name: string; path: string; openingHours: string | null }>(
    'select id, name, path, opening_hours as "openingHours" from units where code = ?',
    [CODES.centre],
  );
}

function block(page: Page, name: RegExp) {
  return page.getByRole('region', { name });
}

test.describe('staff home', () => {
  test('an office head sees their own to-do list: oldest comments first with their age, open alerts, an unplugged kiosk, the self-assessment due, and nothing of another office', async ({ page, browser, baseURL }) => {
    test.setTimeout(120_000);
    const office = await centre();
    const unanswered = await queryAll<{ id: number; submittedAt: number; comment: string }>(
      `select r.id as id, r.submitted_at as "submittedAt", r.comment as comment from responses r join units u on u.id = r.unit_id
       where ${IN_SUBTREE} and ${UNANSWERED} order by r.submitted_at, r.id`,
      { path: office.path },
    );
    const all = await queryOne<{ n: number }>(`select count(*) as n from responses r join units u on u.id = r.unit_id where ${UNANSWERED}`);
    expect(unanswered.length).toBeGreaterThan(0);
    // Other offices have comments waiting too, which the head must not see.
    expect(all.n).toBeGreaterThan(unanswered.length);

    // A kiosk of the centre silent for two hours, the centre open around the clock for this test.
    const rw = await openSql(undefined, { write: true });
    const twoHoursAgo = Date.now() - 2 * 3600_000;
    const allDay = JSON.stringify(Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, ['00:00-24:00']])));
    await rw.run('update units set opening_hours = ? where id = ?', [allDay, office.id]);
    await rw.run('insert into kiosks (unit_id, name, credential_hash, paired_at, first_paired_at, last_seen_at, idle_seconds, created_at) values (?, ?, ?, ?, ?, ?, 30, ?)', [
      office.id,
      KIOSK,
      `e2e-staff-home-${Date.now()}`,
      twoHoursAgo - 86_400_000,
      twoHoursAgo - 86_400_000,
      twoHoursAgo,
      twoHoursAgo - 86_400_000,
    ]);
    try {
      await signInAs(page, ACCOUNTS.headCentre);
      await page.goto('/tong-quan');
      await expect(page.getByRole('heading', { level: 1 })).toContainText('Xin chào');

      // Comments: the count of the centre's subtree, the oldest first, with how long it has waited.
      const comments = block(page, /^Góp ý chờ trả lời/);
      await expect(comments.getByRole('heading', { level: 2 })).toHaveText(`Góp ý chờ trả lời (${unanswered.length.toLocaleString('vi-VN')})`);
      const rows = comments.getByRole('row');
      await expect(rows).toHaveCount(Math.min(unanswered.length, 10) + 1);
      const oldest = unanswered[0]!;
      const first = rows.nth(1);
      await expect(first.getByRole('link')).toHaveText(`Góp ý #${oldest.id}`);
      await expect(first.getByRole('cell').first()).toContainText(waitedFor(Number(oldest.submittedAt), Date.now()));
      if (unanswered.length > 1) await expect(rows.nth(2).getByRole('link')).toHaveText(`Góp ý #${unanswered[1]!.id}`);
      await expect(page.getByText(HOA_LU)).toHaveCount(0);

      // Kiosks: the silent one, with its last contact.
      const kiosks = block(page, /^Kiosk có vẻ đã tắt/);
      const item = kiosks.getByRole('listitem').filter({ hasText: KIOSK });
      await expect(item).toContainText('Liên lạc lần cuối');
      await expect(item).toContainText('(2 giờ trước)');

      // The self-assessment due and its deadline, from the demo period.
      const period = await queryOne<{ id: number; dueDate: string; name: string }>('select id, due_date as "dueDate", name from evaluation_periods order by year desc, id desc');
      const sheet = await queryAll<{ status: string }>('select status from evaluation_sheets where period_id = ? and unit_id = ?', [period.id, office.id]);
      const evaluation = block(page, /^Đánh giá hằng năm/);
      await expect(evaluation).toContainText(`${period.name}: hạn ${dayText(period.dueDate)} (${deadlineOf(period.dueDate, dayKeyOf(new Date())).text}).`);
      if ((sheet[0]?.status ?? 'not_started') === 'not_started') {
        await expect(evaluation.getByRole('heading', { level: 3, name: 'Cần tự đánh giá (1)' })).toBeVisible();
        await expect(evaluation.getByRole('link', { name: office.name })).toHaveAttribute('href', `/danh-gia/${period.id}/don-vi/${office.id}`);
      } else {
        await expect(evaluation.getByText('Không có việc nào của Ông/Bà trong kỳ đánh giá này.')).toBeVisible();
      }
      await expectNoSeriousA11yViolations(page);

      // The head of another office sees neither the centre's kiosk nor its comments.
      const other = await browser.newContext({ baseURL, locale: 'vi-VN' });
      const otherPage = await other.newPage();
      await signInAs(otherPage, ACCOUNTS.headHoaLu);
      await otherPage.goto('/tong-quan');
      await expect(otherPage.getByRole('heading', { level: 1 })).toContainText('Xin chào');
      await expect(otherPage.getByText(KIOSK)).toHaveCount(0);
      await expect(otherPage.getByText(office.name)).toHaveCount(0);
      for (const c of unanswered.slice(0, 10)) await expect(otherPage.getByRole('link', { name: `Góp ý #${c.id}`, exact: true })).toHaveCount(0);
      await other.close();

      // The oldest comment's link opens the comments page on its day, where it is.
      await first.getByRole('link').click();
      await expect(page).toHaveURL(new RegExp(`/gop-y\\?tu=\\d{4}-\\d{2}-\\d{2}&den=\\d{4}-\\d{2}-\\d{2}#gop-y-${oldest.id}-title$`));
      await expect(page.getByRole('heading', { level: 1, name: 'Góp ý của người dân' })).toBeVisible();
      await expect(page.getByText(oldest.comment, { exact: true }).first()).toBeVisible();
    } finally {
      await rw.run('update kiosks set credential_hash = null, revoked_at = ? where name = ?', [Date.now(), KIOSK]);
      await rw.run('update units set opening_hours = ? where id = ?', [office.openingHours === null ? null : typeof office.openingHours === 'string' ? office.openingHours : JSON.stringify(office.openingHours), office.id]);
      await rw.close();
    }
  });

  test('an administrator sees the offices short of ratings this year with their counts, and the evaluation to follow', async ({ page }) => {
    await signInAs(page, ACCOUNTS.admin);
    await page.goto('/tong-quan');
    const sample = block(page, /^Đơn vị chưa đủ dữ liệu năm nay/);
    await expect(sample).toContainText('Cần ít nhất 30 phiếu hợp lệ');
    const heading = (await sample.getByRole('heading', { level: 2 }).textContent())!;
    const short = Number(heading.match(/\((\d+)\)/)![1]);
    if (short === 0) {
      await expect(sample.getByText(/^✓ Cả \d+ đơn vị đều đã đủ 30 phiếu hợp lệ\.$/)).toBeVisible();
    } else {
      // The first listed office (fewest ratings): its count is the valid ratings of this year in the database.
      const first = sample.getByRole('listitem').first();
      const name = (await first.getByRole('link').textContent())!;
      const unit = await queryOne<{ id: number }>('select id from units where name = ? and code is not null', [name]);
      const year = dayKeyOf(new Date()).slice(0, 4);
      const from = new Date(`${year}-01-01T00:00:00+07:00`).getTime();
      const valid = await queryOne<{ n: number }>(
        `select count(*) as n from responses r join answers a on a.response_id = r.id and a.question_key = 'q2' and a.score is not null
         where r.unit_id = ? and not r.excluded and r.submitted_at >= ?`,
        [unit.id, from],
      );
      const n = Number(valid.n);
      expect(n).toBeLessThan(30);
      await expect(first).toContainText(`${n.toLocaleString('vi-VN')} phiếu, còn thiếu ${(30 - n).toLocaleString('vi-VN')}`);
      await expect(first.getByRole('link')).toHaveAttribute('href', `/thong-ke/don-vi/${unit.id}?ky=nam-nay`);
    }
    // The administrator's blocks: kiosks and the evaluation's progress; the comments are the offices' to answer.
    await expect(block(page, /^Kiosk có vẻ đã tắt/)).toBeVisible();
    await expect(block(page, /^Đánh giá hằng năm/)).toBeVisible();
    await expect(block(page, /^Góp ý chờ trả lời/)).toContainText('Thủ trưởng đơn vị trả lời góp ý; Ông/Bà theo dõi.');
    await expectNoSeriousA11yViolations(page);
  });

  test('a supervisor reads without kiosk or evaluation work; an assessor sees the reviews, not the kiosks', async ({ page, browser, baseURL }) => {
    await signInAs(page, ACCOUNTS.supervisor);
    await page.goto('/tong-quan');
    await expect(page.getByRole('heading', { level: 2, name: /^Góp ý chờ trả lời/ })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: /^Cảnh báo đang mở/ })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: /^Kiosk/ })).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 2, name: 'Đánh giá hằng năm' })).toHaveCount(0);
    // The demo supervisor is the inspectorate's: the integrity reports waiting for a conclusion (e2e/supervision.spec.ts follows one).
    await expect(page.getByRole('heading', { level: 2, name: /^Phản ánh liêm chính chưa xử lý \(\d+\)$/ })).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    const assessor = await browser.newContext({ baseURL, locale: 'vi-VN' });
    const p = await assessor.newPage();
    await signInAs(p, ACCOUNTS.assessor);
    await p.goto('/tong-quan');
    await expect(p.getByRole('heading', { level: 2, name: 'Đánh giá hằng năm' })).toBeVisible();
    await expect(p.getByRole('heading', { level: 2, name: /^Kiosk/ })).toHaveCount(0);
    await expect(p.getByRole('heading', { level: 2, name: /^Phản ánh liêm chính/ })).toHaveCount(0);
    const waiting = await queryOne<{ n: number }>(
      `select count(*) as n from evaluation_sheets s where s.status = 'self_assessed' and s.period_id = (select id from evaluation_periods order by year desc, id desc limit 1)`,
    );
    const evaluation = block(p, /^Đánh giá hằng năm/);
    if (Number(waiting.n) > 0) await expect(evaluation.getByRole('heading', { level: 3, name: `Chờ thẩm định (${Number(waiting.n)})` })).toBeVisible();
    else await expect(evaluation.getByRole('heading', { level: 3, name: /^Chờ thẩm định/ })).toHaveCount(0);
    await assessor.close();
  });
});

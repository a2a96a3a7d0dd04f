import type { Metadata } from 'next';
import { ScrollRegion } from '@/components/dashboard/scroll-region';
import { RunJobForm } from '@/components/admin/system/run-job-form';
import { countMailDeliveriesSince } from '@/db/queries/mail';
import { countOfficeHeadEmails } from '@/db/queries/system';
import { isRootScope } from '@/lib/auth/roles';
import { formatCount, formatDateTime } from '@/lib/format';
import { describeSchedule, formatDuration } from '@/lib/scheduler';
import { requireViewer } from '@/server/auth/viewer';
import { appScheduler } from '@/server/jobs';
import { mailSettings } from '@/server/mailer';
import { runJobNow } from './actions';

export const metadata: Metadata = { title: 'Hệ thống' };
export const dynamic = 'force-dynamic';

/**
 * For administrators: whether e-mail is configured, and the background jobs
 * (server/jobs.ts) with their last run, outcome, duration and next run.
 * Administrators of the whole tree may run a job now.
 */
export default async function SystemPage() {
  const viewer = await requireViewer('users.manage');
  const mail = mailSettings();
  const now = new Date();
  const [jobs, heads, sentWeek] = await Promise.all([
    appScheduler().list(),
    countOfficeHeadEmails(),
    countMailDeliveriesSince({ since: new Date(now.getTime() - 7 * 86_400_000) }),
  ]);
  const canRun = isRootScope(viewer);
  return (
    <div className="admin stack">
      <h1>Hệ thống</h1>
      <section className="stack" aria-labelledby="email-title">
        <h2 id="email-title">E-mail</h2>
        {mail.configured ? (
          <>
            <p role="status">
              <strong>E-mail đang bật.</strong> Thư được gửi qua máy chủ {mail.server}, người gửi “{mail.from}”.
            </p>
            <p>
              Đã gửi {formatCount(sentWeek)} thư trong 7 ngày qua. {formatCount(heads.withEmail)}/{formatCount(heads.heads)} thủ trưởng đang hoạt động có địa chỉ e-mail
              {heads.withEmail < heads.heads ? '; người chưa có sẽ không nhận thư (thêm e-mail ở trang Người dùng)' : ''}.
            </p>
          </>
        ) : (
          <p role="status">
            <strong>E-mail chưa được cấu hình.</strong> Hài Lòng vẫn hoạt động bình thường, nhưng không gửi thư báo cảnh báo, thư tóm tắt tuần hay thư nhắc hạn tự đánh
            giá. Để bật, đặt biến môi trường <code>SMTP_URL</code> (hoặc <code>SMTP_HOST</code>, <code>SMTP_PORT</code>, <code>SMTP_USER</code>,{' '}
            <code>SMTP_PASS</code>) và <code>MAIL_FROM</code> rồi khởi động lại (xem README, phần Configuration).
          </p>
        )}
      </section>
      <section className="stack" aria-labelledby="jobs-title">
        <h2 id="jobs-title">Việc chạy định kỳ</h2>
        <p className="muted">
          Mỗi việc chỉ chạy trên một máy chủ tại một thời điểm. Giờ theo giờ Việt Nam (UTC+7). Việc lỗi được thử lại sau ít phút.
        </p>
        <ScrollRegion label="Bảng việc chạy định kỳ">
          <table className="data">
            <caption className="visually-hidden">Việc chạy định kỳ và lần chạy gần nhất</caption>
            <thead>
              <tr>
                <th scope="col">Việc</th>
                <th scope="col">Lịch</th>
                <th scope="col">Lần chạy gần nhất</th>
                <th scope="col">Kết quả</th>
                <th scope="col">Thời gian chạy</th>
                <th scope="col">Lần chạy tới</th>
                {canRun ? <th scope="col">Thao tác</th> : null}
              </tr>
            </thead>
            <tbody>
              {jobs.map(({ job, state, running }) => (
                <tr key={job.name}>
                  <th scope="row">{job.label}</th>
                  <td>{describeSchedule(job.schedule)}</td>
                  <td>{state?.lastStartedAt ? formatDateTime(state.lastStartedAt) : 'Chưa chạy'}</td>
                  <td>
                    {running ? (
                      <strong>Đang chạy</strong>
                    ) : state?.lastOutcome ? (
                      <>
                        <strong>{state.lastOutcome === 'ok' ? 'Thành công' : 'Lỗi'}</strong>
                        {state.lastMessage ? `: ${state.lastMessage}` : ''}
                      </>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td>{state?.lastDurationMs != null ? formatDuration(state.lastDurationMs) : '—'}</td>
                  <td>{state ? formatDateTime(state.nextRunAt) : '—'}</td>
                  {canRun ? (
                    <td>
                      <RunJobForm action={runJobNow} name={job.name} label={job.label} />
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </section>
    </div>
  );
}

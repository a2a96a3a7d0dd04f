import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { TimeRange } from '@/components/alerts/alert-items';
import type { UnansweredComment } from '@/db/queries/follow-up';
import { can, ROLE_LABELS } from '@/lib/auth/roles';
import { formatDateTime, toIsoDay } from '@/lib/format';
import { EVALUATION_TASK_LABELS, waitedFor, type EvaluationTaskKind } from '@/lib/staff-home';
import { COMMENT_STATUS_LABELS } from '@/lib/validation/comments';
import { PARAM_OF_STATUS } from '@/lib/validation/evaluation';
import { requireViewer } from '@/server/auth/viewer';
import { HOME_LIST_LIMIT, loadStaffHome, type EvaluationBlock, type StaffHome } from '@/server/staff-home';

export const metadata: Metadata = { title: 'Tổng quan' };

const n = (v: number) => v.toLocaleString('vi-VN');
/** "2026-12-15" → "15/12/2026". */
const dayText = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

/** The comments page narrowed to the comment's day, scrolled to the comment. */
const commentHref = (c: UnansweredComment) => `/gop-y?tu=${toIsoDay(c.submittedAt)}&den=${toIsoDay(c.submittedAt)}#gop-y-${c.responseId}-title`;

/** Which sheets each evaluation task points at in the results table. */
const TASK_STATUS: Record<EvaluationTaskKind, 'not_started' | 'self_assessed' | 'reviewed'> = {
  self_assess: 'not_started',
  review: 'self_assessed',
  finalise: 'reviewed',
  not_reported: 'not_started',
};

function Empty({ children }: { children: React.ReactNode }) {
  return (
    <p className="todo-empty">
      <span aria-hidden="true">✓ </span>
      {children}
    </p>
  );
}

function More({ shown, total, what, href, linkText }: { shown: number; total: number; what: string; href: string; linkText: string }) {
  return (
    <p>
      {total > shown ? `Hiển thị ${n(shown)} trong ${n(total)} ${what}. ` : null}
      <Link href={href}>{linkText}</Link>
    </p>
  );
}

function CommentsBlock({ home, now, mayReply }: { home: StaffHome; now: Date; mayReply: boolean }) {
  const total = home.followUp.comments;
  return (
    <section aria-labelledby="gop-y-cho-tra-loi" className="todo-section stack">
      <h2 id="gop-y-cho-tra-loi">Góp ý chờ trả lời ({n(total)})</h2>
      {total === 0 ? (
        <Empty>Không có góp ý nào chờ trả lời.</Empty>
      ) : (
        <>
          <p className="muted">
            Chờ lâu nhất trước.{mayReply ? null : ' Thủ trưởng đơn vị trả lời góp ý; Ông/Bà theo dõi.'}
          </p>
          <div className="table-scroll">
            <table className="data todo-table">
              <caption className="visually-hidden">Góp ý chờ trả lời, chờ lâu nhất trước</caption>
              <thead>
                <tr>
                  <th scope="col">Đã chờ</th>
                  <th scope="col">Góp ý</th>
                  <th scope="col">Đơn vị</th>
                  <th scope="col">Trạng thái</th>
                </tr>
              </thead>
              <tbody>
                {home.comments.map((c) => (
                  <tr key={c.responseId}>
                    <td className="nowrap">
                      <strong>{waitedFor(c.submittedAt, now)}</strong>
                      <span className="cell-sub">
                        <time dateTime={c.submittedAt.toISOString()}>{formatDateTime(c.submittedAt)}</time>
                      </span>
                    </td>
                    <td>
                      <Link href={commentHref(c)}>Góp ý #{c.responseId}</Link>
                      <span className="cell-sub alert-excerpt">
                        {c.excerpt}
                        {c.truncated ? '…' : ''}
                      </span>
                    </td>
                    <td>
                      {c.unitName}
                      {c.counterName ? <span className="cell-sub">{c.counterName}</span> : null}
                    </td>
                    <td>{COMMENT_STATUS_LABELS[c.status]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <More shown={home.comments.length} total={total} what="góp ý" href="/gop-y" linkText="Mở trang Góp ý" />
        </>
      )}
    </section>
  );
}

function AlertsBlock({ home, mayAcknowledge }: { home: StaffHome; mayAcknowledge: boolean }) {
  const { openAlerts, lowRatings } = home.followUp;
  return (
    <section aria-labelledby="canh-bao-dang-mo" className="todo-section stack">
      <h2 id="canh-bao-dang-mo">Cảnh báo đang mở ({n(openAlerts)})</h2>
      {openAlerts === 0 ? (
        <Empty>Không có cảnh báo nào đang mở.</Empty>
      ) : (
        <>
          {mayAcknowledge ? null : <p className="muted">Thủ trưởng đơn vị xác nhận cảnh báo; Ông/Bà theo dõi.</p>}
          <ul className="todo-list" aria-label="Cảnh báo đang mở, mới nhất trước">
            {home.alerts.map((a) => (
              <li key={a.id}>
                <p>
                  <Link href="/canh-bao#canh-bao-mo">
                    Cảnh báo #{a.id} · {a.unitName}
                  </Link>
                </p>
                <p className="todo-meta">
                  {n(a.lowCount)} đánh giá thấp, <TimeRange start={a.startAt} end={a.endAt} />
                </p>
              </li>
            ))}
          </ul>
          <More shown={home.alerts.length} total={openAlerts} what="cảnh báo" href="/canh-bao" linkText="Mở trang Cảnh báo" />
        </>
      )}
      {lowRatings === 0 ? (
        <Empty>Không có đánh giá thấp nào chờ xem xét.</Empty>
      ) : (
        <p>
          <strong>{n(lowRatings)}</strong> đánh giá thấp (mức 1–2) trong 30 ngày qua chưa được xem xét.{' '}
          <Link href="/canh-bao#danh-gia-thap">Xem các đánh giá thấp</Link>
        </p>
      )}
    </section>
  );
}

function KiosksBlock({ kiosks, now }: { kiosks: NonNullable<StaffHome['kiosks']>; now: Date }) {
  const count = kiosks.unplugged.length;
  return (
    <section aria-labelledby="kiosk-tat" className="todo-section stack">
      <h2 id="kiosk-tat">Kiosk có vẻ đã tắt ({n(count)})</h2>
      {count === 0 ? (
        <Empty>{kiosks.total === 0 ? 'Chưa có kiosk nào được ghép nối.' : `Cả ${n(kiosks.total)} kiosk đều đang hoạt động.`}</Empty>
      ) : (
        <>
          <p className="muted">Không liên lạc quá 30 phút trong giờ làm việc của đơn vị. Kiểm tra nguồn điện và mạng của máy.</p>
          <ul className="todo-list" aria-label="Kiosk có vẻ đã tắt">
            {kiosks.unplugged.map((k) => {
              const last = k.lastSeenAt ?? k.pairedAt;
              return (
                <li key={k.id}>
                  <p>
                    <strong>{k.name}</strong> · {k.officeName}
                    {k.counterName ? ` · ${k.counterName}` : ''}
                  </p>
                  <p className="todo-meta">
                    Liên lạc lần cuối: {last ? <time dateTime={last.toISOString()}>{formatDateTime(last)}</time> : '—'}
                    {last ? ` (${waitedFor(last, now)} trước)` : ''}
                  </p>
                  {k.outage ? (
                    <p className="todo-meta">
                      Hệ thống ghi nhận mất liên lạc lúc <time dateTime={k.outage.detectedAt.toISOString()}>{formatDateTime(k.outage.detectedAt)}</time>
                    </p>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </>
      )}
      <p>
        <Link href="/quan-tri/kiosk">Mở trang Kiosk</Link>
      </p>
    </section>
  );
}

function IntegrityBlock({ integrity, now }: { integrity: NonNullable<StaffHome['integrity']>; now: Date }) {
  const { total, reports, mayClose } = integrity;
  return (
    <section aria-labelledby="phan-anh-liem-chinh" className="todo-section stack">
      <h2 id="phan-anh-liem-chinh">Phản ánh liêm chính chưa xử lý ({n(total)})</h2>
      {total === 0 ? (
        <Empty>Không có phản ánh liêm chính nào chờ kết luận.</Empty>
      ) : (
        <>
          <p className="muted">
            Người dân trả lời đã bị gây phiền hà, sách nhiễu hoặc yêu cầu giấy tờ, chi phí ngoài quy định. Chờ lâu nhất trước.
            {mayClose ? null : ' Thanh tra kết luận phản ánh; Ông/Bà theo dõi.'}
          </p>
          <ul className="todo-list" aria-label="Phản ánh liêm chính chờ kết luận, chờ lâu nhất trước">
            {reports.map((r) => (
              <li key={r.id}>
                <p>
                  <Link href={`/phan-anh-liem-chinh#phan-anh-${r.id}`}>
                    Phản ánh #{r.id} · {r.unitName}
                  </Link>
                  {r.counterName ? ` · ${r.counterName}` : ''}
                </p>
                <p className="todo-meta">
                  Lúc <time dateTime={r.submittedAt.toISOString()}>{formatDateTime(r.submittedAt)}</time>, đã chờ <strong>{waitedFor(r.submittedAt, now)}</strong>
                </p>
              </li>
            ))}
          </ul>
          <More shown={reports.length} total={total} what="phản ánh" href="/phan-anh-liem-chinh" linkText="Mở trang Phản ánh liêm chính" />
        </>
      )}
    </section>
  );
}

function EvaluationBlockView({ block, mayManage }: { block: EvaluationBlock; mayManage: boolean }) {
  return (
    <section aria-labelledby="danh-gia-hang-nam" className="todo-section stack">
      <h2 id="danh-gia-hang-nam">Đánh giá hằng năm</h2>
      {block.period === null ? (
        mayManage ? (
          <p>
            Chưa có kỳ đánh giá năm {block.year}. <Link href="/danh-gia">Mở kỳ đánh giá</Link>
          </p>
        ) : (
          <Empty>Chưa có kỳ đánh giá năm {block.year}; khi kỳ đánh giá được mở, việc cần làm sẽ hiện ở đây.</Empty>
        )
      ) : (
        <>
          <p>
            {block.period.name}: hạn <strong>{dayText(block.period.dueDate)}</strong>{' '}
            {block.deadline.overdue ? <strong>({block.deadline.text})</strong> : `(${block.deadline.text})`}.
          </p>
          {block.tasks.length === 0 ? (
            <Empty>Không có việc nào của Ông/Bà trong kỳ đánh giá này.</Empty>
          ) : (
            block.tasks.map((task) => (
              <div key={task.kind} className="stack">
                <h3>
                  {EVALUATION_TASK_LABELS[task.kind]} ({n(task.offices.length)})
                </h3>
                <ul className="todo-list" aria-label={EVALUATION_TASK_LABELS[task.kind]}>
                  {task.offices.slice(0, HOME_LIST_LIMIT).map((o) => (
                    <li key={o.unitId}>
                      <Link href={`/danh-gia/${block.period.id}/don-vi/${o.unitId}`}>{o.name}</Link>
                    </li>
                  ))}
                </ul>
                <More
                  shown={Math.min(task.offices.length, HOME_LIST_LIMIT)}
                  total={task.offices.length}
                  what="đơn vị"
                  href={`/danh-gia/${block.period.id}?trang-thai=${PARAM_OF_STATUS[TASK_STATUS[task.kind]]}`}
                  linkText="Xem trong bảng kết quả"
                />
              </div>
            ))
          )}
        </>
      )}
    </section>
  );
}

function SampleBlock({ sample, mayPrint }: { sample: StaffHome['sample']; mayPrint: boolean }) {
  const count = sample.offices.length;
  return (
    <section aria-labelledby="chua-du-du-lieu" className="todo-section stack">
      <h2 id="chua-du-du-lieu">Đơn vị chưa đủ dữ liệu năm nay ({n(count)})</h2>
      <p className="muted">
        Từ {dayText(sample.period.from)} đến hôm nay. Cần ít nhất {n(sample.minSample)} phiếu hợp lệ trả lời câu hỏi chung để tỷ lệ hài lòng được tính và xếp hạng.
      </p>
      {count === 0 ? (
        <Empty>
          {sample.officeCount === 0 ? 'Không có đơn vị nào nhận đánh giá trong phạm vi.' : `Cả ${n(sample.officeCount)} đơn vị đều đã đủ ${n(sample.minSample)} phiếu hợp lệ.`}
        </Empty>
      ) : (
        <>
          <ul className="todo-list" aria-label="Đơn vị chưa đủ dữ liệu, ít phiếu nhất trước">
            {sample.offices.slice(0, HOME_LIST_LIMIT).map((o) => (
              <li key={o.id}>
                <Link href={`/thong-ke/don-vi/${o.id}?ky=nam-nay`}>{o.name}</Link>
                <span className="todo-meta">
                  {' '}
                  · {n(o.n)} phiếu, còn thiếu {n(o.missing)}
                </span>
              </li>
            ))}
          </ul>
          <More
            shown={Math.min(count, HOME_LIST_LIMIT)}
            total={count}
            what="đơn vị"
            href="/thong-ke?ky=nam-nay"
            linkText="Xem thống kê năm nay"
          />
          {mayPrint ? (
            <p>
              Mời người dân đánh giá bằng mã QR: <Link href="/ap-phich">In áp phích QR</Link>
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}

/** The counts at a glance, each a link to its block below. */
function Summary({ home }: { home: StaffHome }) {
  const items: { href: string; count: number | null; text: string }[] = [
    { href: '#gop-y-cho-tra-loi', count: home.followUp.comments, text: 'góp ý chờ trả lời' },
    { href: '#canh-bao-dang-mo', count: home.followUp.openAlerts, text: 'cảnh báo đang mở' },
    { href: '#canh-bao-dang-mo', count: home.followUp.lowRatings, text: 'đánh giá thấp chờ xem xét' },
  ];
  if (home.integrity) items.push({ href: '#phan-anh-liem-chinh', count: home.integrity.total, text: 'phản ánh liêm chính chưa xử lý' });
  if (home.kiosks) items.push({ href: '#kiosk-tat', count: home.kiosks.unplugged.length, text: 'kiosk có vẻ đã tắt' });
  const ev = home.evaluation;
  if (ev?.period) {
    const todo = ev.tasks.reduce((sum, t) => sum + t.offices.length, 0);
    items.push({ href: '#danh-gia-hang-nam', count: todo, text: `việc đánh giá năm (hạn ${dayText(ev.period.dueDate)}, ${ev.deadline.text})` });
  }
  items.push({ href: '#chua-du-du-lieu', count: home.sample.offices.length, text: 'đơn vị chưa đủ dữ liệu năm nay' });
  return (
    <ul className="todo-summary" aria-label="Tóm tắt việc cần làm">
      {items.map((i) => (
        <li key={i.text} className={i.count ? 'has-work' : undefined}>
          <a href={i.href}>
            <strong>{n(i.count ?? 0)}</strong> {i.text}
          </a>
        </li>
      ))}
    </ul>
  );
}

export default async function OverviewPage() {
  const viewer = await requireViewer();
  // An official's own account lands here after sign-in: its home is its own figures.
  if (can(viewer.role, 'officials.ownFigures')) redirect('/ca-nhan');
  if (!can(viewer.role, 'dashboard.read')) notFound();
  const now = new Date();
  const home = await loadStaffHome(viewer, now);
  return (
    <div className="admin stack staff-home">
      <h1>Xin chào, {viewer.displayName}</h1>
      <p>
        Vai trò: <strong>{ROLE_LABELS[viewer.role].vi}</strong> · Phạm vi: <strong>{viewer.scopeName}</strong> và các đơn vị trực thuộc.{' '}
        <span className="muted">Mỗi việc còn ở đây cho đến khi được xử lý. Giờ Việt Nam (UTC+7).</span>
      </p>
      <Summary home={home} />
      <CommentsBlock home={home} now={now} mayReply={can(viewer.role, 'comments.reply')} />
      <div className="todo-grid">
        <AlertsBlock home={home} mayAcknowledge={can(viewer.role, 'alerts.acknowledge')} />
        {home.integrity ? <IntegrityBlock integrity={home.integrity} now={now} /> : null}
        {home.evaluation ? <EvaluationBlockView block={home.evaluation} mayManage={can(viewer.role, 'evaluation.manage')} /> : null}
        {home.kiosks ? <KiosksBlock kiosks={home.kiosks} now={now} /> : null}
        <SampleBlock sample={home.sample} mayPrint={can(viewer.role, 'posters.print')} />
      </div>
    </div>
  );
}

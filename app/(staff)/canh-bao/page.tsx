import type { Metadata } from 'next';
import Link from 'next/link';
import { Pagination } from '@/components/admin/audit/pagination';
import { AcknowledgeAlertForm } from '@/components/alerts/acknowledge-alert-form';
import { AlertItem } from '@/components/alerts/alert-items';
import { AlertRuleForm } from '@/components/alerts/alert-rule-form';
import { LowRatingsReviewForm } from '@/components/alerts/low-ratings-review-form';
import { MarkAlertsSeen } from '@/components/alerts/mark-alerts-seen';
import { LowRatingsTable } from '@/components/alerts/new-low-ratings';
import { FilterNotes } from '@/components/ui/filter-notes';
import { getAlertRule, getAlertsSeenAt, listAlerts, listRuleOffices } from '@/db/queries/alerts';
import { countFollowUp, followUpTotal, listLowRatingsToReview, LOW_RATING_FOLLOW_UP_DAYS, newSince } from '@/db/queries/follow-up';
import { can } from '@/lib/auth/roles';
import { formatDateTime } from '@/lib/format';
import { ALERTS_PAGE_SIZE, alertQueryString, describeRule, parseAlertQuery, type SearchParams } from '@/lib/validation/alerts';
import { requireViewer } from '@/server/auth/viewer';
import { acknowledge, markSeen, reviewLowRatings, saveAlertRule } from './actions';

export const metadata: Metadata = { title: 'Cảnh báo' };

/** Open alerts shown at once; more than this many unanswered is itself the message. */
const OPEN_LIMIT = 50;

const n = (v: number) => v.toLocaleString('vi-VN');

/** ", 2 mới" after a count, when some of it arrived since the last visit. */
const newPart = (v: number | undefined) => (v ? `, ${n(v)} mới` : '');

export default async function AlertsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requireViewer('dashboard.read');
  const { query, notes } = parseAlertQuery(await searchParams);
  // "Seen" is recorded as of this instant by MarkAlertsSeen once the page is shown; it only decides what is marked "Mới".
  const renderedAt = new Date();
  const seenAt = await getAlertsSeenAt(viewer);
  const since = newSince(seenAt, renderedAt);
  const mayAcknowledge = can(viewer.role, 'alerts.acknowledge');

  const open = await listAlerts(viewer, { status: 'open', page: 1, pageSize: OPEN_LIMIT });
  const history = await listAlerts(viewer, { status: 'acknowledged', page: query.page, pageSize: ALERTS_PAGE_SIZE });
  const historyPages = Math.max(1, Math.ceil(history.total / ALERTS_PAGE_SIZE));
  const waiting = await countFollowUp(viewer, { now: renderedAt, since });
  const fresh = waiting.new;
  const lows = (await listLowRatingsToReview(viewer, { now: renderedAt })).map((r) => ({ ...r, isNew: r.receivedAt > since }));

  const offices = await listRuleOffices(viewer);
  const picked = query.unitId ? offices.find((o) => o.id === query.unitId) : undefined;
  if (query.unitId && !picked) notes.push('Không có đơn vị này trong số đơn vị Ông/Bà đặt được quy tắc, nên đang hiển thị đơn vị mặc định.');
  const ruleOffice = picked ?? offices.find((o) => o.id === viewer.scopeUnitId) ?? offices[0];
  const rule = ruleOffice ? await getAlertRule(ruleOffice.id) : null;
  const justAcknowledged = query.acknowledgedId ? history.rows.find((r) => r.id === query.acknowledgedId) : undefined;

  return (
    <div className="admin stack alerts-page">
      <MarkAlertsSeen action={markSeen} at={renderedAt.getTime()} remaining={followUpTotal(waiting)} />
      <h1>Cảnh báo</h1>
      <p className="muted">
        Trong phạm vi {viewer.scopeName}. Mỗi mục dưới đây được đếm cho đến khi được xử lý, kể cả khi Ông/Bà đã xem. Dấu “Mới” đánh dấu những gì đến sau{' '}
        {seenAt ? (
          <>
            lần Ông/Bà xem trang này trước (<time dateTime={seenAt.toISOString()}>{formatDateTime(seenAt)}</time>)
          </>
        ) : (
          '7 ngày qua (Ông/Bà chưa xem trang này lần nào)'
        )}
        . Đánh giá thấp là đánh giá có ít nhất một câu mức 1–2, không tính đánh giá bị loại khỏi thống kê. Giờ theo giờ Việt Nam (UTC+7).
      </p>
      <FilterNotes notes={notes} />
      {justAcknowledged ? (
        <div className="notice" role="status">
          <p>
            Đã xác nhận cảnh báo #{justAcknowledged.id} ({justAcknowledged.unitName}). Cảnh báo đã chuyển sang mục “Đã xác nhận”.
          </p>
        </div>
      ) : null}

      <section aria-labelledby="canh-bao-mo" className="admin-section stack">
        <h2 id="canh-bao-mo">
          Cảnh báo đang mở ({n(open.total)}
          {newPart(fresh?.openAlerts)})
        </h2>
        {open.total === 0 ? (
          <p>Không có cảnh báo nào đang mở.</p>
        ) : (
          <>
            {open.total > open.rows.length ? (
              <p>
                Hiển thị {n(open.rows.length)} cảnh báo mới nhất trong {n(open.total)} cảnh báo đang mở.
              </p>
            ) : null}
            {mayAcknowledge ? null : <p className="muted">Thủ trưởng đơn vị xác nhận cảnh báo; Ông/Bà chỉ xem.</p>}
            <ol className="plain-list alert-list">
              {open.rows.map((a) => (
                <AlertItem key={a.id} alert={a} isNew={a.triggeredAt > since}>
                  {mayAcknowledge ? <AcknowledgeAlertForm action={acknowledge} alertId={a.id} /> : null}
                </AlertItem>
              ))}
            </ol>
          </>
        )}
      </section>

      <section aria-labelledby="danh-gia-thap" className="admin-section stack">
        <h2 id="danh-gia-thap">
          Đánh giá thấp chưa xử lý ({n(waiting.lowRatings)}
          {newPart(fresh?.lowRatings)})
        </h2>
        <p className="muted">
          Đánh giá thấp trong {LOW_RATING_FOLLOW_UP_DAYS} ngày qua. Một đánh giá hết chờ khi được đánh dấu “Đã xem xét”, khi góp ý kèm theo đã được trả lời, hoặc khi cảnh
          báo chứa nó đã được xác nhận.
        </p>
        {waiting.lowRatings > lows.length ? (
          <p>
            Hiển thị {n(lows.length)} đánh giá mới nhất trong {n(waiting.lowRatings)} đánh giá đang chờ.
          </p>
        ) : null}
        {mayAcknowledge ? (
          // Kept on the page when the list empties, so its confirmation stays readable.
          <LowRatingsReviewForm action={reviewLowRatings} ids={lows.map((r) => r.responseId)}>
            {lows.length === 0 ? <p>Không có đánh giá thấp nào đang chờ xử lý.</p> : <LowRatingsTable rows={lows} reviewable />}
          </LowRatingsReviewForm>
        ) : lows.length === 0 ? (
          <p>Không có đánh giá thấp nào đang chờ xử lý.</p>
        ) : (
          <>
            <p className="muted">Thủ trưởng đơn vị xem xét các đánh giá này; Ông/Bà chỉ xem.</p>
            <LowRatingsTable rows={lows} />
          </>
        )}
      </section>

      <section aria-labelledby="gop-y-cho" className="admin-section stack">
        <h2 id="gop-y-cho">
          Góp ý chưa trả lời ({n(waiting.comments)}
          {newPart(fresh?.comments)})
        </h2>
        {waiting.comments === 0 ? (
          <p>Không có góp ý nào đang chờ trả lời.</p>
        ) : (
          <p>
            Có {n(waiting.comments)} góp ý chưa được trả lời{fresh?.comments ? `, trong đó ${n(fresh.comments)} góp ý mới` : ''}. Góp ý chờ lâu nhất được liệt kê ở{' '}
            <Link href="/tong-quan#gop-y-cho-tra-loi">Tổng quan</Link>. <Link href="/gop-y">Mở danh sách góp ý</Link>
          </p>
        )}
      </section>

      <section aria-labelledby="da-xac-nhan" className="admin-section stack">
        <h2 id="da-xac-nhan">Đã xác nhận ({n(history.total)})</h2>
        {history.total === 0 ? (
          <p>Chưa có cảnh báo nào được xác nhận.</p>
        ) : history.rows.length === 0 ? (
          <p>
            Trang {query.page} không có cảnh báo nào (chỉ có {historyPages} trang).{' '}
            <Link href={`/canh-bao${alertQueryString(query, 1)}#da-xac-nhan`}>Về trang 1</Link>
          </p>
        ) : (
          <>
            <ol className="plain-list alert-list">
              {history.rows.map((a) => (
                <AlertItem key={a.id} alert={a} />
              ))}
            </ol>
            <Pagination page={query.page} pages={historyPages} hrefFor={(p) => `/canh-bao${alertQueryString(query, p)}#da-xac-nhan`} />
          </>
        )}
      </section>

      {ruleOffice && rule ? (
        <section aria-labelledby="quy-tac" className="admin-section stack">
          <h2 id="quy-tac">Quy tắc cảnh báo</h2>
          {offices.length > 1 ? (
            <form method="get" action="/canh-bao" className="inline-form labelled" aria-label="Chọn đơn vị">
              <div className="field">
                <label htmlFor="quy-tac-don-vi">Đơn vị</label>
                <select id="quy-tac-don-vi" name="don-vi" defaultValue={String(ruleOffice.id)}>
                  {offices.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.name}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit" className="button secondary">
                Xem quy tắc
              </button>
            </form>
          ) : null}
          <h3>{ruleOffice.name}</h3>
          <p>
            {rule.active ? `Đang bật: cảnh báo khi có ${describeRule(rule)}.` : 'Đang tắt: đơn vị này không nhận cảnh báo mới.'}{' '}
            {rule.custom ? `Cập nhật lúc ${formatDateTime(rule.updatedAt)}.` : 'Đây là quy tắc mặc định.'}
          </p>
          <AlertRuleForm key={ruleOffice.id} action={saveAlertRule} unitId={ruleOffice.id} officeName={ruleOffice.name} rule={rule} />
        </section>
      ) : null}
    </div>
  );
}

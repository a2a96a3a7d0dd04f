import { AspectsSection } from '@/components/dashboard/aspects-section';
import { DistributionSection } from '@/components/dashboard/distribution-section';
import { PeriodPicker } from '@/components/dashboard/period-picker';
import { TrendSection } from '@/components/dashboard/trend-section';
import { FilterNotes } from '@/components/ui/filter-notes';
import { formatCount, formatDate, formatDateTime, formatPercent } from '@/lib/format';
import { intervalText, rateCell } from '@/lib/indicators/chart-data';
import { dayStart } from '@/lib/indicators/periods';
import { COMMENT_STATUS_LABELS } from '@/lib/validation/comments';
import type { DashboardQuery } from '@/lib/validation/dashboard';
import type { SectionsProps } from '@/lib/indicators/chart-data';
import type { Period } from '@/lib/indicators/periods';
import type { Summary } from '@/lib/indicators/summary';

/** What server/official-figures.ts loads (components do not import server/; the real type fits). */
type OfficialFigures = {
  official: { fullName: string; position: string; officeName: string };
  period: Pick<Period, 'from' | 'to'>;
  current: Summary;
  sections: SectionsProps;
  comments: { id: number; submittedAt: Date; comment: string; status: string }[];
};

/** The sentence every screen of an individual's figures carries (docs/decisions/023). */
export const ADVISORY_NOTE =
  'Kết quả này chỉ để tham khảo, không dùng để xử lý kỷ luật: đánh giá tại quầy còn phản ánh thời gian chờ đợi và thủ tục, không chỉ riêng người cán bộ.';

/**
 * One official's figures (the head's and assessor's /can-bo/<id>/ket-qua and
 * the official's own /ca-nhan): the satisfaction rate with n and its Wilson
 * interval under the office figures' minimum-sample rule, the distribution by
 * level, the trend by month, and the comments linked to them.
 */
export function OfficialFiguresView({
  data,
  title,
  basePath,
  query,
  notes,
  now,
}: {
  data: OfficialFigures;
  title: string;
  basePath: string;
  query: DashboardQuery;
  notes: string[];
  now: Date;
}) {
  const { official, period, sections } = data;
  const cell = rateCell(data.current.headline, sections.minSample);
  return (
    <div className="dashboard stack">
      <header>
        <h1>{title}</h1>
        <p className="muted">
          {official.fullName}
          {official.position ? `, ${official.position}` : ''} · {official.officeName} · Kỳ báo cáo {formatDate(dayStart(period.from))} – {formatDate(dayStart(period.to))} (giờ Việt
          Nam)
        </p>
      </header>
      <p className="notice" role="note">
        {ADVISORY_NOTE}
      </p>
      <FilterNotes notes={notes} />
      <PeriodPicker basePath={basePath} query={query} now={now} />
      <section aria-labelledby="chi-so-ca-nhan" className="cards-section">
        <h2 id="chi-so-ca-nhan">Tỷ lệ hài lòng chung</h2>
        <div className="cards">
          <article className="card">
            <h3 className="card-title">Tỷ lệ hài lòng (câu “Nhìn chung…”)</h3>
            {cell.rate !== null ? (
              <>
                <p className="card-value">{formatPercent(cell.rate)}</p>
                <p className="card-sub">
                  n = {formatCount(cell.n)} · khoảng tin cậy 95 %: {intervalText(cell)}
                </p>
              </>
            ) : (
              <p className="card-value low-data">{cell.note}</p>
            )}
          </article>
          <article className="card">
            <h3 className="card-title">Số đánh giá hợp lệ</h3>
            <p className="card-value">{formatCount(data.current.responses)}</p>
            <p className="card-sub">Dưới {formatCount(sections.minSample)} đánh giá: chưa đủ dữ liệu để tính tỷ lệ.</p>
          </article>
        </div>
      </section>
      {sections.responses === 0 ? (
        <p className="notice" role="status">
          Không có đánh giá nào được ghi nhận cho cán bộ trong kỳ này.
        </p>
      ) : (
        <div className="dashboard-sections">
          <section aria-labelledby="muc-phan-bo">
            <h2 id="muc-phan-bo">Phân bố năm mức đánh giá</h2>
            <DistributionSection data={sections.distribution} periodLabel={sections.periodLabel} minSample={sections.minSample} />
          </section>
          <section aria-labelledby="muc-dien-bien">
            <h2 id="muc-dien-bien">Diễn biến theo tháng</h2>
            <TrendSection data={sections.trend} periodLabel={sections.periodLabel} bucketName="tháng" minSample={sections.minSample} />
          </section>
          <section aria-labelledby="muc-khia-canh">
            <h2 id="muc-khia-canh">Tỷ lệ hài lòng theo khía cạnh</h2>
            <AspectsSection data={sections.aspects} periodLabel={sections.periodLabel} minSample={sections.minSample} />
          </section>
        </div>
      )}
      <section aria-labelledby="gop-y-lien-quan" className="stack">
        <h2 id="gop-y-lien-quan">Góp ý liên quan đến cán bộ</h2>
        {data.comments.length === 0 ? (
          <p className="muted">Chưa có góp ý nào trong kỳ được thủ trưởng đơn vị gắn với cán bộ này.</p>
        ) : (
          <ol className="plain-list comment-list">
            {data.comments.map((c) => (
              <li key={c.id} className="comment-item">
                <p className="muted comment-meta">
                  <time dateTime={c.submittedAt.toISOString()}>{formatDateTime(c.submittedAt)}</time> · Góp ý #{c.id} ·{' '}
                  {COMMENT_STATUS_LABELS[c.status as keyof typeof COMMENT_STATUS_LABELS] ?? c.status}
                </p>
                <blockquote className="comment-text">{c.comment}</blockquote>
              </li>
            ))}
          </ol>
        )}
      </section>
      <p className="muted definitions">
        Tỷ lệ hài lòng = số câu trả lời mức 4–5 chia cho số câu trả lời hợp lệ; khoảng tin cậy 95 % theo Wilson. Dưới {formatCount(sections.minSample)} phiếu hợp lệ: Chưa đủ dữ
        liệu. Chỉ tính các đánh giá tại quầy khi cán bộ đang trực theo lịch.
      </p>
    </div>
  );
}

import Link from 'next/link';
import { EXCLUSION_LABELS, type ExclusionReason } from '@/lib/indicators/counts';
import { DEFAULT_MIN_SAMPLE, NOT_ENOUGH_DATA, type Indicator } from '@/lib/indicators/indicator';
import { formatCount, formatDate, formatPercent, formatPointChange } from '@/lib/format';
import { dayStart, type Period } from '@/lib/indicators/periods';
import type { Summary } from '@/lib/indicators/summary';

export type HeadlineProps = {
  current: Summary;
  province: Summary;
  previous: Period;
  changes: { headline: number | null; index: number | null };
  exclusions: Record<ExclusionReason, number>;
  /** Null when not counted (a unit holding several offices): the card links to the list instead. */
  comments: { total: number; unanswered: number } | null;
  /** Where "unanswered comments" links to; absent when the viewer cannot open the list. */
  commentsHref?: string;
};

const periodText = (p: Period) => `${formatDate(dayStart(p.from))} – ${formatDate(dayStart(p.to))}`;

function Change({ points, previous }: { points: number | null; previous: Period }) {
  const trend = points === null ? null : points > 0.05 ? 'up' : points < -0.05 ? 'down' : 'flat';
  const word = { up: 'Tăng', down: 'Giảm', flat: 'Không đổi' };
  return (
    <p className="card-change">
      {trend === null ? (
        <>So với kỳ trước ({periodText(previous)}): chưa đủ dữ liệu để so sánh.</>
      ) : (
        <>
          <span className={`change-${trend}`} aria-hidden="true">
            {trend === 'up' ? '▲' : trend === 'down' ? '▼' : '■'}
          </span>{' '}
          {word[trend]} {formatPointChange(points).replace(/^[+−]/, '')} so với kỳ trước ({periodText(previous)})
        </>
      )}
    </p>
  );
}

function LowData({ n }: { n: number }) {
  return (
    <p className="card-value card-low-data">
      {NOT_ENOUGH_DATA}
      <span className="card-sub">
        n = {formatCount(n)} &lt; {DEFAULT_MIN_SAMPLE} phiếu
      </span>
    </p>
  );
}

function RateCard({ title, indicator, province, change, previous }: { title: string; indicator: Indicator | null; province: Indicator | null; change: number | null; previous: Period }) {
  return (
    <article className="card">
      <h3 className="card-title">{title}</h3>
      {indicator?.enoughData ? (
        <>
          <p className="card-value">{formatPercent(indicator.rate)}</p>
          <p className="card-sub">
            Khoảng tin cậy 95 %: {formatPercent(indicator.low)} – {formatPercent(indicator.high)} · n = {formatCount(indicator.n)}
          </p>
          <Change points={change} previous={previous} />
        </>
      ) : (
        <LowData n={indicator?.n ?? 0} />
      )}
      <p className="card-reference">Trung bình toàn tỉnh: {province?.enoughData ? formatPercent(province.rate) : NOT_ENOUGH_DATA}</p>
    </article>
  );
}

/** The four cards at the top of a unit's dashboard: the rate, the index, dissatisfaction and what was counted. */
export function HeadlineCards({ current, province, previous, changes, exclusions, comments, commentsHref }: HeadlineProps) {
  const headline = current.headline;
  const reasons = (Object.keys(exclusions) as ExclusionReason[]).filter((r) => exclusions[r] > 0);
  return (
    <section aria-labelledby="chi-so-chinh" className="cards-section">
      <h2 id="chi-so-chinh" className="visually-hidden">
        Chỉ số chính
      </h2>
      <div className="cards">
        <RateCard title="Tỷ lệ hài lòng chung (câu “Nhìn chung…”)" indicator={headline} province={province.headline} change={changes.headline} previous={previous} />
        <article className="card">
          <h3 className="card-title">Chỉ số hài lòng (trung bình các khía cạnh)</h3>
          {current.index.value !== null ? (
            <>
              <p className="card-value">{formatPercent(current.index.value)}</p>
              <p className="card-sub">Trung bình của {current.index.aspects.length} khía cạnh đủ dữ liệu</p>
              <Change points={changes.index} previous={previous} />
            </>
          ) : (
            <LowData n={current.responses} />
          )}
          <p className="card-reference">Trung bình toàn tỉnh: {province.index.value !== null ? formatPercent(province.index.value) : NOT_ENOUGH_DATA}</p>
        </article>
        <article className="card">
          <h3 className="card-title">Tỷ lệ không hài lòng (mức 1–2)</h3>
          {headline?.enoughData ? (
            <p className="card-value">{formatPercent(headline.dissatisfiedRate)}</p>
          ) : (
            <LowData n={headline?.n ?? 0} />
          )}
          <p className="card-reference">
            Trung bình toàn tỉnh: {province.headline?.enoughData ? formatPercent(province.headline.dissatisfiedRate) : NOT_ENOUGH_DATA}
          </p>
        </article>
        <article className="card">
          <h3 className="card-title">Phiếu hợp lệ</h3>
          <p className="card-value">{formatCount(current.responses)}</p>
          <p className="card-sub">
            Bị loại khỏi thống kê: {formatCount(current.excludedResponses)}
            {reasons.length ? ` (${reasons.map((r) => `${EXCLUSION_LABELS[r].toLowerCase()}: ${formatCount(exclusions[r])}`).join('; ')})` : ''}
          </p>
          <p className="card-reference">
            {comments ? (
              <>
                Góp ý trong kỳ: {formatCount(comments.total)} · chưa xử lý:{' '}
                {commentsHref && comments.unanswered > 0 ? <Link href={commentsHref}>{formatCount(comments.unanswered)}</Link> : formatCount(comments.unanswered)}
              </>
            ) : commentsHref ? (
              <Link href={commentsHref}>Góp ý chưa xử lý trong kỳ</Link>
            ) : null}
          </p>
        </article>
      </div>
    </section>
  );
}

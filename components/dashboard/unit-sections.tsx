import { formatCount } from '@/lib/format';
import type { SectionsProps } from '@/lib/indicators/chart-data';
import { AspectsSection } from './aspects-section';
import { ChoiceSection } from './choices-section';
import { CountersSection } from './counters-section';
import { DistributionSection } from './distribution-section';
import { HeatmapSection } from './heatmap-section';
import { TrendSection } from './trend-section';

/**
 * The sections of an office's dashboard, in order, each under an h2: trend,
 * aspects, distribution of the five levels, counters, hours × weekdays,
 * reasons and the other choice questions. Takes `toSectionsProps(dashboard)`
 * (lib/indicators/chart-data.ts): plain data, no functions.
 */
export function UnitSections({ data }: { data: SectionsProps }) {
  const { periodLabel, minSample, bucketName } = data;
  // Six empty charts in a row say nothing more than one sentence.
  if (data.responses === 0 && data.heatmap.rows.total === 0) {
    return (
      <section aria-labelledby="muc-bieu-do" className="dashboard-sections">
        <h2 id="muc-bieu-do">Biểu đồ</h2>
        <p className="chart-note">Chưa có biểu đồ: không có đánh giá hợp lệ nào trong kỳ {periodLabel}.</p>
      </section>
    );
  }
  return (
    <div className="dashboard-sections">
      <section aria-labelledby="muc-dien-bien">
        <h2 id="muc-dien-bien">Diễn biến theo thời gian</h2>
        <TrendSection data={data.trend} periodLabel={periodLabel} bucketName={bucketName} minSample={minSample} />
      </section>
      <section aria-labelledby="muc-khia-canh">
        <h2 id="muc-khia-canh">Tỷ lệ hài lòng theo khía cạnh</h2>
        <AspectsSection data={data.aspects} periodLabel={periodLabel} minSample={minSample} />
      </section>
      <section aria-labelledby="muc-phan-bo">
        <h2 id="muc-phan-bo">Phân bố năm mức đánh giá</h2>
        <DistributionSection data={data.distribution} periodLabel={periodLabel} minSample={minSample} />
      </section>
      {data.aggregateOf === null ? (
        <>
          <section aria-labelledby="muc-quay">
            <h2 id="muc-quay">So sánh các quầy</h2>
            <CountersSection data={data.counters} periodLabel={periodLabel} minSample={minSample} />
          </section>
          <section aria-labelledby="muc-gio">
            <h2 id="muc-gio">Đánh giá theo giờ và ngày trong tuần</h2>
            <HeatmapSection data={data.heatmap} periodLabel={periodLabel} />
          </section>
          <section aria-labelledby="muc-ly-do">
            <h2 id="muc-ly-do">Lý do chưa hài lòng và các câu hỏi lựa chọn</h2>
            {data.reasons.length + data.choices.length === 0 ? <p className="chart-note">Bộ câu hỏi không có câu hỏi lựa chọn.</p> : null}
            {[...data.reasons, ...data.choices].map((c) => (
              <ChoiceSection key={c.rows.key} data={c} periodLabel={periodLabel} />
            ))}
          </section>
        </>
      ) : (
        <section aria-labelledby="muc-tung-don-vi">
          <h2 id="muc-tung-don-vi">Quầy, giờ đánh giá và lý do</h2>
          <p className="chart-note">
            {data.unitName} gồm {formatCount(data.aggregateOf)} đơn vị tiếp nhận hồ sơ. Quầy, giờ trong tuần và lý do chưa hài lòng được phân tích theo
            từng đơn vị: chọn một đơn vị trong bảng dưới đây.
          </p>
        </section>
      )}
    </div>
  );
}

import { formatCount, formatPercent } from '@/lib/format';
import { EMPTY_PERIOD, intervalText, type SectionsProps } from '@/lib/indicators/chart-data';
import { ChartFigure, ChartLegend } from './chart-figure';
import { COUNT_COLOR, DISSATISFIED_COLOR, RATE_COLOR } from './chart-style';
import { TrendChart } from './trend-chart';

export function TrendSection({ data, periodLabel, bucketName, minSample }: { data: SectionsProps['trend']; periodLabel: string; bucketName: string; minSample: number }) {
  const total = data.rows.reduce((s, r) => s + r.responses, 0);
  const rated = data.rows.some((r) => r.rate !== null);
  const note = total === 0 ? EMPTY_PERIOD : rated ? null : `Không ${bucketName} nào đủ ${formatCount(minSample)} đánh giá để tính tỷ lệ; chỉ vẽ số đánh giá.`;
  return (
    <ChartFigure
      caption={`Số đánh giá hợp lệ và tỷ lệ hài lòng chung (khoảng tin cậy 95 %) theo ${bucketName}, ${periodLabel}. Tỷ lệ chỉ vẽ ở ${bucketName} có từ ${formatCount(minSample)} đánh giá.`}
      note={note}
      chart={total > 0 ? <TrendChart rows={data.rows} label={data.summary} /> : null}
      legend={
        <ChartLegend
          items={[
            { label: 'Số đánh giá hợp lệ (trục trái)', color: COUNT_COLOR },
            { label: 'Tỷ lệ hài lòng chung, có khoảng tin cậy 95 % (trục phải)', color: RATE_COLOR, shape: 'line' },
            { label: 'Tỷ lệ không hài lòng (trục phải)', color: DISSATISFIED_COLOR, shape: 'dash' },
          ]}
        />
      }
      table={
        <table className="data">
          <caption>Số đánh giá và tỷ lệ hài lòng chung theo {bucketName}, {periodLabel}</caption>
          <thead>
            <tr>
              <th scope="col">Kỳ</th>
              <th scope="col">Số đánh giá hợp lệ</th>
              <th scope="col">Tỷ lệ hài lòng</th>
              <th scope="col">Khoảng tin cậy 95 %</th>
              <th scope="col">Tỷ lệ không hài lòng</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">{r.label}</th>
                <td className="num">{formatCount(r.responses)}</td>
                {r.rate !== null ? (
                  <>
                    <td className="num">{formatPercent(r.rate)}</td>
                    <td className="num">{intervalText(r)}</td>
                    <td className="num">{formatPercent(r.dissatisfied)}</td>
                  </>
                ) : (
                  <td colSpan={3}>{r.n === 0 ? 'Không có đánh giá' : r.note}</td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

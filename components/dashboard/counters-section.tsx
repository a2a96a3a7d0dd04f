import { type SectionsProps } from '@/lib/indicators/chart-data';
import { ChartFigure } from './chart-figure';
import { RateBarsChart } from './rate-bars-chart';
import { RateTable } from './rate-table';

export function CountersSection({ data, periodLabel, minSample }: { data: SectionsProps['counters']; periodLabel: string; minSample: number }) {
  const any = data.rows.some((r) => r.n > 0);
  const rated = data.rows.some((r) => r.rate !== null);
  const note =
    data.rows.length === 0
      ? 'Đơn vị chưa có quầy nào.'
      : !any
        ? 'Không có đánh giá nào trong kỳ này.'
        : rated
          ? null
          : `Chưa quầy nào đủ ${minSample} đánh giá để tính tỷ lệ; xem số đánh giá trong bảng số liệu.`;
  const name = (r: SectionsProps['counters']['rows'][number]) => (r.active ? r.name : `${r.name} (đã ngừng)`);
  return (
    <ChartFigure
      caption={`Tỷ lệ hài lòng chung theo quầy, có khoảng tin cậy 95 % và số đánh giá n, ${periodLabel}. Quầy có dưới ${minSample} đánh giá ghi “Chưa đủ dữ liệu”.`}
      note={note}
      chart={rated ? <RateBarsChart rows={data.rows.map((r) => ({ ...r, name: name(r) }))} label={data.summary} /> : null}
      table={<RateTable caption={`Tỷ lệ hài lòng chung theo quầy, ${periodLabel}`} head="Quầy" rows={data.rows.map((r) => ({ ...r, key: r.id, name: name(r) }))} />}
    />
  );
}

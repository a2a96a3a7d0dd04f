import { type SectionsProps } from '@/lib/indicators/chart-data';
import { ChartFigure } from './chart-figure';
import { RateBarsChart } from './rate-bars-chart';
import { RateTable } from './rate-table';

const MAX_EMPTY_ROWS = 12;

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
  // Many counters below the minimum would make a tall chart of empty rows: past a dozen, draw only the rated ones.
  const drawn = data.rows.length > MAX_EMPTY_ROWS ? data.rows.filter((r) => r.rate !== null) : data.rows;
  const left = data.rows.length - drawn.length;
  return (
    <ChartFigure
      caption={`Tỷ lệ hài lòng chung theo quầy, có khoảng tin cậy 95 % và số đánh giá n, ${periodLabel}. Quầy có dưới ${minSample} đánh giá ghi “Chưa đủ dữ liệu”.`}
      note={note ?? (left > 0 ? `Biểu đồ chỉ vẽ ${drawn.length} quầy đủ dữ liệu; ${left} quầy còn lại chưa đủ ${minSample} đánh giá, xem bảng số liệu.` : null)}
      chart={rated ? <RateBarsChart rows={drawn.map((r) => ({ ...r, name: name(r) }))} label={data.summary} /> : null}
      table={<RateTable caption={`Tỷ lệ hài lòng chung theo quầy, ${periodLabel}`} head="Quầy" rows={data.rows.map((r) => ({ ...r, key: r.id, name: name(r) }))} />}
    />
  );
}

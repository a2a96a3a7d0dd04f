import { EMPTY_PERIOD, lowDataNote, type SectionsProps } from '@/lib/indicators/chart-data';
import { ChartFigure } from './chart-figure';
import { RateBarsChart } from './rate-bars-chart';
import { RateTable } from './rate-table';

export function AspectsSection({ data, periodLabel, minSample }: { data: SectionsProps['aspects']; periodLabel: string; minSample: number }) {
  const n = Math.max(0, ...data.rows.map((r) => r.n));
  const rated = data.rows.some((r) => r.rate !== null);
  const note = n === 0 ? EMPTY_PERIOD : rated ? null : lowDataNote(n, minSample);
  return (
    <ChartFigure
      caption={`Tỷ lệ hài lòng theo khía cạnh (thanh) và khoảng tin cậy 95 % (vạch), ${periodLabel}. Khía cạnh có dưới ${minSample} người trả lời không có thanh.`}
      note={note}
      chart={rated ? <RateBarsChart rows={data.rows.map((r) => ({ ...r, name: r.label }))} label={data.summary} /> : null}
      table={<RateTable caption={`Tỷ lệ hài lòng theo khía cạnh, ${periodLabel}`} head="Khía cạnh" rows={data.rows.map((r) => ({ ...r, key: r.aspect, name: r.label }))} />}
    />
  );
}

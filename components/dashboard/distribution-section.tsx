import { formatCount, formatPercent } from '@/lib/format';
import { EMPTY_PERIOD, lowDataNote, type SectionsProps } from '@/lib/indicators/chart-data';
import { SCALE_LABELS, SCALE_VALUES } from '@/lib/survey/scale';
import { ChartFigure, ChartLegend } from './chart-figure';
import { LEVEL_COLORS } from './chart-style';
import { DistributionChart } from './distribution-chart';

export function DistributionSection({ data, periodLabel, minSample }: { data: SectionsProps['distribution']; periodLabel: string; minSample: number }) {
  const shown = data.rows.filter((r) => r.enoughData);
  const n = Math.max(0, ...data.rows.map((r) => r.n));
  const note = n === 0 ? EMPTY_PERIOD : shown.length === 0 ? lowDataNote(n, minSample) : null;
  return (
    <ChartFigure
      caption={`Phân bố năm mức đánh giá theo khía cạnh (tỷ lệ trên số câu trả lời, từ Rất hài lòng đến Rất không hài lòng), ${periodLabel}. Chỉ vẽ khía cạnh có từ ${minSample} người trả lời.`}
      note={note}
      chart={shown.length ? <DistributionChart rows={shown} label={data.summary} /> : null}
      legend={<ChartLegend items={SCALE_VALUES.map((l) => ({ label: `${l} – ${SCALE_LABELS[l].vi}`, color: LEVEL_COLORS[l].fill }))} />}
      table={
        <table className="data">
          <caption>Số câu trả lời và tỷ lệ ở mỗi mức theo khía cạnh, {periodLabel}</caption>
          <thead>
            <tr>
              <th scope="col">Khía cạnh</th>
              {SCALE_VALUES.map((l) => (
                <th scope="col" key={l}>
                  {SCALE_LABELS[l].vi} ({l})
                </th>
              ))}
              <th scope="col">Số câu trả lời</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((r) => (
              <tr key={r.aspect}>
                <th scope="row">
                  {r.label}
                  {r.enoughData ? null : <span className="cell-note">{r.note}</span>}
                </th>
                {r.levels.map((l) => (
                  <td className="num" key={l.level}>
                    {formatCount(l.n)}
                    {l.share !== null ? ` (${formatPercent(l.share)})` : null}
                  </td>
                ))}
                <td className="num">{formatCount(r.answers)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

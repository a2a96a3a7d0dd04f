import { formatCount, formatPercent } from '@/lib/format';
import { asSentence, EMPTY_PERIOD, type ChoiceBlock, type Section } from '@/lib/indicators/chart-data';
import { ChartFigure } from './chart-figure';
import { ChoiceChart } from './choice-chart';

/** One choice question: bars, counts and shares (of the choices made, when several may be ticked). */
export function ChoiceSection({ data, periodLabel }: { data: Section<ChoiceBlock>; periodLabel: string }) {
  const block = data.rows;
  const of = block.multiple ? 'tổng số lượt chọn (mỗi người có thể chọn nhiều lý do)' : 'số người trả lời câu này';
  return (
    <ChartFigure
      caption={`${asSentence(block.text)} Số lượt chọn và tỷ lệ trên ${of}, ${periodLabel}.`}
      note={block.total === 0 ? EMPTY_PERIOD : null}
      chart={block.total > 0 ? <ChoiceChart block={block} label={data.summary} /> : null}
      table={
        <table className="data">
          <caption>{block.text}</caption>
          <thead>
            <tr>
              <th scope="col">Lựa chọn</th>
              <th scope="col">Số lượt chọn</th>
              <th scope="col">Tỷ lệ</th>
            </tr>
          </thead>
          <tbody>
            {block.options.map((o) => (
              <tr key={o.value}>
                <th scope="row">{o.label}</th>
                <td className="num">{formatCount(o.n)}</td>
                <td className="num">{block.total ? formatPercent(o.share) : '—'}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Tổng</th>
              <td className="num">{formatCount(block.total)}</td>
              <td />
            </tr>
          </tfoot>
        </table>
      }
    />
  );
}

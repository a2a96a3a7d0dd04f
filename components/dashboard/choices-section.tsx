import { asSentence, EMPTY_PERIOD, type ChoiceBlock, type Section } from '@/lib/indicators/chart-data';
import { ChoiceTable } from './choice-table';
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
        <ChoiceTable caption={block.text} options={block.options} total={block.total} />
      }
    />
  );
}

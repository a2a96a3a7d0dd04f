import { formatCount, formatPercent } from '@/lib/format';

type Option = { value: string; label: string; n: number; share: number | null };

/** Options chosen in one choice question, with counts, shares and the total: the dashboard's and the report's table. */
export function ChoiceTable({ caption, options, total }: { caption: React.ReactNode; options: readonly Option[]; total: number }) {
  return (
    <table className="data">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Lựa chọn</th>
          <th scope="col">Số lượt chọn</th>
          <th scope="col">Tỷ lệ</th>
        </tr>
      </thead>
      <tbody>
        {options.map((o) => (
          <tr key={o.value}>
            <th scope="row">{o.label}</th>
            <td className="num">{formatCount(o.n)}</td>
            <td className="num">{total ? formatPercent(o.share) : '—'}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">Tổng</th>
          <td className="num">{formatCount(total)}</td>
          <td className="num">{total ? formatPercent(1) : '—'}</td>
        </tr>
      </tfoot>
    </table>
  );
}

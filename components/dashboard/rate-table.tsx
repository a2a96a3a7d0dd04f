import { formatCount, formatPercent } from '@/lib/format';
import { intervalText, type RateCell } from '@/lib/indicators/chart-data';

/** The numbers behind a rate chart: one row per aspect or counter. */
export function RateTable({ caption, head, rows }: { caption: string; head: string; rows: (RateCell & { key: string | number; name: string })[] }) {
  return (
    <table className="data">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{head}</th>
          <th scope="col">n</th>
          <th scope="col">Tỷ lệ hài lòng</th>
          <th scope="col">Khoảng tin cậy 95 %</th>
          <th scope="col">Tỷ lệ không hài lòng</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.name}</th>
            <td className="num">{formatCount(r.n)}</td>
            {r.rate !== null ? (
              <>
                <td className="num">{formatPercent(r.rate)}</td>
                <td className="num">{intervalText(r)}</td>
                <td className="num">{formatPercent(r.dissatisfied)}</td>
              </>
            ) : (
              <td colSpan={3}>{r.note}</td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

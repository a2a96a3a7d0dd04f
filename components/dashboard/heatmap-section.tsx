import { formatCount } from '@/lib/format';
import { EMPTY_PERIOD, type SectionsProps } from '@/lib/indicators/chart-data';
import { ScrollRegion } from './scroll-region';

/**
 * Ratings by weekday and hour as a plain table: every cell shaded and
 * carrying its number, so it reads without colour and prints as it is.
 */
export function HeatmapSection({ data, periodLabel }: { data: SectionsProps['heatmap']; periodLabel: string }) {
  const { hours, rows, total } = data.rows;
  return (
    <figure className="chart-figure">
      <figcaption>
        Số đánh giá hợp lệ theo giờ (giờ Việt Nam) và ngày trong tuần, {periodLabel}. Ô càng đậm càng nhiều đánh giá.
      </figcaption>
      {total === 0 ? <p className="chart-note">{EMPTY_PERIOD}</p> : null}
      <ScrollRegion label="Bảng số đánh giá theo giờ và ngày trong tuần">
        <table className="heatmap">
          <caption className="visually-hidden">{data.summary}</caption>
          <thead>
            <tr>
              <td />
              {hours.map((h) => (
                <th scope="col" key={h}>
                  {h}h
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.day}>
                <th scope="row">{r.day}</th>
                {r.cells.map((c) => (
                  <td key={c.hour} className={`heat-${c.level}`}>
                    {formatCount(c.n)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </figure>
  );
}

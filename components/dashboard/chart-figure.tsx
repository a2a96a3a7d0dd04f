import type { ReactNode } from 'react';
import { ScrollRegion } from './scroll-region';

/**
 * One chart of the dashboard: a caption saying what it shows and for which
 * period, the chart (or a note when there is nothing to draw), and the table
 * of its numbers right after it, folded.
 */
export function ChartFigure({ caption, note, chart, legend, table }: { caption: string; note?: string | null; chart?: ReactNode; legend?: ReactNode; table: ReactNode }) {
  return (
    <figure className="chart-figure">
      <figcaption>{caption}</figcaption>
      {note ? <p className="chart-note">{note}</p> : null}
      {chart ? <div className="chart-box">{chart}</div> : null}
      {chart ? legend : null}
      <details className="chart-data">
        <summary>Bảng số liệu</summary>
        <ScrollRegion label={`Bảng số liệu: ${caption}`}>{table}</ScrollRegion>
      </details>
    </figure>
  );
}

/** A legend in HTML, so its words keep full contrast whatever the colour of the swatch. */
export function ChartLegend({ items }: { items: { label: string; color: string; shape?: 'box' | 'line' | 'dash' }[] }) {
  return (
    <ul className="chart-legend" aria-hidden="true">
      {items.map((i) => (
        <li key={i.label}>
          <span className={`chart-swatch chart-swatch-${i.shape ?? 'box'}`} style={{ '--swatch': i.color } as React.CSSProperties} />
          {i.label}
        </li>
      ))}
    </ul>
  );
}

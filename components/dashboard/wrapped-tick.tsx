import { wrapLabel } from './chart-style';

// Recharts also passes the axis' own width and height; only these are used.
type TickProps = { x?: number | string; y?: number | string; payload?: { value?: unknown; index?: number }; index?: number };

/**
 * A category-axis tick of a horizontal bar chart: the name over up to two
 * lines and, under it, a note (n, or "Chưa đủ dữ liệu (n = 12 < 30)").
 */
export function WrappedTick({ notes, chars = 20, ...props }: TickProps & { notes: readonly string[]; chars?: number }) {
  const x = Number(props.x ?? 0);
  const y = Number(props.y ?? 0);
  const index = props.index ?? props.payload?.index ?? 0;
  const lines = wrapLabel(String(props.payload?.value ?? ''), chars);
  // "Chưa đủ dữ liệu (n = 12 < 30)" goes on two lines: the axis is narrow on a phone.
  const note = notes[index] ?? '';
  const paren = note.indexOf(' (');
  const noteLines = !note ? [] : note.length <= chars + 4 || paren < 0 ? [note] : [note.slice(0, paren), note.slice(paren + 1)];
  const count = lines.length + noteLines.length;
  return (
    <text x={x - 6} y={y} textAnchor="end" fontSize={12} fill="#1a1a1a">
      {lines.map((line, i) => (
        <tspan key={i} x={x - 6} dy={i === 0 ? `${-(count - 1) * 0.6 + 0.35}em` : '1.2em'} fontWeight={600}>
          {line}
        </tspan>
      ))}
      {noteLines.map((line, i) => (
        <tspan key={`note-${i}`} x={x - 6} dy="1.2em" fill="#4a4f57">
          {line}
        </tspan>
      ))}
    </text>
  );
}

/** A Markdown table for the benchmarks' reports: numbers in en-US digits, every column but the first right-aligned. */
export function markdownTable(header: string[], rows: (string | number)[][]): string {
  const fmt = (c: string | number) => (typeof c === 'number' ? c.toLocaleString('en-US') : c);
  return [`| ${header.join(' | ')} |`, `|${header.map((_, i) => (i === 0 ? '---' : '--:')).join('|')}|`, ...rows.map((r) => `| ${r.map(fmt).join(' | ')} |`)].join(
    '\n',
  );
}

/** Prints rows as an aligned text table (numbers right-aligned). */
export function printTable(title: string, header: string[], rows: (string | number)[][]) {
  const cells = [header, ...rows.map((r) => r.map((c) => (typeof c === 'number' ? formatNumber(c) : c)))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => String(r[i] ?? '').length)));
  const numeric = header.map((_, i) => rows.every((r) => typeof r[i] === 'number' || /^[\d.,\s%×<>=≤-]+(ms|KB|MB|B|s|\/s)?$/.test(String(r[i]))));
  const line = (r: (string | number)[]) =>
    '| ' + r.map((c, i) => (numeric[i] && r !== header ? String(c).padStart(widths[i]!) : String(c).padEnd(widths[i]!))).join(' | ') + ' |';
  console.log(`\n${title}`);
  console.log(line(cells[0]!));
  console.log('|' + widths.map((w, i) => (numeric[i] ? '-'.repeat(w + 1) + ':' : '-'.repeat(w + 2))).join('|') + '|');
  for (const r of cells.slice(1)) console.log(line(r));
}

export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n)) return n.toLocaleString('en-US');
  return n.toLocaleString('en-US', { maximumFractionDigits: Math.abs(n) < 10 ? 2 : 1 });
}

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
export const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
